import * as React from 'react';
import type { SPFI } from '@pnp/sp';
import { MessageBar, MessageBarType, Spinner, SpinnerSize } from '@fluentui/react';
import type { CalendarDate } from '../../domain/calendarDate';
import { municipalYearRange } from '../../domain/municipalYear';
import type { Person } from '../../domain/types';
import { screenStyles } from '../common/styles';
import { CoverageFlags } from './CoverageFlags';
import { RotaVisitList } from './RotaVisitList';
import { SaveBar } from './SaveBar';
import { UnavailableDatesSection } from './UnavailableDatesSection';
import { RotaYearState } from './useRotaYear';

export interface RotaYearViewProps {
  sp: SPFI;
  year: string;
  today: CalendarDate;
  rota: RotaYearState;
  /** Editors change every visit; others read every visit or only their own; councillors keep their own dates. */
  access: { canEdit: boolean; seesAll: boolean; keepsOwnDates: boolean };
  me: Person;
  findPerson(email: string): Promise<Person | undefined>;
  styles: ReturnType<typeof screenStyles>;
}

/** A year's rota: coverage (for those who keep it), the visits, and the dates councillors cannot do. */
export function RotaYearView({ sp, year, today, rota, access, me, findPerson, styles }: RotaYearViewProps): JSX.Element {
  const { canEdit, seesAll } = access;
  if (rota.load.status === 'failed') {
    return <MessageBar messageBarType={MessageBarType.error}>{rota.load.message}</MessageBar>;
  }
  if (!rota.data) {
    return <Spinner size={SpinnerSize.large} label="Loading the rota…" />;
  }
  const loaded = rota.data;
  const visits = seesAll ? rota.visits : rota.visits.filter((v) => v.members.some((m) => m.id === me.id));
  return (
    <>
      {seesAll && <CoverageFlags year={year} teams={loaded.teams} visits={rota.visits} today={today} styles={styles} />}
      <h2 className={styles.sectionHeading}>{seesAll ? `Visits in ${year}` : `My visits in ${year}`}</h2>
      {canEdit && <SaveBar pending={rota.pending} saving={rota.saving} outcome={rota.outcome} onSave={() => void rota.save()} onDiscard={rota.discard} />}
      <RotaVisitList
        visits={visits}
        originals={rota.originals}
        teams={loaded.teams}
        councillors={loaded.councillors}
        today={today}
        canEdit={canEdit}
        findPerson={findPerson}
        onChange={rota.setVisits}
        newVisitDate={municipalYearRange(year).start}
      />
      {(canEdit || access.keepsOwnDates) && (
        <UnavailableDatesSection
          sp={sp}
          entries={canEdit ? loaded.unavailable : loaded.unavailable.filter((u) => u.councillor.id === me.id)}
          people={loaded.councillors}
          me={me}
          canEditAll={canEdit}
          styles={styles}
          onChanged={rota.reload}
        />
      )}
    </>
  );
}
