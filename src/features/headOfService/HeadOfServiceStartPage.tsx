import * as React from 'react';
import { Spinner, SpinnerSize } from '@fluentui/react';
import type { StartPageProps } from '../../app/screenProps';

// Loaded only for a Head of Service, so it never weighs on a councillor's first load.
const HeadOfServicePage = React.lazy(() =>
  import(/* webpackChunkName: 'head-of-service' */ './HeadOfServicePage').then((m) => ({ default: m.HeadOfServicePage })),
);

/** The Head of Service's start page: the responses they owe. */
export function HeadOfServiceStartPage(props: StartPageProps): JSX.Element {
  return (
    <React.Suspense fallback={<Spinner size={SpinnerSize.large} label="Opening the responses to write…" />}>
      <HeadOfServicePage {...props} />
    </React.Suspense>
  );
}
