import * as React from 'react';
import type { SPFI } from '@pnp/sp';
import { DefaultButton, Dropdown, MessageBar, MessageBarType, PrimaryButton, Spinner, SpinnerSize, Stack, TextField, useTheme } from '@fluentui/react';
import type { CalendarDate } from '../../domain/calendarDate';
import { municipalYearRange, nextMunicipalYear } from '../../domain/municipalYear';
import type { Person } from '../../domain/types';
import { TRY_AGAIN } from '../../data/hooks/useLoad';
import { readCommitteeDate } from '../clerk/committeeDateStore';
import { formatDateInput } from '../../report/packPeriod';
import { screenStyles } from '../common/styles';
import { ProposalReview } from './ProposalReview';
import { parseCommitteeDates, useProposal } from './useProposal';

export interface ProposePanelProps {
  sp: SPFI;
  siteUrl: string;
  today: CalendarDate;
  /** The year after this one: the first a proposal may be made for. */
  firstYear: string;
  findPerson(email: string): Promise<Person | undefined>;
  /** Back to the rota; with the year and what was written when a proposal was published. */
  onClose(publishedYear?: string, message?: string): void;
}

function committeeDefault(siteUrl: string, year: string): string {
  const stored = readCommitteeDate(siteUrl);
  const range = municipalYearRange(year);
  return stored && stored >= range.start && stored <= range.end ? formatDateInput(stored) : '';
}

/**
 * "Propose next year's rota": the planner's proposal for a year with no visits yet, reviewed and
 * edited here; nothing is written until Publish, which writes it in one batch.
 */
export default function ProposePanel({ sp, siteUrl, today, firstYear, findPerson, onClose }: ProposePanelProps): JSX.Element {
  const styles = screenStyles(useTheme());
  const [year, setYear] = React.useState(firstYear);
  const [committeeText, setCommitteeText] = React.useState(() => committeeDefault(siteUrl, firstYear));
  const [committeeProblem, setCommitteeProblem] = React.useState<string | undefined>();
  const planning = useProposal(sp, year);
  const existing = planning.load.status === 'loaded' ? planning.load.data.visits.length : 0;
  const propose = (): void => {
    const parsed = parseCommitteeDates(committeeText);
    setCommitteeProblem(parsed.problem);
    if (!parsed.problem) {
      planning.propose(parsed.dates);
    }
  };
  return (
    <div data-testid="rota-propose">
      <h2 className={styles.sectionHeading}>Propose a year’s rota</h2>
      <p className={styles.line}>
        The planner shares the visits among the councillors on the rota in the last two years and anyone with unavailable dates entered, avoiding weekends, bank
        holidays, committee days and the days councillors cannot do. Nothing is saved until you publish.
      </p>
      <Stack horizontal={true} wrap={true} verticalAlign="end" tokens={{ childrenGap: 12 }}>
        <Dropdown
          label="Year to plan"
          options={[firstYear, nextMunicipalYear(firstYear)].map((y) => ({ key: y, text: y }))}
          selectedKey={year}
          onChange={(_, o) => o && setYear(String(o.key))}
          styles={{ root: { minWidth: 140 } }}
        />
        <TextField
          id="fv-committee-dates"
          label="Committee meeting dates (day/month/year, separated by commas)"
          value={committeeText}
          onChange={(_, v) => setCommitteeText(v || '')}
          errorMessage={committeeProblem}
          styles={{ root: { minWidth: 240, maxWidth: 480, flexGrow: 1 } }}
        />
      </Stack>
      {planning.load.status === 'loading' && <Spinner size={SpinnerSize.medium} label={`Reading the rota for ${year}…`} />}
      {planning.load.status === 'failed' && <MessageBar messageBarType={MessageBarType.error}>{planning.load.message}</MessageBar>}
      {existing > 0 && (
        <MessageBar messageBarType={MessageBarType.warning} isMultiline={true}>
          {year} already has {existing === 1 ? 'a visit' : `${existing} visits`} on the rota. A proposal is published only into a year with none: change those
          visits on the rota, or plan {nextMunicipalYear(year)}.
        </MessageBar>
      )}
      <Stack horizontal={true} wrap={true} tokens={{ childrenGap: 8 }} style={{ margin: '12px 0' }}>
        <PrimaryButton
          text="Make a proposal"
          disabled={planning.load.status !== 'loaded' || existing > 0}
          onClick={propose}
          styles={{ root: { minHeight: 44 } }}
        />
        <DefaultButton text="Back to the rota" onClick={() => onClose()} styles={{ root: { minHeight: 44 } }} />
      </Stack>
      {planning.proposal && planning.load.status === 'loaded' && (
        <ProposalReview
          year={year}
          today={today}
          data={planning.load.data}
          planning={planning}
          findPerson={findPerson}
          onPublished={(message) => onClose(year, message)}
        />
      )}
      {planning.load.status === 'failed' && <DefaultButton text={`Try again. ${TRY_AGAIN}`} onClick={planning.retry} />}
    </div>
  );
}
