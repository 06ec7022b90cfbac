import * as React from 'react';
import { formatDateInput, honestDefaultPeriod, parseDateInput } from '../../report/packPeriod';
import type { PackRequest } from '../../report/packTypes';
import { readCommitteeDate, writeCommitteeDate } from './committeeDateStore';
import { PackChoices, requestKey } from './packChoices';

export type PeriodMonths = 6 | 12;

export interface PackChoicesState extends PackChoices {
  teamIds: number[];
  /** Six-monthly or annual report: sets the default period. */
  months: PeriodMonths;
  setMonths(months: PeriodMonths): void;
  /** A saved report's meeting date and period, as it was written. */
  applySaved(meetingDate: string, period: { from: string; to: string }): void;
  setFromText(text: string): void;
  setToText(text: string): void;
  setCommitteeText(text: string): void;
  toggleTeam(teamId: number, ticked: boolean): void;
  /** The pack the choices ask for, and its key. */
  request: PackRequest;
  currentKey: string;
}

/**
 * The committee date (kept in this browser for next time), the period it implies (the six whole
 * months before the meeting's month, which the clerk may change) and the teams ticked.
 */
export function usePackChoices(siteUrl: string, today: string): PackChoicesState {
  const [stored] = React.useState(() => readCommitteeDate(siteUrl));
  const [committeeText, setCommitteeTextOnly] = React.useState(stored ? formatDateInput(stored) : '');
  const [months, setMonthsOnly] = React.useState<PeriodMonths>(6);
  const [fromText, setFromText] = React.useState(() => formatDateInput(honestDefaultPeriod(stored || today, today).from));
  const [toText, setToText] = React.useState(() => formatDateInput(honestDefaultPeriod(stored || today, today).to));
  const [teamIds, setTeamIds] = React.useState<number[]>([]);
  const setPeriod = (date: string, length: PeriodMonths): void => {
    // Never past today unless the clerk types a later day.
    const period = honestDefaultPeriod(date, today, length);
    setFromText(formatDateInput(period.from));
    setToText(formatDateInput(period.to));
  };
  const setMonths = (length: PeriodMonths): void => {
    setMonthsOnly(length);
    setPeriod(parseDateInput(committeeText) || today, length);
  };
  const applySaved = (meetingDate: string, period: { from: string; to: string }): void => {
    setCommitteeTextOnly(meetingDate ? formatDateInput(meetingDate) : '');
    setFromText(formatDateInput(period.from));
    setToText(formatDateInput(period.to));
    setTeamIds([]);
  };
  const setCommitteeText = (text: string): void => {
    setCommitteeTextOnly(text);
    const date = parseDateInput(text);
    // Remember a real date, forget a cleared one; leave the stored one alone while typing.
    if (date || !text.trim()) {
      writeCommitteeDate(siteUrl, date);
    }
    if (date) {
      setPeriod(date, months);
    }
  };
  const toggleTeam = (teamId: number, ticked: boolean): void => setTeamIds((ids) => (ticked ? ids.concat(teamId) : ids.filter((id) => id !== teamId)));
  const request: PackRequest = {
    from: parseDateInput(fromText) || '',
    to: parseDateInput(toText) || '',
    committeeDate: parseDateInput(committeeText),
    teamIds,
    today,
  };
  return {
    committeeText,
    fromText,
    toText,
    teamIds,
    months,
    setMonths,
    applySaved,
    setFromText,
    setToText,
    setCommitteeText,
    toggleTeam,
    request,
    currentKey: requestKey(request),
  };
}
