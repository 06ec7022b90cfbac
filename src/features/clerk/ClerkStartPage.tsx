import * as React from 'react';
import { Spinner, SpinnerSize } from '@fluentui/react';
import type { StartPageProps } from '../../app/screenProps';

// The clerk's screen loads only for a clerk, so it never weighs on a councillor's first load.
const ClerkScreen = React.lazy(() => import(/* webpackChunkName: 'clerk' */ './ClerkScreen'));

/** The committee clerk's start page: the committee pack. */
export function ClerkStartPage(props: StartPageProps): JSX.Element {
  return (
    <React.Suspense fallback={<Spinner size={SpinnerSize.large} label="Opening the committee pack…" />}>
      <ClerkScreen {...props} />
    </React.Suspense>
  );
}
