import * as React from 'react';
import { ActionButton, useTheme } from '@fluentui/react';
import type { CalendarDate } from '../../domain/calendarDate';
import type { FrontlineTeam, Person } from '../../domain/types';
import { screenStyles } from '../common/styles';
import { NotHeldDialog } from './NotHeldDialog';
import { RotaVisitCard, VisitAction } from './RotaVisitCard';
import { byDate, moveVisit, ScreenVisit } from './rotaModel';
import { VisitDialog } from './VisitDialog';

export interface RotaVisitListProps {
  visits: ScreenVisit[];
  /** The visits as read (the rota) or as proposed: what "changed here" is measured against. */
  originals: ReadonlyArray<ScreenVisit>;
  teams: ReadonlyArray<FrontlineTeam>;
  councillors: ReadonlyArray<Person>;
  today: CalendarDate;
  canEdit: boolean;
  /** A proposal's visits: one taken out is removed, not cancelled. */
  proposal?: boolean;
  findPerson(email: string): Promise<Person | undefined>;
  onChange(visits: ScreenVisit[]): void;
  /** Where a new visit starts: a day of the year on screen. */
  newVisitDate: CalendarDate;
}

type Open = { kind: 'change' | 'notHeld'; key: string } | { kind: 'add' } | undefined;

function changed(visit: ScreenVisit, originals: ReadonlyArray<ScreenVisit>): boolean {
  const original = originals.filter((o) => o.key === visit.key)[0];
  return !original || JSON.stringify(original) !== JSON.stringify(visit);
}

/** The visits as cards, with the dialogs that add, move, re-crew, cancel or record them. */
export function RotaVisitList(props: RotaVisitListProps): JSX.Element {
  const { visits, originals, teams, today, canEdit, onChange } = props;
  const styles = screenStyles(useTheme());
  const [open, setOpen] = React.useState<Open>();
  const [added, setAdded] = React.useState(0);
  const replace = (next: ScreenVisit): void => onChange(visits.map((v) => (v.key === next.key ? next : v)).sort(byDate));
  const act = (visit: ScreenVisit, action: VisitAction): void => {
    if (action === 'remove') {
      onChange(visits.filter((v) => v.key !== visit.key));
    } else if (action === 'held') {
      replace({ ...visit, status: 'Held', notHeldReason: undefined });
    } else {
      setOpen({ kind: action, key: visit.key });
    }
  };
  const current = open && open.kind !== 'add' ? visits.filter((v) => v.key === open.key)[0] : undefined;
  const blank: ScreenVisit = { key: `new-${added + 1}`, visitDate: props.newVisitDate, teamId: 0, teamTitle: '', members: [], status: 'Scheduled' };
  return (
    <>
      {canEdit && (
        <ActionButton iconProps={{ iconName: 'Add' }} styles={{ root: { minHeight: 44 } }} onClick={() => setOpen({ kind: 'add' })}>
          Add a visit
        </ActionButton>
      )}
      {visits.length === 0 ? (
        <p className={styles.line}>No visits on the rota for this year.</p>
      ) : (
        <ul className={styles.list} data-testid="rota-visits">
          {visits.map((visit) => (
            <RotaVisitCard
              key={visit.key}
              visit={visit}
              team={teams.filter((t) => t.id === visit.teamId)[0]}
              today={today}
              styles={styles}
              canEdit={canEdit}
              proposal={!!props.proposal}
              unsaved={changed(visit, originals)}
              onAction={(action) => act(visit, action)}
            />
          ))}
        </ul>
      )}
      {open && open.kind !== 'notHeld' && (open.kind === 'add' || current) && (
        <VisitDialog
          visit={current || blank}
          isNew={open.kind === 'add'}
          teams={teams}
          councillors={props.councillors}
          findPerson={props.findPerson}
          onDismiss={() => setOpen(undefined)}
          onDone={(visit, date) => {
            const original = originals.filter((o) => o.key === visit.key)[0];
            const moved = moveVisit(visit, original, date);
            setOpen(undefined);
            if (open.kind === 'add') {
              setAdded((n) => n + 1);
              onChange(visits.concat([moved]).sort(byDate));
            } else {
              replace(moved);
            }
          }}
        />
      )}
      {open && open.kind === 'notHeld' && current && (
        <NotHeldDialog
          visit={current}
          ahead={current.visitDate >= today}
          onDismiss={() => setOpen(undefined)}
          onDone={(reason) => {
            setOpen(undefined);
            replace({ ...current, status: 'NotHeld', notHeldReason: reason });
          }}
        />
      )}
    </>
  );
}
