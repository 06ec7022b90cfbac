/**
 * The committee report as the council's agenda item: a title block, the configured sections in
 * order (numbered sections with numbered paragraphs, 1, 1.1, 1.2…), and two appendices: the rota
 * for future visits and the summary of issues per team, what staff said beside the Head of
 * Service's response, area by area. Drawn as an outline, so the clerk's preview, the built-in
 * Word layout and the council's own template all hold the same words.
 */
import type { AgendaSectionDefinition } from './agendaSections';
import { APPENDIX_ISSUES_HEADING, APPENDIX_ROTA_HEADING, textKey } from './agendaSections';
import type { AgendaSlots } from './agendaSlots';
import type { CommitteeReport } from './committeeReport';
import { paragraphsOf } from './committeeReport';
import { cell, OutlineBlock, OutlineCell, responseCell, rotaTable, saidCell, scaleBlocks, visitsTable } from './packOutline';
import { cleanText, formatDayMonthYear } from './packText';
import type { PackModel, PackTeamSummary } from './packTypes';

const p = (text: string, bold?: boolean): OutlineBlock => ({ kind: 'paragraph', runs: [{ text, bold }] });
const labelled = (label: string, text: string): OutlineBlock => ({ kind: 'paragraph', runs: [{ text: `${label}: `, bold: true }, { text }] });

/** The header's line: committee, meeting date, report title. */
export function agendaHeaderText(model: PackModel, report: CommitteeReport): string {
  return [cleanText(report.committee) || model.title.committee, model.title.meetingDateText, cleanText(report.reportTitle) || model.title.reportTitle].join(
    ' · ',
  );
}

/** The contact block: who to ask about the report. */
export function contactBlocks(report: CommitteeReport): OutlineBlock[] {
  const c = report.contact;
  const lines: OutlineBlock[] = [];
  if (cleanText(c.name)) {
    lines.push(p(cleanText(c.name), true));
  }
  if (cleanText(c.jobTitle)) {
    lines.push(p(cleanText(c.jobTitle)));
  }
  if (cleanText(c.telephone)) {
    lines.push(labelled('Telephone', cleanText(c.telephone)));
  }
  if (cleanText(c.email)) {
    lines.push(labelled('Email', cleanText(c.email)));
  }
  return lines.length ? lines : [p('Contact details to be added.', true)];
}

/** One team's page of Appendix 2: every area, with each visit's words beside that area's response. */
function teamIssues(team: PackTeamSummary): OutlineBlock[] {
  const blocks: OutlineBlock[] = [{ kind: 'heading', level: 3, text: team.team }];
  if (team.reportCount === 0) {
    blocks.push(
      p(team.heldVisitCount === 0 ? 'No visit to this team took place in the period.' : 'No reports have been submitted for this team in the period.'),
    );
    return blocks;
  }
  const rows: OutlineCell[][] = [];
  for (const area of team.themes) {
    if (area.statements.length === 0) {
      rows.push([cell(area.label), cell(''), cell(`Nothing was recorded under ${area.label} at these visits.`), cell('')]);
      continue;
    }
    for (const s of area.statements) {
      rows.push([cell(area.label), cell(s.visitText), saidCell(s), responseCell(s)]);
    }
  }
  blocks.push({
    kind: 'table',
    caption: `${team.team}: what staff said and the Head of Service’s response, area by area`,
    headers: ['Area', 'Visit', 'What staff said', 'Head of Service response'],
    widths: [18, 15, 36, 31],
    rows,
  });
  return blocks;
}

/** What a section holds after its written words. */
function sectionContent(section: AgendaSectionDefinition, model: PackModel, report: CommitteeReport, slots: AgendaSlots): OutlineBlock[] {
  if (section.content === 'visits') {
    const blocks: OutlineBlock[] = [];
    if (model.reachesPastToday) {
      blocks.push(
        p(
          `This report was prepared on ${formatDayMonthYear(model.today)}. Visits from that day to the end of the period are shown as planned: they are not missing.`,
        ),
      );
    }
    blocks.push(visitsTable(model));
    if (model.coverageGaps.length) {
      blocks.push(
        p('Each team is to be visited at least once a quarter. In the quarters wholly within this period:'),
        ...model.coverageGaps.map((gap) => p(gap)),
      );
    } else if (model.visits.length) {
      blocks.push(p('Every team had a visit held or planned in each quarter wholly within the period.'));
    }
    blocks.push({ kind: 'heading', level: 3, text: 'Safety scale judgements' });
    blocks.push(...scaleBlocks(model, 4), ...(slots.scaleChart || []));
    return blocks;
  }
  if (section.content === 'issues') {
    return [...(slots.themes || []), p('Appendix 2 sets out what staff said in each area, team by team, beside the Head of Service’s response.')];
  }
  if (section.content === 'contact') {
    return contactBlocks(report);
  }
  return [];
}

/** The title block the agenda item opens with. */
function titleBlocks(model: PackModel, report: CommitteeReport): OutlineBlock[] {
  const blocks: OutlineBlock[] = [
    p(cleanText(report.committee) || model.title.committee, true),
    p(model.title.meetingDateText),
    { kind: 'heading', level: 1, text: cleanText(report.reportTitle) || model.title.reportTitle },
  ];
  if (cleanText(report.reference)) {
    blocks.push(labelled('Report reference', cleanText(report.reference)));
  }
  const author = [cleanText(report.contact.name), cleanText(report.contact.jobTitle)].filter((t) => t).join(', ');
  if (author) {
    blocks.push(labelled('Report author', author));
  }
  blocks.push(labelled('Period covered', model.title.periodText), labelled('Teams', model.title.teamsText), labelled('Copied to', model.title.copiedTo));
  if (report.state === 'Draft') {
    blocks.push(labelled('Status', 'Draft'));
  }
  return blocks;
}

/** The whole agenda item: the title block, then the body. */
export function agendaOutline(model: PackModel, report: CommitteeReport, slots: AgendaSlots = {}): OutlineBlock[] {
  return [...titleBlocks(model, report), ...agendaBody(model, report, slots)];
}

/** The sections and appendices: what a council template's `report_body` placeholder receives. */
export function agendaBody(model: PackModel, report: CommitteeReport, slots: AgendaSlots = {}): OutlineBlock[] {
  const blocks: OutlineBlock[] = [];
  let sectionNumber = 0;
  for (const section of report.sections) {
    const number = section.numbered ? String(++sectionNumber) : undefined;
    let paragraphNumber = 0;
    const written = (text: string | undefined): OutlineBlock[] =>
      paragraphsOf(cleanText(text)).map((line) => ({
        kind: 'paragraph',
        runs: [{ text: line }],
        number: number ? `${number}.${++paragraphNumber}` : undefined,
      }));
    blocks.push({ kind: 'heading', level: 2, text: cleanText(section.heading), number });
    blocks.push(...written(report.texts[textKey(section.id)]));
    for (const sub of section.subsections || []) {
      blocks.push({ kind: 'heading', level: 3, text: cleanText(sub.heading) }, ...written(report.texts[textKey(section.id, sub.id)]));
    }
    blocks.push(...sectionContent(section, model, report, slots));
  }

  blocks.push(
    { kind: 'heading', level: 2, text: APPENDIX_ROTA_HEADING, pageBreakBefore: true },
    p(`Visits planned from ${model.nextPeriodText}.`),
    rotaTable(model),
    { kind: 'heading', level: 2, text: APPENDIX_ISSUES_HEADING, pageBreakBefore: true },
    p('What staff said to members in each area, with the Head of Service’s response beside it.'),
  );
  if (model.teamSummaries.length === 0) {
    blocks.push(p('No team had a visit in this period.'));
  }
  for (const team of model.teamSummaries) {
    blocks.push(...teamIssues(team));
  }
  return blocks;
}
