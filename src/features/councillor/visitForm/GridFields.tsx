import * as React from 'react';
import { TextField, useTheme } from '@fluentui/react';
import { Grid, GRID_COLUMN_LABELS, GRID_COLUMNS, GRID_ROW_LABELS, GRID_ROW_PROMPTS, GRID_ROWS, GridCellKey, gridCellKey, GridRow } from '../../../domain/grid';
import { gridTextField } from '../../../domain/reportFields';
import { FormField } from '../../../domain/validation';
import { screenStyles } from '../../common/styles';
import { fieldId } from '../visitFormModel';
import { FieldError } from './FieldError';
import { describeText } from './FormTextFields';

export interface GridFieldsProps {
  grid: Grid;
  fieldError(field: FormField): string | undefined;
  onChange(key: GridCellKey, text: string): void;
}

/** "What you found": the Signs of Safety grid, a group of three boxes per row with the row's prompts. */
export function GridFields({ grid, fieldError, onChange }: GridFieldsProps): JSX.Element {
  const styles = screenStyles(useTheme());
  const gridError = fieldError('grid');
  return (
    <div>
      <h2 className={styles.sectionHeading} id="fv-grid-heading">
        What you found
      </h2>
      <p className={styles.line} id="fv-grid-hint">
        Write only where you gathered information: any box may stay empty, but write in at least one.
      </p>
      {gridError && <FieldError id="fv-grid-error" message={gridError} />}
      {GRID_ROWS.map((row) => (
        <GridRowFields key={row} row={row} grid={grid} gridError={gridError} fieldError={fieldError} onChange={onChange} />
      ))}
    </div>
  );
}

function GridRowFields({ row, grid, gridError, fieldError, onChange }: GridFieldsProps & { row: GridRow; gridError?: string }): JSX.Element {
  const theme = useTheme();
  return (
    <fieldset style={{ border: `1px solid ${theme.palette.neutralTertiary}`, borderRadius: 4, margin: '12px 0', padding: '8px 12px 12px', minWidth: 0 }}>
      <legend style={{ fontSize: 18, fontWeight: 600, padding: '0 4px' }}>{GRID_ROW_LABELS[row]}</legend>
      <details>
        <summary style={{ cursor: 'pointer', minHeight: 24, padding: '4px 0' }}>Things to think about for {GRID_ROW_LABELS[row]}</summary>
        <ul style={{ margin: '4px 0 8px' }}>
          {GRID_ROW_PROMPTS[row].map((prompt) => (
            <li key={prompt}>{prompt}</li>
          ))}
        </ul>
      </details>
      <div style={{ display: 'grid', gap: 12, gridTemplateColumns: 'repeat(auto-fit, minmax(min(100%, 16rem), 1fr))' }}>
        {GRID_COLUMNS.map((column) => {
          const key = gridCellKey(row, column);
          const text = grid[key] || '';
          const description = describeText(text, gridTextField(key));
          return (
            <TextField
              key={key}
              id={fieldId(key)}
              label={GRID_COLUMN_LABELS[column]}
              multiline={true}
              autoAdjustHeight={true}
              rows={4}
              value={text}
              onChange={(_, value) => onChange(key, value || '')}
              errorMessage={fieldError(key)}
              description={description}
              aria-describedby={gridError ? 'fv-grid-error' : undefined}
              data-cell={key}
            />
          );
        })}
      </div>
    </fieldset>
  );
}
