import * as React from 'react';
import { DefaultButton, MessageBar, MessageBarType, Spinner, SpinnerSize, Stack, ThemeProvider } from '@fluentui/react';
import { londonToday } from '../domain/calendarDate';
import { primaryRole } from '../domain/roles';
import { useStartPage } from '../data/hooks/useStartPage';
import type { AppContext } from './AppContext';
import { START_PAGES } from './startPages';
import { themeFor } from './themes';
import { useRoute } from './useRoute';

// The form and the report view are not needed for the first screen: their code loads on demand.
const ReportScreen = React.lazy(() => import(/* webpackChunkName: 'visit-report' */ '../features/councillor/ReportScreen'));
// Rota editing is for those who keep the rota; councillors open it now and then.
const RotaScreen = React.lazy(() => import(/* webpackChunkName: 'rota' */ '../features/rota/RotaScreen'));

export interface AppProps {
  context: AppContext;
}

/** The one React root, in SharePoint, in Teams and in the local workbench. */
export function App({ context }: AppProps): JSX.Element {
  // The theme depends on these three only; a new context object with the same theme keeps it.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const theme = React.useMemo(() => themeFor(context), [context.host, context.teamsTheme, context.theme]);
  const [route, navigate] = useRoute(context.deepLinkReportId);
  const today = londonToday();
  // Coming back to the start page reloads it, so a report just saved or submitted shows as such.
  const [startVisits, setStartVisits] = React.useState(0);
  const previousPage = React.useRef(route.page);
  React.useEffect(() => {
    if (route.page === 'start' && previousPage.current !== 'start') {
      setStartVisits((n) => n + 1);
    }
    previousPage.current = route.page;
  }, [route]);
  const [start, retry] = useStartPage(context.sp, today, startVisits);

  let content: JSX.Element;
  if (start.status === 'loading') {
    content = <Spinner size={SpinnerSize.large} label="Loading your visits…" />;
  } else if (start.status === 'failed') {
    content = (
      <Stack tokens={{ childrenGap: 12 }} horizontalAlign="start">
        <MessageBar messageBarType={MessageBarType.error}>{start.message}</MessageBar>
        <DefaultButton text="Try again" onClick={retry} />
      </Stack>
    );
  } else {
    const role = primaryRole(start.data.user.roles);
    if (route.page === 'rota' && role) {
      content = (
        <React.Suspense fallback={<Spinner size={SpinnerSize.large} label="Opening the rota…" />}>
          <RotaScreen context={context} data={start.data} today={today} navigate={navigate} />
        </React.Suspense>
      );
    } else if (route.page !== 'start' && role) {
      content = (
        <React.Suspense fallback={<Spinner size={SpinnerSize.large} label="Opening the report…" />}>
          <ReportScreen context={context} route={route} start={start.data} today={today} navigate={navigate} />
        </React.Suspense>
      );
    } else if (!role) {
      content = (
        <MessageBar messageBarType={MessageBarType.warning}>
          You are signed in as {start.data.user.displayName}, who is not in any Frontline Visits group. Ask the Children’s Improvement Team to add you to the
          right group (councillors: Frontline Visit Members), then reload this page.
        </MessageBar>
      );
    } else {
      const StartPage = START_PAGES[role];
      content = <StartPage context={context} data={start.data} today={today} navigate={navigate} />;
    }
  }
  return (
    <ThemeProvider
      theme={theme}
      applyTo="element"
      style={{ background: theme.semanticColors.bodyBackground, color: theme.semanticColors.bodyText, minHeight: '100%' }}
    >
      <div className="fv-app" style={{ padding: '12px 16px 32px', maxWidth: 1200, margin: '0 auto', boxSizing: 'border-box' }} data-route={route.page}>
        {content}
      </div>
    </ThemeProvider>
  );
}
