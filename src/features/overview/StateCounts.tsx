import * as React from 'react';
import { DefaultButton, useTheme } from '@fluentui/react';
import { VisitState } from '../../domain/visitState';
import { screenStyles } from '../common/styles';

/** How many visits are in each state; choosing one shows just those (choosing it again shows all). */
export function StateCounts({
  counts,
  selected,
  onSelect,
}: {
  counts: Array<{ state: VisitState; name: string; count: number }>;
  selected?: VisitState;
  onSelect(state: VisitState): void;
}): JSX.Element {
  const styles = screenStyles(useTheme());
  return (
    <>
      <h2 className={styles.sectionHeading} id="fv-overview-counts">
        Visits by state
      </h2>
      <ul aria-labelledby="fv-overview-counts" style={{ listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexWrap: 'wrap', gap: 8 }}>
        {counts.map((c) => (
          <li key={c.state} data-testid="state-count" data-state={c.state} data-count={c.count}>
            <DefaultButton
              toggle
              checked={selected === c.state}
              aria-pressed={selected === c.state}
              onClick={() => onSelect(c.state)}
              text={`${c.name}: ${c.count}`}
              styles={{ root: { minHeight: 44 } }}
            />
          </li>
        ))}
      </ul>
    </>
  );
}
