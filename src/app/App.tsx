import * as React from 'react';
import { MessageBar, MessageBarType, Spinner, Stack, Text, ThemeProvider } from '@fluentui/react';
import { formatLongDate } from '../domain/calendarDate';
import { primaryRole, ROLE_LABELS } from '../domain/roles';
import type { AppContext } from './AppContext';
import { themeFor } from './themes';
import { useStartPage } from './useStartPage';

export interface AppProps {
  context: AppContext;
}

/** The one React root, in SharePoint, in Teams and in the local workbench. */
export function App({ context }: AppProps): JSX.Element {
  const theme = React.useMemo(() => themeFor(context), [context.host, context.teamsTheme, context.theme]);
  const start = useStartPage(context);
  return (
    <ThemeProvider theme={theme} applyTo="element">
      <main aria-labelledby="fv-heading" style={{ padding: 16 }}>
        <Text as="h1" id="fv-heading" variant="xLarge" block>
          Frontline Visits
        </Text>
        {start.status === 'loading' && <Spinner label="Loading your visits…" />}
        {start.status === 'failed' && <MessageBar messageBarType={MessageBarType.error}>{start.message}</MessageBar>}
        {start.status === 'loaded' && (
          <Stack tokens={{ childrenGap: 12 }}>
            <Text block>
              Signed in as {start.data.user.displayName}
              {primaryRole(start.data.user.roles) ? ` (${ROLE_LABELS[primaryRole(start.data.user.roles)!]})` : ' (no Frontline Visits role)'}
            </Text>
            <Text as="h2" variant="large" block>
              Upcoming visits
            </Text>
            {start.data.upcomingRota.length === 0 ? (
              <Text block>No visits are booked.</Text>
            ) : (
              <ul>
                {start.data.upcomingRota.map((entry) => (
                  <li key={entry.id}>
                    {formatLongDate(entry.visitDate)}: {entry.teamTitle} ({entry.members.map((m) => m.displayName).join(', ') || 'no members booked'})
                  </li>
                ))}
              </ul>
            )}
          </Stack>
        )}
      </main>
    </ThemeProvider>
  );
}
