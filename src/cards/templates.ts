/**
 * Adaptive Card templates (schema 1.5, the Teams limit), expanded with `adaptivecards-templating`.
 * Every `${...}` here binds to a view model built in `reportCard.ts` / `digestCard.ts`, whose text
 * values are already escaped by `cardText.ts`: the templates never see raw user text.
 */

import { LIMITS } from '../domain/validation';

export const CARD_SCHEMA_VERSION = '1.5';

/** Verbs of the card's Action.Execute buttons (tests and tools rely on these names). */
export const CARD_VERBS = {
  submitFeedback: 'submitFeedback',
  refresh: 'refreshCard',
  /** A Head of Service asks to amend the answer: their view comes back with it filled in. */
  amendFeedback: 'amendFeedback',
} as const;

/** The id of the Head of Service's input (tests and tools rely on it). */
export const FEEDBACK_INPUT_ID = 'feedback';

type Json = { [key: string]: unknown };

const reportHeader: Json[] = [
  {
    type: 'TextBlock',
    text: '${heading}',
    style: 'heading',
    size: 'Large',
    weight: 'Bolder',
    wrap: true,
  },
  {
    type: 'FactSet',
    facts: [
      { title: 'Team visited', value: '${team}' },
      { title: 'Date of visit', value: '${visitDate}' },
      { title: 'Elected members', value: '${members}' },
      // The form's free text, one fact per field that has some (`reportFields.ts`, shows 'card').
      { $data: '${texts}', title: '${title}', value: '${value}' },
      { title: 'How safe (0–10)', value: '${safetyScale}' },
      { title: 'Submitted', value: '${submittedOn}' },
      { title: 'Response due', value: '${responseDue}' },
    ],
  },
];

const gridSection: Json = {
  type: 'Container',
  $data: '${rows}',
  separator: true,
  spacing: 'Medium',
  items: [
    { type: 'TextBlock', text: '${label}', weight: 'Bolder', size: 'Medium', wrap: true },
    {
      type: 'Container',
      $data: '${cells}',
      spacing: 'Small',
      items: [
        { type: 'TextBlock', text: '${question}', isSubtle: true, weight: 'Bolder', wrap: true, spacing: 'Small' },
        { type: 'TextBlock', text: '${text}', wrap: true, spacing: 'None', $when: '${!empty}' },
        { type: 'TextBlock', text: 'Nothing recorded.', isSubtle: true, wrap: true, spacing: 'None', $when: '${empty}' },
      ],
    },
    {
      // The Head of Service's answer on this area, beside what the members wrote.
      type: 'Container',
      style: 'good',
      spacing: 'Small',
      $when: "${response != ''}",
      items: [
        { type: 'TextBlock', text: '${responseHeading}', weight: 'Bolder', wrap: true },
        { type: 'TextBlock', text: '${response}', wrap: true, spacing: 'Small' },
      ],
    },
    {
      type: 'Input.Text',
      id: '${inputId}',
      label: '${inputLabel}',
      isMultiline: true,
      maxLength: LIMITS.feedback,
      value: '${prefill}',
      spacing: 'Medium',
      $when: '${askInput}',
    },
  ],
};

const shortenedNote: Json = {
  type: 'TextBlock',
  text: 'Some long answers are shortened on this card. Open the full report to read everything.',
  isSubtle: true,
  wrap: true,
  $when: '${shortened}',
};

const noticeBlock: Json = {
  type: 'Container',
  style: 'attention',
  $when: "${notice != ''}",
  items: [{ type: 'TextBlock', text: '${notice}', wrap: true, weight: 'Bolder' }],
};

/** What happens next: one of the three views, chosen by `view`. */
const statusSection: Json[] = [
  {
    type: 'Container',
    separator: true,
    spacing: 'Large',
    $when: "${view == 'awaiting'}",
    items: [
      {
        type: 'TextBlock',
        text: '${awaitingText}',
        wrap: true,
        weight: 'Bolder',
      },
    ],
  },
  {
    type: 'Container',
    separator: true,
    spacing: 'Large',
    $when: "${view == 'headOfService'}",
    items: [
      { type: 'TextBlock', text: '${answerHint}', wrap: true },
      {
        type: 'Input.Text',
        id: FEEDBACK_INPUT_ID,
        label: 'Your overall response (due ${responseDue})',
        isMultiline: true,
        maxLength: LIMITS.feedback,
        value: '${prefillOverall}',
        errorMessage: `Up to ${LIMITS.feedback.toLocaleString('en-GB')} characters.`,
        placeholder: 'Respond to the issues the members raised',
      },
    ],
  },
  {
    type: 'Container',
    separator: true,
    spacing: 'Large',
    style: 'good',
    $when: "${view == 'responded'}",
    items: [
      { type: 'TextBlock', text: 'Head of Service response', weight: 'Bolder', size: 'Medium', wrap: true },
      { type: 'TextBlock', text: '${feedback}', wrap: true, $when: "${feedback != ''}" },
      { type: 'TextBlock', text: 'Answered area by area, beside each area above.', wrap: true, $when: "${feedback == ''}" },
      { type: 'TextBlock', text: '${feedbackByLine}', isSubtle: true, wrap: true, spacing: 'Small' },
    ],
  },
];

export const REPORT_CARD_TEMPLATE: Json = {
  type: 'AdaptiveCard',
  $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
  version: CARD_SCHEMA_VERSION,
  // Lets screen readers and the notification preview say what the card is.
  speak: '${speak}',
  fallbackText: '${speak}',
  body: [
    ...reportHeader,
    { type: 'TextBlock', text: '${attentionLine}', wrap: true, $when: "${attentionLine != ''}" },
    gridSection,
    shortenedNote,
    noticeBlock,
    ...statusSection,
  ],
  actions: [
    {
      type: 'Action.Execute',
      title: 'Send response',
      verb: CARD_VERBS.submitFeedback,
      data: { reportId: '${reportId}' },
      associatedInputs: 'auto',
      style: 'positive',
      $when: "${view == 'headOfService' && amendsOn == ''}",
    },
    {
      // An amendment names the version it amends: one made meanwhile by someone else is not overwritten.
      type: 'Action.Execute',
      title: 'Send amended response',
      verb: CARD_VERBS.submitFeedback,
      data: { reportId: '${reportId}', amendsOn: '${amendsOn}' },
      associatedInputs: 'auto',
      style: 'positive',
      $when: "${view == 'headOfService' && amendsOn != ''}",
    },
    {
      type: 'Action.Execute',
      title: 'Amend the response',
      verb: CARD_VERBS.amendFeedback,
      data: { reportId: '${reportId}' },
      associatedInputs: 'none',
      $when: "${view == 'responded'}",
    },
    {
      // A person whose client does not refresh cards on its own asks for their view here.
      type: 'Action.Execute',
      title: 'Respond as Head of Service',
      verb: CARD_VERBS.refresh,
      data: { reportId: '${reportId}' },
      associatedInputs: 'none',
      $when: "${view == 'awaiting'}",
    },
    {
      type: 'Action.OpenUrl',
      title: 'Open the full report',
      url: '${reportUrl}',
    },
  ],
};

/** One list of the digest: `${<list>Heading}`, the lines of `${<list>}`, and `${<list>More}`. */
function digestSection(list: 'forms' | 'responses', whenEmpty: string): Json {
  return {
    type: 'Container',
    separator: true,
    spacing: 'Medium',
    items: [
      { type: 'TextBlock', text: `\${${list}Heading}`, weight: 'Bolder', size: 'Medium', wrap: true },
      { type: 'TextBlock', text: whenEmpty, wrap: true, $when: `\${count(${list}) == 0}` },
      { type: 'TextBlock', $data: `\${${list}}`, text: '${line}', wrap: true, spacing: 'Small' },
      { type: 'TextBlock', text: `\${${list}More}`, isSubtle: true, wrap: true, $when: `\${${list}More != ''}` },
    ],
  };
}

/** The overdue digest: forms not yet submitted, responses not yet written. */
export const DIGEST_CARD_TEMPLATE: Json = {
  type: 'AdaptiveCard',
  $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
  version: CARD_SCHEMA_VERSION,
  speak: '${heading}',
  fallbackText: '${heading}',
  body: [
    { type: 'TextBlock', text: '${heading}', style: 'heading', size: 'Large', weight: 'Bolder', wrap: true },
    { type: 'TextBlock', text: 'As of ${today}.', isSubtle: true, wrap: true, spacing: 'None' },
    digestSection('forms', 'No forms are overdue.'),
    digestSection('responses', 'No responses are overdue.'),
    {
      // Only when a team names a Head of Service who cannot answer: nobody can answer its reports.
      type: 'Container',
      separator: true,
      spacing: 'Medium',
      $when: '${count(unanswerable) > 0}',
      items: [
        { type: 'TextBlock', text: '${unanswerableHeading}', weight: 'Bolder', size: 'Medium', color: 'Attention', wrap: true },
        { type: 'TextBlock', $data: '${unanswerable}', text: '${line}', wrap: true, spacing: 'Small' },
      ],
    },
    {
      type: 'Container',
      separator: true,
      spacing: 'Medium',
      $when: '${count(undelivered) > 0}',
      items: [
        { type: 'TextBlock', text: '${undeliveredHeading}', weight: 'Bolder', size: 'Medium', color: 'Attention', wrap: true },
        { type: 'TextBlock', $data: '${undelivered}', text: '${line}', wrap: true, spacing: 'Small' },
        { type: 'TextBlock', text: '${undeliveredHint}', wrap: true, spacing: 'Small', isSubtle: true },
      ],
    },
  ],
  actions: [{ type: 'Action.OpenUrl', title: 'Open Frontline Visits', url: '${appUrl}' }],
};
