import * as React from 'react';
import { defaultPackPeriod, formatDateInput, parseDateInput } from '../../report/packPeriod';
import type { PackRequest } from '../../report/packTypes';
import { readCommitteeDate, writeCommitteeDate } from './committeeDateStore';
import { PackChoices, requestKey } from './packChoices';

export interface PackChoicesState extends PackChoices {
  teamIds: number[];
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
  const [fromText, setFromText] = React.useState(() => formatDateInput(defaultPackPeriod(stored || today).from));
  const [toText, setToText] = React.useState(() => formatDateInput(defaultPackPeriod(stored || today).to));
  const [teamIds, setTeamIds] = React.useState<number[]>([]);
  const setCommitteeText = (text: string): void => {
    setCommitteeTextOnly(text);
    const date = parseDateInput(text);
    // Remember a real date, forget a cleared one; leave the stored one alone while typing.
    if (date || !text.trim()) {
      writeCommitteeDate(siteUrl, date);
    }
    if (date) {
      const period = defaultPackPeriod(date);
      setFromText(formatDateInput(period.from));
      setToText(formatDateInput(period.to));
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
  return { committeeText, fromText, toText, teamIds, setFromText, setToText, setCommitteeText, toggleTeam, request, currentKey: requestKey(request) };
}
