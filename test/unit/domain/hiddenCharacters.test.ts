import { withoutHiddenCharacters } from '../../../src/domain/hiddenCharacters';
import { cardText, cardTextInline, renderReportCard, speakable } from '../../../src/cards';
import { cleanText } from '../../../src/report/packText';
import { csvCell } from '../../../src/report/packCsv';
import { sampleReport } from '../cards/cardFixtures';

/** What each output does with text before anyone reads it. */
const OUTPUTS: Array<[string, (text: string) => string]> = [
  ['domain rule', withoutHiddenCharacters],
  ['card text', cardText],
  ['card inline text', cardTextInline],
  ['spoken and notification text', speakable],
  ['Word pack text', cleanText],
  ['CSV cell', (t) => csvCell(cleanText(t))],
];

const HIDDEN = [
  '\u202A',
  '\u202B',
  '\u202C',
  '\u202D',
  '\u202E',
  '\u2066',
  '\u2067',
  '\u2068',
  '\u2069',
  '\u200B',
  '\u2061',
  '\u2062',
  '\u2063',
  '\u2064',
  '\uFEFF',
  '\u180E',
];

describe('hidden characters in what people type', () => {
  it.each(OUTPUTS)('%s: bidi overrides and zero-width characters never reach a reader', (_name, output) => {
    for (const ch of HIDDEN) {
      const out = output(`Caseload${ch}s are high`);
      expect(out).not.toContain(ch);
      expect(out.replace(/\\/g, '')).toContain('Caseloads are high');
    }
    // The classic spoof: an override that makes a file name read backwards.
    expect(output('report\u202Eexe.txt')).not.toContain('\u202E');
  });

  it.each(OUTPUTS)('%s: ordinary text of every script is left as a reader sees it', (_name, output) => {
    const family = '👨\u200D👩\u200D👧';
    const persian = 'می\u200Cخواهم';
    const mixed = 'Team \u200Fفريق\u200E lead';
    for (const text of [family, persian, mixed, 'Café – “quoted” • bullet']) {
      expect(output(text).replace(/\\/g, '')).toContain(text);
    }
  });

  it('the report card carries no hidden character in any property, spoken and fallback text included', () => {
    const report = sampleReport({ teamTitle: 'Consultation\u202E Team\u200B', staffInvolved: 'A\u2066B' });
    const card = renderReportCard(report, 'https://example.invalid/report', { view: 'awaiting' });
    const json = JSON.stringify(card);
    for (const ch of HIDDEN) {
      expect(json).not.toContain(ch);
    }
    expect((card as { speak?: string }).speak).toContain('Consultation Team');
  });
});
