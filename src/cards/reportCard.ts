/**
 * The card for one submitted report, in its three views: everyone's ("awaiting the Head of
 * Service's response"), the Head of Service's (an input and a Send button) and, once answered,
 * the response. Shared by the bot and the web part's preview; browser-safe.
 */
import * as ACData from 'adaptivecards-templating';
import { calendarDateFromSharePoint, formatLongDate } from '../domain/calendarDate';
import { responseDueDate, visitReportLateness } from '../domain/deadlines';
import { GRID_COLUMN_LABELS, GRID_COLUMNS, GRID_ROW_LABELS, GRID_ROWS, gridCellKey } from '../domain/grid';
import {
  areaFeedbackField,
  feedbackText,
  FEEDBACK_TEXT_FIELDS,
  FORM_TEXT_FIELDS,
  GRID_TEXT_FIELDS,
  gridTextField,
  OVERALL_FEEDBACK_FIELD,
  textFieldsShownOn,
  textOf,
} from '../domain/reportFields';
import { VisitReport } from '../domain/types';
import { cardTextInline, jsonBytes, normaliseTypedText, shortenForCard } from './cardText';
import { CARD_VERBS, REPORT_CARD_TEMPLATE } from './templates';

/** Teams refuses a message over 28 KB; the card leaves room for the activity around it. */
export const CARD_MAX_BYTES = 28 * 1024;
export const CARD_BUDGET_BYTES = 26 * 1024;

/** Bytes each piece of user text may take on the card (after escaping, as JSON). */
export const CARD_TEXT_BUDGET = {
  gridCell: GRID_TEXT_FIELDS[0].cardBudget as number,
  feedback: FEEDBACK_TEXT_FIELDS[0].cardBudget,
  staffInvolved: FORM_TEXT_FIELDS[1].cardBudget,
  member: 80,
  title: 300,
} as const;

/** Teams refreshes a card automatically for at most 60 listed users. */
export const REFRESH_MAX_USERS = 60;

export type ReportCardView = 'awaiting' | 'headOfService' | 'responded';

export interface ReportCardOptions {
  /** Defaults to `responded` when the report has feedback, else `awaiting`. */
  view?: ReportCardView;
  /** A message shown above the status, e.g. why the response was not saved. */
  notice?: string;
  /**
   * Teams user ids (MRIs) whose client should ask the bot for their own view as soon as they see
   * the card: the Heads of Service. Everyone else keeps the safe default, the awaiting view.
   */
  refreshUserIds?: ReadonlyArray<string>;
  /**
   * People to @mention on the card (the Heads of Service who answer it), by Entra object id: Teams
   * accepts an object id or UPN as a card mention's id and notifies them when the card is posted.
   */
  mentions?: ReadonlyArray<{ id: string; name: string }>;
  /**
   * The Head of Service's view, amending the answer: each input holds the current text, and the
   * Send button names the version it amends.
   */
  amending?: boolean;
  /**
   * What the Head of Service typed, by answer key, put back in the inputs when it was not saved
   * (the service was busy), so Send can be pressed again without typing it twice.
   */
  typed?: { [key: string]: string };
}

/** Prefilled answers above this size are left out of the amend view: the card must stay under 28 KB. */
export const PREFILL_BUDGET_BYTES = 9 * 1024;

/** A person's name as the `<at>` text of a mention: plain words only, since Teams matches it to the entity exactly. */
export function mentionName(name: string): string {
  return (
    name
      .replace(/[^\p{L}\p{N} .'’,/-]/gu, ' ')
      .replace(/\s+/g, ' ')
      .trim()
      .slice(0, 80) || 'Head of Service'
  );
}

export interface AdaptiveCardJson {
  type: 'AdaptiveCard';
  version: string;
  body: unknown[];
  actions?: unknown[];
  refresh?: unknown;
  [key: string]: unknown;
}

function day(value: string | undefined): string {
  const date = calendarDateFromSharePoint(value);
  return date ? formatLongDate(date) : 'Not recorded';
}

function responseDueText(report: VisitReport): string {
  return report.submittedOn ? formatLongDate(responseDueDate(report.submittedOn)) : 'Not yet submitted';
}

/**
 * Spoken, fallback and notification text is not Markdown: plain words, with nothing a template
 * could evaluate and no hidden or control characters.
 */
export function speakable(text: string | undefined): string {
  return (normaliseTypedText(text).trim() || 'a team')
    .replace(/[\\${}<>]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 200);
}

/** Who answered and when; once amended, when it was first given and that earlier versions are kept. */
function byLine(feedback: NonNullable<VisitReport['feedback']>, answeredText: string): string {
  const name = feedback.by ? shortenForCard(feedback.by.displayName, CARD_TEXT_BUDGET.member, cardTextInline).text : 'the Head of Service';
  const earlier = feedback.earlier ? feedback.earlier.length : 0;
  if (!earlier) {
    return `By ${name} on ${day(feedback.on)}. ${answeredText}.`;
  }
  const kept = earlier === 1 ? 'the earlier version is kept' : `${earlier} earlier versions are kept`;
  return `First given on ${day(feedback.firstOn)} (${answeredText.toLowerCase()}); amended by ${name} on ${day(feedback.on)}; ${kept}.`;
}

/** The view model the template binds to: every user-typed value escaped and within budget. */
export function reportCardData(report: VisitReport, reportUrl: string, options: ReportCardOptions = {}): { [key: string]: unknown } {
  const view: ReportCardView = options.view || (report.feedback ? 'responded' : 'awaiting');
  let shortened = false;
  const shorten = (text: string | undefined, budget: number): string => {
    const s = shortenForCard(text, budget);
    shortened = shortened || s.shortened;
    return s.text;
  };
  const team = shorten(report.teamTitle || 'Team not recorded', CARD_TEXT_BUDGET.title).replace(/\n\n/g, ' ');
  const feedback = report.feedback;
  const answering = view === 'headOfService';
  // The amend view starts from the current answer, when it fits on the card.
  const prefills: { [key: string]: string } = {};
  let prefillLeftOut = false;
  const typed = options.typed;
  if (answering && ((options.amending && feedback) || typed)) {
    for (const field of FEEDBACK_TEXT_FIELDS) {
      prefills[field.key] = normaliseTypedText(typed ? typed[field.key] || '' : feedbackText(feedback, field));
    }
    if (jsonBytes(prefills) > PREFILL_BUDGET_BYTES) {
      prefillLeftOut = true;
      Object.keys(prefills).forEach((key) => (prefills[key] = ''));
    }
  }
  const rows = GRID_ROWS.map((row) => {
    const wrote = GRID_COLUMNS.some((column) => (report.grid[gridCellKey(row, column)] || '').trim());
    const answerField = areaFeedbackField(row);
    const answer = feedbackText(feedback, answerField);
    return {
      label: GRID_ROW_LABELS[row],
      cells: GRID_COLUMNS.map((column) => {
        const raw = report.grid[gridCellKey(row, column)] || '';
        const empty = raw.trim().length === 0;
        return { question: GRID_COLUMN_LABELS[column], text: empty ? '' : shorten(raw, gridTextField(gridCellKey(row, column)).cardBudget as number), empty };
      }),
      responseHeading: answerField.shortLabel,
      response: view === 'responded' && answer.trim() ? shorten(answer, answerField.cardBudget as number) : '',
      // An input only for the areas the members wrote about.
      askInput: answering && wrote,
      inputId: answerField.cardInputId,
      inputLabel: answerField.label,
      prefill: prefills[answerField.key] || '',
    };
  });
  const members = report.members.length
    ? report.members.map((m) => shortenForCard(m.displayName, CARD_TEXT_BUDGET.member, cardTextInline).text).join(', ')
    : 'Not recorded';
  const due = responseDueText(report);
  const visitDate = report.visitDate ? formatLongDate(report.visitDate) : 'Not recorded';
  const lateness = visitReportLateness(report);
  return {
    reportId: report.id,
    view,
    heading: `Visit report: ${team}`,
    speak: `Visit report for ${speakable(report.teamTitle)}, visit on ${visitDate}.`,
    team,
    visitDate,
    members,
    // Short facts: one paragraph each, so a line break typed in them does not split the fact.
    texts: textFieldsShownOn('card', FORM_TEXT_FIELDS)
      .filter((field) => textOf(report, field).trim())
      .map((field) => ({ title: field.shortLabel, value: shortenForCard(textOf(report, field), field.cardBudget as number, cardTextInline).text })),
    safetyScale: typeof report.safetyScale === 'number' ? `${report.safetyScale} out of 10` : 'Not recorded',
    submittedOn: lateness.submittedText ? `${day(report.submittedOn)} (${lateness.submittedText.toLowerCase()})` : day(report.submittedOn),
    responseDue: due,
    rows,
    awaitingText: `Awaiting the Head of Service's response (due ${due}).`,
    feedback: feedback && feedback.text.trim() ? shorten(feedback.text, OVERALL_FEEDBACK_FIELD.cardBudget) : '',
    answerHint: prefillLeftOut
      ? 'Your current response is too long to show here: open the full report to copy it, then write the amended response below. At least one box is needed.'
      : options.amending
        ? 'Amend your response below. The earlier version is kept and shown as amended. At least one box is needed.'
        : 'Respond on each area the members wrote about, give an overall response, or both. At least one box is needed.',
    prefillOverall: prefills[OVERALL_FEEDBACK_FIELD.key] || '',
    amendsOn: answering && options.amending && feedback ? feedback.on : '',
    feedbackByLine: feedback ? byLine(feedback, lateness.answeredText) : '',
    notice: options.notice ? cardTextInline(options.notice) : '',
    attentionLine:
      options.mentions && options.mentions.length
        ? `For the Head of Service's response: ${options.mentions.map((m) => `<at>${mentionName(m.name)}</at>`).join(', ')}`
        : '',
    shortened,
    reportUrl,
  };
}

/** The card itself. */
export function renderReportCard(report: VisitReport, reportUrl: string, options: ReportCardOptions = {}): AdaptiveCardJson {
  const data = reportCardData(report, reportUrl, options);
  const card = new ACData.Template(REPORT_CARD_TEMPLATE).expand({ $root: data }) as AdaptiveCardJson;
  if (data.view !== 'responded') {
    // Until answered, the Heads of Service listed here get their own view automatically.
    card.refresh = {
      action: { type: 'Action.Execute', verb: CARD_VERBS.refresh, data: { reportId: report.id } },
      userIds: (options.refreshUserIds || []).slice(0, REFRESH_MAX_USERS),
    };
  }
  if (data.attentionLine && options.mentions) {
    card.msteams = {
      entities: options.mentions.map((m) => ({ type: 'mention', text: `<at>${mentionName(m.name)}</at>`, mentioned: { id: m.id, name: m.name } })),
    };
  }
  return card;
}

/** What someone who is not a Head of Service for the team sees after pressing the button. */
export function renderRefusalCard(report: VisitReport, reportUrl: string, teamTitle?: string): AdaptiveCardJson {
  const who = teamTitle || report.teamTitle || 'this team';
  return renderReportCard(report, reportUrl, {
    view: report.feedback ? 'responded' : 'awaiting',
    notice: `Only the Head of Service for ${who} can respond to this report. Nothing was saved.`,
  });
}

/** Size of the card as Teams counts it (the JSON, in bytes). */
export function cardBytes(card: unknown): number {
  return jsonBytes(card);
}
