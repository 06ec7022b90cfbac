import * as React from 'react';
import { DefaultButton, Dropdown, Spinner, SpinnerSize, Stack, useTheme } from '@fluentui/react';
import { formatLongDate } from '../../domain/calendarDate';
import { screenStyles } from '../common/styles';
import type { SavedReports } from './useCommitteeReport';

export interface SavedReportPickerProps {
  saved: SavedReports;
  onOpen(id: number): void;
}

/** The reports kept per meeting: open one to carry on writing it, or to build last year's again with its words. */
export function SavedReportPicker({ saved, onOpen }: SavedReportPickerProps): JSX.Element {
  const styles = screenStyles(useTheme());
  const [chosen, setChosen] = React.useState<number | undefined>();
  if (saved.status === 'loading') {
    return <Spinner size={SpinnerSize.small} label="Loading the saved reports…" labelPosition="right" />;
  }
  if (saved.status === 'failed') {
    return <p className={styles.line}>The saved reports could not be loaded. You can still write and download a new report.</p>;
  }
  if (saved.reports.length === 0) {
    return <p className={styles.line}>No reports have been saved yet.</p>;
  }
  return (
    <Stack horizontal wrap verticalAlign="end" tokens={{ childrenGap: 8 }}>
      <Dropdown
        id="fv-saved-reports"
        label="Saved reports"
        placeholder="Choose a meeting"
        selectedKey={chosen}
        options={saved.reports.map((r) => ({
          key: r.id,
          text: `${r.meetingDate ? formatLongDate(r.meetingDate) : 'No date'}: ${r.reportTitle} (${r.state === 'Final' ? 'final' : 'draft'}, report ${r.id})`,
        }))}
        onChange={(_, option) => setChosen(option ? Number(option.key) : undefined)}
        styles={{ root: { width: '32rem', maxWidth: '100%' } }}
      />
      <DefaultButton text="Open the report" disabled={chosen === undefined} onClick={() => chosen !== undefined && onOpen(chosen)} />
    </Stack>
  );
}
