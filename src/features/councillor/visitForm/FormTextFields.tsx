import * as React from 'react';
import { TextField } from '@fluentui/react';
import { FORM_TEXT_FIELDS, FormTextKey, ReportTextField, textFieldsShownOn } from '../../../domain/reportFields';
import { VisitReportForm } from '../../../domain/types';
import { FormField } from '../../../domain/validation';
import { characterCount, fieldId } from '../visitFormModel';

/** Show how much room is left once a box is this close to its limit. */
export const COUNT_FROM = 0.75;

/** The description under a box: its hint, or how much room is left once it is nearly full. */
export function describeText(text: string, field: ReportTextField): string | undefined {
  return text.length > field.limit * COUNT_FROM ? characterCount(text, field.limit) : field.hint;
}

/** The form's own text boxes, from the field table (the grid has its own layout; the title is derived). */
const FIELDS_ON_FORM = textFieldsShownOn('form', FORM_TEXT_FIELDS) as Array<ReportTextField & { key: FormTextKey }>;

export interface FormTextFieldsProps {
  form: VisitReportForm;
  fieldError(field: FormField): string | undefined;
  onChange(change: Partial<VisitReportForm>): void;
}

export function FormTextFields({ form, fieldError, onChange }: FormTextFieldsProps): JSX.Element {
  return (
    <>
      {FIELDS_ON_FORM.map((field) => (
        <TextField
          key={field.key}
          id={fieldId(field.key)}
          label={field.label}
          description={describeText(form[field.key], field)}
          multiline={field.multiline}
          autoAdjustHeight={field.multiline}
          rows={field.rows}
          value={form[field.key]}
          onChange={(_, value) => onChange({ [field.key]: value || '' })}
          errorMessage={fieldError(field.key)}
        />
      ))}
    </>
  );
}
