import { emptyGrid, GRID_CELL_KEYS, GRID_ROW_PROMPTS, gridCellKey, gridCellLabel } from '../../../src/domain/grid';

describe('Signs of Safety grid', () => {
  it('has nine cells, three rows by three columns', () => {
    expect(GRID_CELL_KEYS).toHaveLength(9);
    expect(gridCellKey('staffing', 'worries')).toBe('staffingWorries');
    expect(gridCellKey('other', 'nextSteps')).toBe('otherNextSteps');
    expect(Object.keys(emptyGrid()).sort()).toEqual(GRID_CELL_KEYS.slice().sort());
  });

  it('labels cells by row and column', () => {
    expect(gridCellLabel('performanceWorkingWell')).toBe('Performance: What is working well?');
  });

  it('keeps the prompts of docs/architecture.md §1 for each row', () => {
    expect(GRID_ROW_PROMPTS.staffing).toContain('Morale');
    expect(GRID_ROW_PROMPTS.performance).toContain('Multi-agency engagement');
    expect(GRID_ROW_PROMPTS.other.length).toBeGreaterThan(0);
  });
});
