/**
 * Themes across visits: the council's list of themes (recruitment and retention, agency staff, …),
 * each with the words that suggest it, and the themes a report's areas suggest.
 *
 * Suggestion is plain word matching on stems (Porter's stemmer, the `stemmer` package), so
 * "vacancies", "vacancy" and "vacant" meet, and the improvement team can see why a theme was
 * suggested (the words it matched) and confirm or change it. No external service: the report's
 * words never leave the council's site.
 */
import { stemmer } from 'stemmer';
import { GRID_COLUMNS, GRID_ROWS, gridCellKey, GridRow } from './grid';
import type { Grid } from './grid';

export interface Theme {
  /** The Visit Themes item id: what a report's confirmed themes refer to, so renaming keeps counts. */
  id: number;
  title: string;
  /** Words and phrases that suggest the theme, as the council wrote them. */
  words: string[];
  /** A retired theme is no longer suggested or offered, but past reports still count under it. */
  isActive: boolean;
}

/**
 * The themes a new site starts with: those a council's "themes and issues" report shows, with
 * words staff use for them. The council edits the list (Visit Themes) from then on.
 */
export const DEFAULT_THEMES: ReadonlyArray<{ title: string; words: string[] }> = [
  {
    title: 'Recruitment and retention',
    words: [
      'recruitment',
      'recruit',
      'retention',
      'retain',
      'vacancy',
      'vacancies',
      'vacant post',
      'turnover',
      'leavers',
      'left the service',
      'resigned',
      'permanent post',
      'permanent staff',
      'staff shortage',
      'short staffed',
      'understaffed',
    ],
  },
  {
    title: 'Agency staff',
    words: ['agency', 'agency staff', 'agency worker', 'agency social worker', 'locum', 'interim', 'temporary staff', 'agency cover'],
  },
  {
    title: 'Caseloads and complexity',
    words: [
      'caseload',
      'case load',
      'caseloads',
      'workload',
      'complex',
      'complexity',
      'volume of work',
      'demand',
      'capacity',
      'unallocated',
      'number of cases',
      'high numbers',
    ],
  },
  {
    title: 'Management and supervision',
    words: [
      'supervision',
      'supervise',
      'team manager',
      'line manager',
      'senior manager',
      'managers',
      'management oversight',
      'leadership',
      'oversight',
      'reflective',
    ],
  },
  {
    title: 'IT systems',
    words: [
      'IT',
      'IT system',
      'computer',
      'laptop',
      'software',
      'recording system',
      'case management system',
      'Liquidlogic',
      'Mosaic',
      'wifi',
      'Wi-Fi',
      'login',
      'technology',
      'devices',
    ],
  },
  {
    title: 'Accommodation',
    words: [
      'accommodation',
      'office',
      'offices',
      'building',
      'desks',
      'hot desking',
      'parking',
      'car park',
      'interview room',
      'meeting room',
      'family time room',
      'office space',
    ],
  },
  {
    title: 'Multi-agency working',
    words: [
      'multi-agency',
      'multiagency',
      'multi agency',
      'partnership working',
      'joint working',
      'MASH',
      'strategy meeting',
      'strategy discussion',
      'information sharing',
      'working together',
    ],
  },
  {
    title: 'Courts',
    words: ['court', 'courts', 'care proceedings', 'proceedings', 'PLO', 'public law outline', 'Cafcass', 'judge', 'hearing', 'legal'],
  },
  {
    title: 'Training',
    words: ['training', 'trained', 'course', 'courses', 'learning', 'development', 'CPD', 'induction', 'skills', 'qualification', 'ASYE'],
  },
  {
    title: 'Staff safety',
    words: [
      'staff safety',
      'personal safety',
      'lone working',
      'lone worker',
      'aggression',
      'aggressive',
      'threatened',
      'threats',
      'assaulted',
      'violence',
      'verbal abuse',
      'safe to visit',
    ],
  },
  {
    title: 'Partner agencies',
    words: [
      'partner agencies',
      'partner agency',
      'partners',
      'police',
      'health',
      'health visitor',
      'school',
      'schools',
      'education',
      'GP',
      'hospital',
      'CAMHS',
      'probation',
      'housing',
    ],
  },
];

/**
 * The words as the council writes them in the list's "Suggesting words" column: one a line, or
 * separated by commas or semicolons. Empty pieces and repeats are dropped.
 */
export function parseThemeWords(text: string | null | undefined): string[] {
  const out: string[] = [];
  for (const piece of (text || '').split(/[\n\r,;]+/)) {
    const word = piece.trim().replace(/\s+/g, ' ');
    if (word && out.indexOf(word) === -1) {
      out.push(word);
    }
  }
  return out;
}

/** The words as the list column holds them: one a line. */
export function formatThemeWords(words: ReadonlyArray<string>): string {
  return words.join('\n');
}

interface Token {
  /** As written, for acronyms ("IT" must not match the pronoun "it"). */
  raw: string;
  stem: string;
}

/** An acronym in the list (IT, PLO, GP): matched only where the text writes it in capitals too. */
function isAcronym(word: string): boolean {
  return word.length >= 2 && /^[A-Z][A-Z0-9]*$/.test(word);
}

/**
 * Words of a text, in order: letters and digits, with typographic apostrophes folded and
 * accents dropped, so text pasted from Word matches as typed text does. Hyphens split words
 * ("multi-agency" is "multi agency"); possessives drop their "'s".
 */
function tokens(text: string): Token[] {
  const plain = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[\u2018\u2019\u02bc]/g, "'")
    .replace(/'s\b/gi, '')
    .replace(/'/g, '');
  const out: Token[] = [];
  const pattern = /[\p{L}\p{N}]+/gu;
  let match: RegExpExecArray | null;
  while ((match = pattern.exec(plain))) {
    const raw = match[0];
    out.push({ raw, stem: stemOf(raw.toLowerCase()) });
  }
  return out;
}

/** Stems already worked out: reports repeat their words, and a pack reads thousands of them. */
const STEMS = new Map<string, string>();
const MAX_REMEMBERED_STEMS = 50000;

function stemOf(word: string): string {
  let stem = STEMS.get(word);
  if (stem === undefined) {
    stem = stemmer(word);
    if (STEMS.size >= MAX_REMEMBERED_STEMS) {
      STEMS.clear();
    }
    STEMS.set(word, stem);
  }
  return stem;
}

interface Phrase {
  themeId: number;
  word: string;
  parts: Token[];
  acronym: boolean[];
}

/**
 * The themes' words made ready for matching: every phrase of every active theme, longest first,
 * so "multi-agency" and "partner agencies" claim their words before "agency" alone can.
 */
export function compileThemes(themes: ReadonlyArray<Theme>): Phrase[] {
  const known = COMPILED.get(themes);
  if (known) {
    return known;
  }
  const phrases: Phrase[] = [];
  for (const theme of themes) {
    if (!theme.isActive) {
      continue;
    }
    for (const word of theme.words) {
      const parts = tokens(word);
      if (parts.length) {
        phrases.push({ themeId: theme.id, word, parts, acronym: parts.map((p) => isAcronym(p.raw)) });
      }
    }
  }
  phrases.sort((a, b) => b.parts.length - a.parts.length);
  COMPILED.set(themes, phrases);
  return phrases;
}

/** Each theme list's phrases, worked out once per list (the pack suggests for every report). */
const COMPILED = new WeakMap<ReadonlyArray<Theme>, Phrase[]>();

export interface ThemeSuggestion {
  themeId: number;
  /** The theme's words found in the text, as the list writes them: why it was suggested. */
  matched: string[];
}

function matchesAt(text: Token[], at: number, phrase: Phrase, used: boolean[]): boolean {
  for (let i = 0; i < phrase.parts.length; i++) {
    const token = text[at + i];
    if (!token || used[at + i]) {
      return false;
    }
    const ok = phrase.acronym[i] ? token.raw === phrase.parts[i].raw : token.stem === phrase.parts[i].stem;
    if (!ok) {
      return false;
    }
  }
  return true;
}

/**
 * The themes a piece of text suggests, in the order of the theme list, each with the words that
 * suggested it. A word claimed by a longer phrase is not matched again by a shorter one.
 */
export function suggestThemes(text: string, themes: ReadonlyArray<Theme> | ReadonlyArray<Phrase>): ThemeSuggestion[] {
  const phrases = isCompiled(themes) ? themes : compileThemes(themes);
  const words = tokens(text);
  const used = words.map(() => false);
  const found = new Map<number, string[]>();
  // Most phrases' first word is nowhere in the text: skip them without scanning it.
  const present = new Set<string>();
  for (const word of words) {
    present.add(`s:${word.stem}`);
    present.add(`r:${word.raw}`);
  }
  for (const phrase of phrases) {
    if (!present.has(phrase.acronym[0] ? `r:${phrase.parts[0].raw}` : `s:${phrase.parts[0].stem}`)) {
      continue;
    }
    for (let at = 0; at + phrase.parts.length <= words.length; at++) {
      if (matchesAt(words, at, phrase, used)) {
        for (let i = 0; i < phrase.parts.length; i++) {
          used[at + i] = true;
        }
        const matched = found.get(phrase.themeId) || [];
        if (matched.indexOf(phrase.word) === -1) {
          matched.push(phrase.word);
        }
        found.set(phrase.themeId, matched);
      }
    }
  }
  const order = themeOrder(phrases);
  return Array.from(found.entries())
    .map(([themeId, matched]) => ({ themeId, matched }))
    .sort((a, b) => order(a.themeId) - order(b.themeId));
}

function isCompiled(themes: ReadonlyArray<Theme> | ReadonlyArray<Phrase>): themes is ReadonlyArray<Phrase> {
  return themes.length > 0 && (themes[0] as Phrase).parts !== undefined;
}

function themeOrder(phrases: ReadonlyArray<Phrase>): (themeId: number) => number {
  const ids: number[] = [];
  // Themes are listed in the order the council added them, which their item ids keep.
  phrases.forEach((p) => ids.indexOf(p.themeId) === -1 && ids.push(p.themeId));
  ids.sort((a, b) => a - b);
  return (id) => ids.indexOf(id);
}

/** A report's themes area by area (theme ids). */
export type AreaThemes = { [row in GridRow]: number[] };

export const NO_AREA_THEMES: AreaThemes = { staffing: [], performance: [], other: [] };

/** What one area of the grid says: its three cells as one text. */
export function areaText(grid: Grid, row: GridRow): string {
  return GRID_COLUMNS.map((column) => grid[gridCellKey(row, column)] || '')
    .filter((text) => text.trim() !== '')
    .join('\n');
}

/** Each area's suggested themes, with the words that suggested them. */
export function suggestAreaThemes(grid: Grid, themes: ReadonlyArray<Theme>): { [row in GridRow]: ThemeSuggestion[] } {
  const phrases = compileThemes(themes);
  const out = {} as { [row in GridRow]: ThemeSuggestion[] };
  for (const row of GRID_ROWS) {
    out[row] = phrases.length ? suggestThemes(areaText(grid, row), phrases) : [];
  }
  return out;
}

/** The suggestions as theme ids, area by area. */
export function suggestedAreaThemes(grid: Grid, themes: ReadonlyArray<Theme>): AreaThemes {
  const suggested = suggestAreaThemes(grid, themes);
  return {
    staffing: suggested.staffing.map((s) => s.themeId),
    performance: suggested.performance.map((s) => s.themeId),
    other: suggested.other.map((s) => s.themeId),
  };
}

/** Every theme a report raises, in any area, once. */
export function reportThemeIds(areas: AreaThemes): number[] {
  const ids: number[] = [];
  for (const row of GRID_ROWS) {
    for (const id of areas[row]) {
      if (ids.indexOf(id) === -1) {
        ids.push(id);
      }
    }
  }
  return ids.sort((a, b) => a - b);
}

/** A list column's text of theme ids ("3;7") to ids; anything that is not an id is ignored. */
export function parseThemeIds(text: string | null | undefined): number[] {
  const ids: number[] = [];
  for (const piece of (text || '').split(';')) {
    const id = Number(piece.trim());
    if (piece.trim() && Number.isInteger(id) && id > 0 && ids.indexOf(id) === -1) {
      ids.push(id);
    }
  }
  return ids;
}

export function formatThemeIds(ids: ReadonlyArray<number>): string {
  return ids.join(';');
}
