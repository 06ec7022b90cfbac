/**
 * The words a committee report starts from, drawn from the period's data: the clerk edits them
 * on screen and the edited words are kept with the report. Plain functions of the pack model.
 */
import { textKey } from './agendaSections';
import { CommitteeReport, withDraftTexts } from './committeeReport';
import { plural } from './packText';
import type { PackModel } from './packTypes';

function visitsSentence(model: PackModel): string {
  const c = model.counts;
  const planned = c.visitsHeld + c.visitsNotHeld + c.visitsPlanned;
  const parts = [`Members made ${plural(c.visitsHeld, 'visit', 'visits')} to frontline teams from ${model.title.periodText}`];
  if (planned > c.visitsHeld) {
    parts.push(`${c.visitsNotHeld} of the ${plural(planned, 'visit', 'visits')} on the rota did not take place`);
  }
  let sentence = `${parts.join('; ')}.`;
  if (c.visitsPlanned) {
    sentence += ` ${plural(c.visitsPlanned, 'further visit is', 'further visits are')} planned before the period ends.`;
  }
  return sentence;
}

function responsesSentence(model: PackModel): string {
  const c = model.counts;
  if (c.reportsSubmitted === 0) {
    return 'No visit reports have been submitted for the period yet.';
  }
  const outstanding = c.responsesAwaiting + c.responsesOverdue;
  return (
    `Members submitted ${plural(c.reportsSubmitted, 'report', 'reports')}; the Head of Service has responded to ${c.responsesReceived}` +
    (outstanding
      ? ` and ${plural(outstanding, 'response is', 'responses are')} still to come${c.responsesOverdue ? ` (${c.responsesOverdue} overdue)` : ''}.`
      : '.')
  );
}

const NONE = (what: string): string => `There are no ${what} implications arising from this report.`;

/** Starting text for every section the standard structure knows, by text key. */
export function draftTexts(model: PackModel): { [key: string]: string } {
  const t = model.title;
  return {
    [textKey('summary')]: [
      `This report presents the themes and issues from members’ visits to frontline children’s social care teams from ${t.periodText}, with the Head of Service’s responses.`,
      `${visitsSentence(model)} ${responsesSentence(model)}`,
    ].join('\n'),
    [textKey('recommendations')]: [
      'That the Committee notes the themes and issues raised by members during their visits to frontline teams, and the Head of Service’s responses.',
      'That the Committee notes the rota for future visits at Appendix 1.',
    ].join('\n'),
    [textKey('reasons')]:
      'Members’ visits give the Committee first-hand knowledge of frontline practice and assurance that children and young people are kept safe, in line with the national recommendation that elected members regularly visit frontline teams.',
    [textKey('options')]: 'None. Members’ visits to frontline teams are part of the Council’s arrangements for the oversight of children’s social care.',
    [textKey('background')]: [
      'Each intake team is visited once a quarter on a rota drawn up a year in advance, usually by two members with the team’s service manager. Members record what they find on a visit form, and the Head of Service responds to the issues raised within 28 days of the form being submitted.',
      `${visitsSentence(model)} The table below lists the visits, with the reasons where a visit did not take place.`,
    ].join('\n'),
    [textKey('issues')]: [
      'Members record what staff said under Staffing, Performance and Other: what they are worried about, what is working well and what needs to happen.',
      responsesSentence(model),
    ].join('\n'),
    [textKey('implications', 'legal')]: NONE('legal'),
    [textKey('implications', 'finance')]: NONE('financial'),
    [textKey('implications', 'policy')]: NONE('policy'),
    [textKey('implications', 'equality')]: NONE('equality and diversity'),
    [textKey('implications', 'human-resources')]: 'The issues members raised about staffing are answered by the Head of Service in Appendix 2.',
    [textKey('implications', 'risk')]: 'Visits not held and responses not received are shown in this report so that gaps in oversight are seen.',
    [textKey('implications', 'rural')]: NONE('rural'),
    [textKey('implications', 'children-and-young-people')]:
      'The visits help members assure themselves that children and young people in contact with children’s social care are kept safe.',
    [textKey('implications', 'public-health')]: NONE('public health'),
    [textKey('ward-members')]: 'All.',
    [textKey('consultation')]: 'The Head of Service has been consulted and has responded to the issues members raised.',
    [textKey('access-to-information')]: 'The visit forms and the Head of Service’s responses are held by the Children’s Improvement Team.',
    [textKey('contact')]: 'For more information on this report, contact:',
  };
}

/** The report with every section the clerk has not written filled with the words drawn from the data. */
export function reportWithDrafts(report: CommitteeReport, model: PackModel): CommitteeReport {
  return withDraftTexts(report, draftTexts(model));
}
