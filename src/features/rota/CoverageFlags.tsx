import * as React from 'react';
import { Icon } from '@fluentui/react';
import type { CalendarDate } from '../../domain/calendarDate';
import { coverageGaps } from '../../domain/coverage';
import { municipalYearRange } from '../../domain/municipalYear';
import type { FrontlineTeam } from '../../domain/types';
import { screenStyles } from '../common/styles';
import { ScreenVisit } from './rotaModel';

export interface CoverageFlagsProps {
  year: string;
  teams: ReadonlyArray<FrontlineTeam>;
  visits: ReadonlyArray<ScreenVisit>;
  today: CalendarDate;
  styles: ReturnType<typeof screenStyles>;
}

/** Each quarter in which a team had no visit held (past) or has none scheduled (ahead), as the rota stands on screen. */
export function CoverageFlags({ year, teams, visits, today, styles }: CoverageFlagsProps): JSX.Element {
  const gaps = coverageGaps({ teams, visits, period: municipalYearRange(year), today });
  return (
    <section aria-labelledby="fv-rota-coverage" data-testid="rota-coverage">
      <h2 id="fv-rota-coverage" className={styles.sectionHeading}>
        Coverage
      </h2>
      {gaps.length === 0 ? (
        <p className={styles.line}>Every active team has a visit held or scheduled in each quarter of {year}.</p>
      ) : (
        <ul className={styles.line} style={{ paddingLeft: 20 }}>
          {gaps.map((gap) => (
            <li key={`${gap.teamId}-${gap.quarter.number}`} className={styles.overdue} data-testid="coverage-gap">
              <Icon iconName="Warning" aria-hidden={true} style={{ marginRight: 4 }} />
              {gap.message}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
