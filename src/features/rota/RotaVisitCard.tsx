import * as React from 'react';
import { ActionButton } from '@fluentui/react';
import type { CalendarDate } from '../../domain/calendarDate';
import type { FrontlineTeam } from '../../domain/types';
import { peopleText } from '../common/people';
import { screenStyles } from '../common/styles';
import { VisuallyHidden } from '../common/VisuallyHidden';
import { dateText, ScreenVisit, statusText } from './rotaModel';

export type VisitAction = 'change' | 'notHeld' | 'held' | 'remove';

export interface RotaVisitCardProps {
  visit: ScreenVisit;
  team?: FrontlineTeam;
  today: CalendarDate;
  styles: ReturnType<typeof screenStyles>;
  canEdit: boolean;
  proposal: boolean;
  /** Changed on screen and not saved yet. */
  unsaved: boolean;
  onAction(action: VisitAction): void;
}

const BUTTON = { root: { minHeight: 44 } };

/** One visit: date (and where it moved from), team, councillors, service manager, status; its changes for editors. */
export function RotaVisitCard({ visit, team, today, styles, canEdit, proposal, unsaved, onAction }: RotaVisitCardProps): JSX.Element {
  const past = visit.visitDate < today;
  const open = visit.status === 'Scheduled' || visit.status === 'Held';
  const about = <VisuallyHidden>{` for ${visit.teamTitle}, ${visit.visitDate}`}</VisuallyHidden>;
  return (
    <li className={styles.card} data-testid="rota-visit" data-key={visit.key} data-status={visit.status}>
      <h3 className={styles.cardHeading}>{dateText(visit)}</h3>
      <p className={styles.line}>{visit.teamTitle}</p>
      <p className={styles.line}>Councillors: {peopleText(visit.members, 'none booked')}</p>
      <p className={styles.line}>Service manager: {team && team.serviceManager ? team.serviceManager.displayName : 'not named'}</p>
      <p className={`${styles.line} ${styles.status}`}>Status: {statusText(visit, today)}</p>
      {visit.status === 'NotHeld' && <p className={styles.line}>Reason: {visit.notHeldReason || 'none recorded'}</p>}
      {unsaved && <p className={`${styles.line} ${styles.status}`}>{proposal ? 'Changed from the proposal' : 'Changed here, not saved yet'}</p>}
      {canEdit && open && (
        <div>
          <ActionButton iconProps={{ iconName: 'Edit' }} styles={BUTTON} onClick={() => onAction('change')}>
            Move or change councillors{about}
          </ActionButton>
          <ActionButton iconProps={{ iconName: 'Cancel' }} styles={BUTTON} onClick={() => onAction(proposal ? 'remove' : 'notHeld')}>
            {proposal ? 'Remove from the proposal' : past ? 'Record as not held' : 'Cancel visit'}
            {about}
          </ActionButton>
          {past && visit.status !== 'Held' && (
            <ActionButton iconProps={{ iconName: 'CheckMark' }} styles={BUTTON} onClick={() => onAction('held')}>
              Record as held{about}
            </ActionButton>
          )}
        </div>
      )}
    </li>
  );
}
