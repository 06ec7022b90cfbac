import { gridWith } from '../../helpers/reportFixtures';
import {
  DEFAULT_THEMES,
  parseThemeIds,
  parseThemeWords,
  reportThemeIds,
  suggestAreaThemes,
  suggestedAreaThemes,
  suggestThemes,
  Theme,
} from '../../../src/domain/themes';

/** The seeded list, with item ids in list order as a new site gets them. */
const themes: Theme[] = DEFAULT_THEMES.map((t, index) => ({ id: index + 1, title: t.title, words: t.words, isActive: true }));
const named = (text: string): string[] => suggestThemes(text, themes).map((s) => themes.find((t) => t.id === s.themeId)!.title);

describe('suggested themes for what staff said', () => {
  it('finds recruitment and agency cover in a staffing passage, whatever the word form', () => {
    const text =
      'Staff told members the team has four vacancies, two of them covered by agency social workers. ' +
      'Retaining experienced workers is hard because neighbouring authorities pay more.';
    expect(named(text)).toEqual(['Recruitment and retention', 'Agency staff']);
    const [recruitment, agency] = suggestThemes(text, themes);
    // "vacancies" meets "vacancy" on its stem, "Retaining" meets "retain"; the longest phrase is the one shown.
    expect(recruitment.matched).toEqual(expect.arrayContaining(['vacancy', 'retain']));
    expect(agency.matched).toEqual(['agency social worker']);
  });

  it('finds caseloads and complexity in a performance passage', () => {
    expect(named('Caseloads remain high, averaging 22 children per worker, and the families coming through the front door are increasingly complex.')).toEqual([
      'Caseloads and complexity',
    ]);
  });

  it('tells multi-agency working and partner agencies from agency staff', () => {
    const text = 'Attendance of health colleagues at strategy meetings has improved and multi-agency working with the police is good.';
    expect(named(text)).toEqual(['Multi-agency working', 'Partner agencies']);
    expect(named('Partner agencies do not always share information in time.')).toEqual(['Partner agencies']);
  });

  it('reads "IT" as the systems only where it is written in capitals', () => {
    expect(named('It was clear that it is working well for the children.')).toEqual([]);
    expect(named('IT problems mean the recording system is slow and laptops crash during visits.')).toEqual(['IT systems']);
  });

  it('finds courts, accommodation, training, supervision and staff safety in real-style passages', () => {
    expect(named('Delays in the family court mean care proceedings take longer than 26 weeks.')).toEqual(['Courts']);
    expect(named('Since the move there are too few desks and no interview room for confidential calls.')).toEqual(['Accommodation']);
    expect(named('Newly qualified workers praised the ASYE programme and the training on offer.')).toEqual(['Training']);
    expect(named('Staff value regular supervision and say their team manager is approachable.')).toEqual(['Management and supervision']);
    expect(named('A worker was threatened by a parent on a home visit; staff asked for better lone working arrangements.')).toEqual(['Staff safety']);
  });

  it('reads text pasted from Word: smart quotes, bullets, emoji and accents', () => {
    const pasted = '• Staff said the ‘hot-desking’ in the café-side office 🙁 is unworkable\u2028• The team’s locum manager leaves in March';
    // "manager" meets "managers" on its stem: a locum manager concerns management too.
    expect(named(pasted)).toEqual(['Agency staff', 'Management and supervision', 'Accommodation']);
  });

  it('suggests nothing for text that raises no theme, and nothing from a retired theme', () => {
    expect(named('Children’s voices are clear in the records we were shown.')).toEqual([]);
    const retired = themes.map((t) => (t.title === 'Courts' ? { ...t, isActive: false } : t));
    expect(suggestThemes('Delays in the family court.', retired)).toEqual([]);
  });

  it('suggests themes area by area from the three cells of each area', () => {
    const grid = gridWith({
      staffingWorries: 'Two social worker vacancies covered by agency staff; the team worries about continuity for families.',
      staffingNextSteps: 'Recruitment campaign for permanent posts.',
      performanceWorries: 'Health partners are not always at strategy meetings.',
      otherWorries: 'Laptops are slow to start, which eats into visit time.',
    });
    const byArea = suggestAreaThemes(grid, themes);
    const titles = (row: keyof typeof byArea): string[] => byArea[row].map((s) => themes.find((t) => t.id === s.themeId)!.title);
    expect(titles('staffing')).toEqual(['Recruitment and retention', 'Agency staff']);
    expect(titles('performance')).toEqual(['Multi-agency working', 'Partner agencies']);
    expect(titles('other')).toEqual(['IT systems']);
    expect(reportThemeIds(suggestedAreaThemes(grid, themes))).toEqual([1, 2, 5, 7, 11]);
  });

  it('uses the words the council writes, one a line or separated by commas and semicolons', () => {
    expect(parseThemeWords('court\n care proceedings ;PLO,, court\r\n')).toEqual(['court', 'care proceedings', 'PLO']);
    const own: Theme[] = [{ id: 40, title: 'Youth justice', words: parseThemeWords('youth offending; YOT'), isActive: true }];
    expect(suggestThemes('The YOT worker joined the visit to discuss youth offending.', own)).toEqual([{ themeId: 40, matched: ['youth offending', 'YOT'] }]);
  });

  it('reads theme ids from the list column and ignores anything else', () => {
    expect(parseThemeIds('3;7; 7;x;-1;0;12')).toEqual([3, 7, 12]);
    expect(parseThemeIds(null)).toEqual([]);
  });
});
