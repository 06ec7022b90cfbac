/**
 * The committee report's sections: the council's own structure, as one list a council changes
 * here (order, headings, which are numbered, which hold the tables drawn from the data). Each
 * saved committee report keeps the list it was written with, so changing this list never rewrites
 * a past report: last year's report is rebuilt with last year's headings and words.
 */

/** What a section holds besides the words the clerk writes. */
export type SectionContent =
  /** The visits held and not held, and why, and the quarters with no visit (coverage flags). */
  | 'visits'
  /** The themes across visits and a pointer to the summary of issues (Appendix 2). */
  | 'issues'
  /** The contact block: name, job title, telephone, email. */
  | 'contact';

export interface AgendaSubsection {
  id: string;
  heading: string;
}

export interface AgendaSectionDefinition {
  /** Stable key: the saved text of a report is kept by it. Letters, digits and hyphens. */
  id: string;
  heading: string;
  /** A numbered heading (1, 2, 3…) whose paragraphs are numbered under it (1.1, 1.2…). */
  numbered: boolean;
  /** What the section holds besides its written text. */
  content?: SectionContent;
  /** Headed parts written separately, e.g. the implications: legal, finance, … */
  subsections?: ReadonlyArray<AgendaSubsection>;
}

/** The implications a council's report states, one heading each. */
export const IMPLICATIONS: ReadonlyArray<AgendaSubsection> = [
  { id: 'legal', heading: 'Legal' },
  { id: 'finance', heading: 'Finance' },
  { id: 'policy', heading: 'Policy' },
  { id: 'equality', heading: 'Equality and diversity' },
  { id: 'human-resources', heading: 'Human resources' },
  { id: 'risk', heading: 'Risk' },
  { id: 'rural', heading: 'Rural' },
  { id: 'children-and-young-people', heading: 'Children and young people' },
  { id: 'public-health', heading: 'Public health' },
];

/**
 * The council's report structure: a scrutiny committee report, numbered 1 to 6, then the
 * standard unnumbered parts. Change this list to change every new report's sections.
 */
export const AGENDA_SECTIONS: ReadonlyArray<AgendaSectionDefinition> = [
  { id: 'summary', heading: 'Report Summary', numbered: true },
  { id: 'recommendations', heading: 'Recommendations', numbered: true },
  { id: 'reasons', heading: 'Reasons for Recommendations', numbered: true },
  { id: 'options', heading: 'Other Options Considered', numbered: true },
  { id: 'background', heading: 'Background', numbered: true, content: 'visits' },
  { id: 'issues', heading: 'Issues and Head of Service Response', numbered: true, content: 'issues' },
  { id: 'implications', heading: 'Implications', numbered: false, subsections: IMPLICATIONS },
  { id: 'ward-members', heading: 'Ward Members Affected', numbered: false },
  { id: 'consultation', heading: 'Consultation', numbered: false },
  { id: 'access-to-information', heading: 'Access to Information', numbered: false },
  { id: 'contact', heading: 'Contact Information', numbered: false, content: 'contact' },
];

export const APPENDIX_ROTA_HEADING = 'Appendix 1: Rota for future visits';
export const APPENDIX_ISSUES_HEADING = 'Appendix 2: Summary of issues by team';

/** The key a written text is kept under: a section's id, or `section/subsection`. */
export function textKey(sectionId: string, subsectionId?: string): string {
  return subsectionId ? `${sectionId}/${subsectionId}` : sectionId;
}

/** Every key a report's written text is kept under, in the order of the document. */
export function textKeys(sections: ReadonlyArray<AgendaSectionDefinition>): string[] {
  return sections.flatMap((s) => [textKey(s.id), ...(s.subsections || []).map((sub) => textKey(s.id, sub.id))]);
}

const ID = /^[a-z0-9][a-z0-9-]{0,39}$/;
const CONTENTS: ReadonlyArray<SectionContent> = ['visits', 'issues', 'contact'];

/**
 * A section list read from storage (a saved report's copy) checked before use: a list that is not
 * an array of well-formed sections with unique ids is refused, so a damaged item can never make a
 * document with missing or repeated sections. Returns the problems, or none.
 */
export function sectionListProblems(value: unknown): string[] {
  if (!Array.isArray(value) || value.length === 0) {
    return ['The section list must be a non-empty list of sections.'];
  }
  const problems: string[] = [];
  const seen = new Set<string>();
  value.forEach((raw: unknown, index) => {
    const s = raw as Partial<AgendaSectionDefinition> | null;
    const where = `Section ${index + 1}`;
    if (!s || typeof s !== 'object') {
      problems.push(`${where} is not a section.`);
      return;
    }
    if (typeof s.id !== 'string' || !ID.test(s.id)) {
      problems.push(`${where} needs an id of lower-case letters, digits and hyphens.`);
    } else if (seen.has(s.id)) {
      problems.push(`${where} repeats the id "${s.id}".`);
    } else {
      seen.add(s.id);
    }
    if (typeof s.heading !== 'string' || !s.heading.trim()) {
      problems.push(`${where} needs a heading.`);
    }
    if (typeof s.numbered !== 'boolean') {
      problems.push(`${where} must say whether it is numbered (true or false).`);
    }
    if (s.content !== undefined && CONTENTS.indexOf(s.content) === -1) {
      problems.push(`${where} has unknown content "${String(s.content)}"; it may be ${CONTENTS.join(', ')}.`);
    }
    const subs = s.subsections;
    if (subs !== undefined && (!Array.isArray(subs) || subs.some((sub) => !sub || typeof sub.id !== 'string' || !ID.test(sub.id) || !sub.heading))) {
      problems.push(`${where} has a subsection without a proper id and heading.`);
    }
  });
  return problems;
}
