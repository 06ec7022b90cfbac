import * as React from 'react';
import { Spinner, SpinnerSize } from '@fluentui/react';
import type { StartPageProps } from '../../app/screenProps';

// The overview loads only for the improvement team, so it never weighs on a councillor's first load.
const VisitsOverviewPage = React.lazy(() =>
  import(/* webpackChunkName: 'visits-overview' */ './VisitsOverviewPage').then((m) => ({ default: m.VisitsOverviewPage })),
);

/** The improvement team's start page: every visit of the year and where its report stands. */
export function OverviewStartPage(props: StartPageProps): JSX.Element {
  return (
    <React.Suspense fallback={<Spinner size={SpinnerSize.large} label="Opening the visits overview…" />}>
      <VisitsOverviewPage {...props} />
    </React.Suspense>
  );
}
