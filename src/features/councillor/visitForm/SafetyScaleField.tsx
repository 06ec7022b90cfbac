import * as React from 'react';
import { ChoiceGroup, useTheme } from '@fluentui/react';
import { screenStyles } from '../../common/styles';
import { fieldId, SAFETY_SCALE_ENDS, SAFETY_SCALE_QUESTION, safetyScaleLabel } from '../visitFormModel';
import { FieldError } from './FieldError';

const SCALE_OPTIONS = Array.from({ length: 11 }, (_, n) => ({ key: String(n), text: safetyScaleLabel(n) }));

export interface SafetyScaleFieldProps {
  value?: number;
  errorMessage?: string;
  onChange(value: number): void;
}

/** How effective the service is at keeping children safe, 0 to 10, with what the ends mean. */
export function SafetyScaleField({ value, errorMessage, onChange }: SafetyScaleFieldProps): JSX.Element {
  const styles = screenStyles(useTheme());
  return (
    <div>
      <ChoiceGroup
        id={fieldId('safetyScale')}
        label={SAFETY_SCALE_QUESTION}
        required={true}
        options={SCALE_OPTIONS}
        selectedKey={value === undefined ? null : String(value)}
        onChange={(_, option) => option && onChange(Number(option.key))}
        aria-describedby={`fv-scale-hint${errorMessage ? ` ${fieldId('safetyScale')}-error` : ''}`}
        styles={{ flexContainer: { display: 'flex', flexWrap: 'wrap', columnGap: '16px' } }}
      />
      <p id="fv-scale-hint" className={styles.line}>
        {SAFETY_SCALE_ENDS}
      </p>
      {errorMessage && <FieldError id={`${fieldId('safetyScale')}-error`} message={errorMessage} />}
    </div>
  );
}
