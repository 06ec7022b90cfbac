import * as React from 'react';
import { MessageBar, MessageBarType, PrimaryButton, useTheme } from '@fluentui/react';
import type { CalendarDate } from '../../domain/calendarDate';
import { municipalYearRange } from '../../domain/municipalYear';
import type { RotaProblem } from '../../domain/rotaRules';
import type { Person } from '../../domain/types';
import type { PublishResult, RotaYearData } from '../../data/RotaService';
import { TRY_AGAIN } from '../../data/hooks/useLoad';
import { screenStyles } from '../common/styles';
import { CoverageFlags } from './CoverageFlags';
import { RotaVisitList } from './RotaVisitList';
import type { useProposal } from './useProposal';

export interface ProposalReviewProps {
  year: string;
  today: CalendarDate;
  data: RotaYearData;
  planning: ReturnType<typeof useProposal>;
  findPerson(email: string): Promise<Person | undefined>;
  onPublished(message: string): void;
}

function publishMessage(result: PublishResult): string {
  const written = result.added.length + result.alreadyThere.length;
  return result.failed.length === 0
    ? `Published: ${written} visits are on the rota.`
    : `${result.failed.length} of ${written + result.failed.length} visits were not published. Press Publish again to write just those.`;
}

/** Each rule the proposal (as edited) does not meet, in words. */
function ProposalProblems({ problems, styles }: { problems: RotaProblem[]; styles: ReturnType<typeof screenStyles> }): JSX.Element {
  return (
    <>
      <h3 className={styles.cardHeading}>Rules this proposal does not meet</h3>
      {problems.length === 0 ? (
        <p className={styles.line} data-testid="proposal-problems">
          None: it meets every rule.
        </p>
      ) : (
        <ul className={styles.line} style={{ paddingLeft: 20 }} data-testid="proposal-problems">
          {problems.map((p, i) => (
            <li key={`${i}-${p.message}`}>{p.message}</li>
          ))}
        </ul>
      )}
    </>
  );
}

/** The proposal: how the numbers worked out, each rule it does not meet in words, its visits to edit, and Publish. */
export function ProposalReview({ year, today, data, planning, findPerson, onPublished }: ProposalReviewProps): JSX.Element | null {
  const styles = screenStyles(useTheme());
  const [publishing, setPublishing] = React.useState(false);
  const [outcome, setOutcome] = React.useState<{ error: boolean; text: string; details: string[] } | undefined>();
  const proposal = planning.proposal;
  if (!proposal) {
    return null;
  }
  const publish = async (): Promise<void> => {
    setPublishing(true);
    try {
      const result = await planning.publish();
      setOutcome({ error: result.failed.length > 0, text: publishMessage(result), details: result.failed.map((f) => `${f.visit.title}: ${f.message}`) });
      if (result.failed.length === 0) {
        onPublished(publishMessage(result));
      }
    } catch (error) {
      // eslint-disable-next-line no-console
      console.error('Frontline Visits: the proposal was not published', error);
      const message = error instanceof Error && error.name === 'RotaInputError' ? error.message : `Nothing was published. ${TRY_AGAIN}`;
      setOutcome({ error: true, text: message, details: [] });
    } finally {
      setPublishing(false);
    }
  };
  return (
    <section aria-labelledby="fv-proposal" data-testid="rota-proposal">
      <h2 id="fv-proposal" className={styles.sectionHeading}>
        Proposed rota for {year}
      </h2>
      {proposal.notes.map((note) => (
        <p key={note} className={styles.line}>
          {note}
        </p>
      ))}
      <ProposalProblems problems={planning.problems} styles={styles} />
      <CoverageFlags year={year} teams={data.teams} visits={proposal.visits} today={today} styles={styles} />
      <PrimaryButton
        text={publishing ? 'Publishing…' : 'Publish the rota'}
        disabled={publishing}
        onClick={() => void publish()}
        styles={{ root: { minHeight: 44, margin: '12px 0' } }}
      />
      <div role="status" aria-live="polite" data-testid="proposal-status">
        {outcome && (
          <MessageBar messageBarType={outcome.error ? MessageBarType.error : MessageBarType.success} isMultiline={true}>
            {outcome.text}
            {outcome.details.length > 0 && (
              <ul>
                {outcome.details.map((d) => (
                  <li key={d}>{d}</li>
                ))}
              </ul>
            )}
          </MessageBar>
        )}
      </div>
      <RotaVisitList
        visits={proposal.visits}
        originals={proposal.proposed}
        teams={data.teams}
        councillors={data.councillors}
        today={today}
        canEdit={true}
        proposal={true}
        findPerson={findPerson}
        onChange={planning.edit}
        newVisitDate={municipalYearRange(year).start}
      />
    </section>
  );
}
