import * as React from 'react';
import { Checkbox, DefaultButton, MessageBar, MessageBarType, PrimaryButton, Spinner, SpinnerSize, Stack, useTheme } from '@fluentui/react';
import type { SPFI } from '@pnp/sp';
import { formatLongDate, londonDateOf } from '../../domain/calendarDate';
import { GRID_ROW_LABELS, GRID_ROWS, GridRow } from '../../domain/grid';
import type { VisitReport } from '../../domain/types';
import { screenStyles } from '../common/styles';
import { useReportThemes } from './useReportThemes';

/**
 * The improvement team's themes for one submitted report: each area's suggested themes (from its
 * words, with the words that suggested them), to confirm or change. The pack counts what is
 * confirmed here; until then it counts the suggestions and says so.
 */
export function ReportThemesPanel({ sp, report }: { sp: SPFI; report: VisitReport }): JSX.Element {
  const theme = useTheme();
  const styles = screenStyles(theme);
  const state = useReportThemes(sp, report);
  return (
    <section aria-labelledby="fv-themes-heading" data-testid="report-themes">
      <h2 id="fv-themes-heading" className={styles.sectionHeading}>
        Themes
      </h2>
      {state.status === 'loading' && <Spinner size={SpinnerSize.medium} label="Reading the themes…" />}
      {state.status === 'failed' && (
        <Stack tokens={{ childrenGap: 8 }} horizontalAlign="start">
          <MessageBar messageBarType={MessageBarType.error} isMultiline={true}>
            {state.message}
          </MessageBar>
          <DefaultButton text="Try again" onClick={state.retry} />
        </Stack>
      )}
      {state.status === 'ready' && (
        <>
          <p className={styles.line} data-testid="themes-status">
            {state.confirmed
              ? `Confirmed by ${state.confirmed.by || 'the improvement team'}${state.confirmed.on ? ` on ${formatLongDate(londonDateOf(new Date(state.confirmed.on)))}` : ''}. The committee pack counts these themes.`
              : 'Suggested from the report’s words and not yet confirmed. Check them, change any that are wrong, and confirm: the committee pack counts the suggestions until then.'}
          </p>
          {GRID_ROWS.map((row: GridRow) => (
            <fieldset key={row} className={styles.card} style={{ margin: '8px 0' }} data-testid={`themes-${row}`}>
              <legend className={styles.cardHeading}>{GRID_ROW_LABELS[row]}</legend>
              {state.suggestions[row].length > 0 ? (
                <p className={styles.line}>
                  Suggested:{' '}
                  {state.suggestions[row].map((s, i) => (
                    <React.Fragment key={s.themeId}>
                      {i > 0 ? '; ' : ''}
                      {state.themeTitle(s.themeId)} (from “{s.matched.join('”, “')}”)
                    </React.Fragment>
                  ))}
                </p>
              ) : (
                <p className={styles.line}>No theme suggested from this area’s words.</p>
              )}
              <Stack tokens={{ childrenGap: 6 }}>
                {state.choices.map((choice) => (
                  <Checkbox
                    key={choice.id}
                    label={choice.isActive ? choice.title : `${choice.title} (no longer in use)`}
                    checked={state.areas[row].indexOf(choice.id) !== -1}
                    onChange={(_e, checked) => state.toggle(row, choice.id, !!checked)}
                  />
                ))}
              </Stack>
            </fieldset>
          ))}
          <Stack horizontal wrap tokens={{ childrenGap: 8 }} verticalAlign="center">
            <PrimaryButton text={state.saving ? 'Saving…' : 'Confirm themes'} onClick={() => void state.save()} disabled={state.saving} />
          </Stack>
          <div role="status" aria-live="polite">
            {state.saved && (
              <MessageBar messageBarType={MessageBarType.success} isMultiline={true}>
                Themes confirmed. The committee pack now counts them.
              </MessageBar>
            )}
          </div>
          {state.saveError && (
            <MessageBar messageBarType={MessageBarType.error} isMultiline={true} role="alert">
              {state.saveError}
            </MessageBar>
          )}
        </>
      )}
    </section>
  );
}
