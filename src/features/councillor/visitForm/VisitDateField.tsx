import * as React from 'react';
import { DatePicker, DayOfWeek, IDatePickerStrings } from '@fluentui/react';
import { CalendarDate } from '../../../domain/calendarDate';
import { calendarDateFromPicker, fieldId, formatUkDate, parseUkDate, pickerDateFrom } from '../visitFormModel';

const PICKER_STRINGS: IDatePickerStrings = {
  months: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
  shortMonths: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
  days: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
  shortDays: ['S', 'M', 'T', 'W', 'T', 'F', 'S'],
  goToToday: 'Go to today',
  prevMonthAriaLabel: 'Previous month',
  nextMonthAriaLabel: 'Next month',
  prevYearAriaLabel: 'Previous year',
  nextYearAriaLabel: 'Next year',
  closeButtonAriaLabel: 'Close date picker',
  invalidInputErrorMessage: 'Enter the date as day/month/year, for example 15/06/2026.',
  isRequiredErrorMessage: 'Enter the date of the visit.',
};

export interface VisitDateFieldProps {
  value?: CalendarDate;
  errorMessage?: string;
  onChange(date: CalendarDate | undefined): void;
}

/** The date of the visit, typed as day/month/year or picked from a calendar that starts on Monday. */
export function VisitDateField({ value, errorMessage, onChange }: VisitDateFieldProps): JSX.Element {
  return (
    <DatePicker
      label="Date of visit"
      allowTextInput={true}
      value={pickerDateFrom(value)}
      onSelectDate={(date) => onChange(calendarDateFromPicker(date))}
      formatDate={formatUkDate}
      parseDateFromString={parseUkDate}
      firstDayOfWeek={DayOfWeek.Monday}
      placeholder="For example, 15/06/2026"
      strings={PICKER_STRINGS}
      // Required is shown, not checked on leaving the box: the check runs on submit, with the others.
      textField={{ id: fieldId('visitDate'), required: true, ...(errorMessage ? { errorMessage } : {}) }}
      styles={{ root: { maxWidth: 320 } }}
    />
  );
}
