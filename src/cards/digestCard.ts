/**
 * The overdue digest posted to the improvement team's channel on a schedule: forms overdue for
 * submission (28 days after the visit) and reports overdue for a response (28 days after
 * submission), each linked. Browser-safe.
 */
import * as ACData from 'adaptivecards-templating';
import { CalendarDate, formatLongDate, formatShortDate } from '../domain/calendarDate';
import { describeDeadline, deadline } from '../domain/deadlines';
import { cardTextInline, jsonBytes, shortenForCard } from './cardText';
import { AdaptiveCardJson } from './reportCard';
import { DIGEST_CARD_TEMPLATE } from './templates';

/** Lines per section, and bytes per section, so the card stays under Teams' 28 KB; the rest are counted and left to the app. */
export const DIGEST_MAX_LINES = 40;
const SECTION_BUDGET_BYTES = 11 * 1024;
const LINE_LABEL_BUDGET = 160;

export interface OverdueForm {
  teamTitle: string;
  visitDate: CalendarDate;
  submissionDue: CalendarDate;
  members: ReadonlyArray<string>;
  /** The draft report if one exists, else the app. */
  url: string;
}

export interface OverdueResponse {
  teamTitle: string;
  visitDate: CalendarDate;
  responseDue: CalendarDate;
  url: string;
}

/** A team that names a Head of Service who is not in the Heads of Service group: nobody can answer for it. */
export interface UnanswerableTeam {
  teamTitle: string;
  /** The person the team names, or undefined when they are no longer a site user. */
  namedName?: string;
}

/** A submitted report whose card the bot could not post after repeated tries (parked). */
export interface UndeliveredReport {
  teamTitle: string;
  visitDate?: CalendarDate;
  /** When it was parked (ISO). */
  since: string;
  failures: number;
  lastError?: string;
  url: string;
}

export interface DigestInput {
  today: CalendarDate;
  forms: ReadonlyArray<OverdueForm>;
  responses: ReadonlyArray<OverdueResponse>;
  /** Teams whose reports nobody can answer until the name or the group changes. */
  unanswerable?: ReadonlyArray<UnanswerableTeam>;
  /** Reports with no card in the channel because posting it keeps failing. */
  undelivered?: ReadonlyArray<UndeliveredReport>;
  appUrl: string;
}

/** A link Markdown cannot misread: parentheses and spaces percent-encoded. */
function safeUrl(url: string): string {
  return url.replace(/\(/g, '%28').replace(/\)/g, '%29').replace(/\s/g, '%20');
}

function link(label: string, url: string): string {
  return `[${label}](${safeUrl(url)})`;
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * Each entry's line; one that cannot be written (a date out of range, say) becomes a plain line
 * pointing to the app, so one bad report never stops the digest for the others.
 */
function linesOf<T>(entries: ReadonlyArray<T>, line: (entry: T) => string): string[] {
  return entries.map((entry) => {
    try {
      return line(entry);
    } catch {
      return 'One report that cannot be shown here: open Frontline Visits to see it.';
    }
  });
}

/** As many lines as fit the section's budget, in order. */
function fitLines(lines: string[]): Array<{ line: string }> {
  const kept: Array<{ line: string }> = [];
  let bytes = 0;
  for (const line of lines) {
    bytes += jsonBytes(line) + 60;
    if (kept.length >= DIGEST_MAX_LINES || bytes > SECTION_BUDGET_BYTES) {
      break;
    }
    kept.push({ line });
  }
  return kept;
}

export function digestCardData(input: DigestInput): { [key: string]: unknown } {
  const forms = fitLines(
    linesOf(input.forms.slice(0, DIGEST_MAX_LINES), (f) => {
      const team = shortenForCard(f.teamTitle, LINE_LABEL_BUDGET, cardTextInline).text;
      const members = f.members.length ? ` — ${f.members.map((m) => shortenForCard(m, 80, cardTextInline).text).join(', ')}` : '';
      return `${link(`${team}, visit on ${formatShortDate(f.visitDate)}`, f.url)}${members}: form was due ${formatShortDate(f.submissionDue)} (${describeDeadline(deadline(f.submissionDue, input.today))})`;
    }),
  );
  const responses = fitLines(
    linesOf(input.responses.slice(0, DIGEST_MAX_LINES), (r) => {
      const team = shortenForCard(r.teamTitle, LINE_LABEL_BUDGET, cardTextInline).text;
      return `${link(`${team}, visit on ${formatShortDate(r.visitDate)}`, r.url)}: response was due ${formatShortDate(r.responseDue)} (${describeDeadline(deadline(r.responseDue, input.today))})`;
    }),
  );
  const unanswerable = fitLines(
    linesOf(input.unanswerable || [], (t) => {
      const team = shortenForCard(t.teamTitle, LINE_LABEL_BUDGET, cardTextInline).text;
      const named = t.namedName ? shortenForCard(t.namedName, 80, cardTextInline).text : 'someone who is no longer on the site';
      return `${team} names ${named} as its Head of Service, who is not in the Heads of Service group: nobody can answer its reports. The site owners can add them to the group, or the improvement team can name someone else or clear the name.`;
    }),
  );
  const undelivered = fitLines(
    linesOf(input.undelivered || [], (u) => {
      const team = shortenForCard(u.teamTitle, LINE_LABEL_BUDGET, cardTextInline).text;
      const visit = u.visitDate ? `, visit on ${formatShortDate(u.visitDate)}` : '';
      const why = u.lastError ? ` Last error: ${shortenForCard(u.lastError, 160, cardTextInline).text}` : '';
      return `${link(`${team}${visit}`, u.url)}: no card could be posted after ${u.failures} tries (parked since ${formatShortDate(u.since.slice(0, 10) as CalendarDate)}); the bot retries it hourly.${why}`;
    }),
  );
  const more = (total: number, shown: number): string => (total > shown ? `And ${total - shown} more: open Frontline Visits to see them all.` : '');
  return {
    heading: `Overdue: ${plural(input.forms.length, 'visit form', 'visit forms')}, ${plural(input.responses.length, 'response', 'responses')}`,
    today: formatLongDate(input.today),
    formsHeading: `Visit forms overdue for submission (${input.forms.length})`,
    responsesHeading: `Responses overdue from the Head of Service (${input.responses.length})`,
    forms,
    responses,
    formsMore: more(input.forms.length, forms.length),
    responsesMore: more(input.responses.length, responses.length),
    unanswerableHeading: `Teams whose reports nobody can answer (${(input.unanswerable || []).length})`,
    unanswerable,
    undeliveredHeading: `Reports with no card in this channel: posting keeps failing (${(input.undelivered || []).length})`,
    undeliveredHint: 'IT can see why with npm run doctor; once the cause is fixed, restarting the bot posts them at once.',
    undelivered,
    appUrl: input.appUrl,
  };
}

export function renderDigestCard(input: DigestInput): AdaptiveCardJson {
  return new ACData.Template(DIGEST_CARD_TEMPLATE).expand({ $root: digestCardData(input) }) as AdaptiveCardJson;
}
