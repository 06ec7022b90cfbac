/**
 * The Signs of Safety grid of the visit form: three rows by three columns, with the prompts that
 * guide each row (docs/architecture.md §1).
 */

export type GridRow = 'staffing' | 'performance' | 'other';
export type GridColumn = 'worries' | 'workingWell' | 'nextSteps';

export const GRID_ROWS: ReadonlyArray<GridRow> = ['staffing', 'performance', 'other'];
export const GRID_COLUMNS: ReadonlyArray<GridColumn> = ['worries', 'workingWell', 'nextSteps'];

export const GRID_ROW_LABELS: { readonly [row in GridRow]: string } = {
  staffing: 'Staffing',
  performance: 'Performance',
  other: 'Other',
};

export const GRID_COLUMN_LABELS: { readonly [column in GridColumn]: string } = {
  worries: 'What are we worried about?',
  workingWell: 'What is working well?',
  nextSteps: 'What needs to happen?',
};

export const GRID_ROW_PROMPTS: { readonly [row in GridRow]: ReadonlyArray<string> } = {
  staffing: ['Vacancies and agency cover', 'Experience and skills', 'Attendance', 'Morale', 'Support systems: IT, accommodation, communication'],
  performance: [
    'Is the service child and young person focused?',
    'Are referral, monitoring and management systems working?',
    'Workload issues',
    'Multi-agency engagement',
  ],
  other: ['Anything else affecting how well children are safeguarded'],
};

/** One cell's key, e.g. `staffingWorries`; the same key names the cell everywhere in the app. */
export type GridCellKey =
  | 'staffingWorries'
  | 'staffingWorkingWell'
  | 'staffingNextSteps'
  | 'performanceWorries'
  | 'performanceWorkingWell'
  | 'performanceNextSteps'
  | 'otherWorries'
  | 'otherWorkingWell'
  | 'otherNextSteps';

export function gridCellKey(row: GridRow, column: GridColumn): GridCellKey {
  return (row + column.charAt(0).toUpperCase() + column.slice(1)) as GridCellKey;
}

export const GRID_CELL_KEYS: ReadonlyArray<GridCellKey> = GRID_ROWS.reduce<GridCellKey[]>(
  (keys, row) => keys.concat(GRID_COLUMNS.map((column) => gridCellKey(row, column))),
  [],
);

/** "Staffing: What are we worried about?" */
export function gridCellLabel(key: GridCellKey): string {
  for (const row of GRID_ROWS) {
    for (const column of GRID_COLUMNS) {
      if (gridCellKey(row, column) === key) {
        return `${GRID_ROW_LABELS[row]}: ${GRID_COLUMN_LABELS[column]}`;
      }
    }
  }
  throw new RangeError(`Unknown grid cell ${key}`);
}

export type Grid = { [key in GridCellKey]: string };

export function emptyGrid(): Grid {
  const grid = {} as Grid;
  for (const key of GRID_CELL_KEYS) {
    grid[key] = '';
  }
  return grid;
}
