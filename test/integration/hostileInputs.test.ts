/**
 * The hostile-input catalogue: more than a hundred inputs a person could type, paste or send,
 * through the real paths — the web part's validation and its REST writes (the data service as the
 * form calls it), the channel card (rendered from what SharePoint returns, and the Head of
 * Service's answer through the bot), the Word pack (its document XML opened) and the CSV. Each
 * input is either refused with a message that says what to do, or shown safely everywhere:
 *
 * - card: no bidi override or zero-width character, no control character, no lone surrogate; no
 *   Markdown, template expression, text function, HTML or auto-link left unescaped; what a reader
 *   sees is the text as typed (less the invisible characters);
 * - Word: the document XML holds no invisible or XML-forbidden character and its text is the
 *   text as typed (so no markup got in as markup);
 * - CSV: no invisible character, no cell a spreadsheet would run as a formula, and the text as typed.
 *
 * Prints one line: inputs tried / refused / rendered safely / failures.
 */
import '@pnp/sp/webs';
import '@pnp/sp/lists';
import '@pnp/sp/items';
import '@pnp/sp/site-users/web';
import { VISIT_REPORTS } from '../../src/data/listContract';
import { FrontlineDataService } from '../../src/data/FrontlineDataService';
import { renderReportCard } from '../../src/cards/reportCard';
import { LIMITS } from '../../src/domain/limits';
import { emptyGrid } from '../../src/domain/grid';
import { validateForSubmit } from '../../src/domain/validation';
import type { VisitReportForm } from '../../src/domain/types';
import { renderPackCsv } from '../../src/report/packCsv';
import { renderPackDocx } from '../../src/report/packDocx';
import { preparePack } from '../../src/report/preparePack';
import { RunningBot } from '../../src/bot/server';
import { buildForm } from '../helpers/reportFixtures';
import { cardActionInvoke, MemoryLogger, postActivity, reportItem, startTestBot, submitReport } from './bot/botHarness';
import { FakeConnector } from './bot/fakeConnector';
import { PERSONAS, spForUser, withSandbox } from '../helpers/sandbox';
import { documentXml, readDocx } from '../unit/report/docxXml';
import { parseCsv } from '../helpers/csv';

const TODAY = '2026-06-15';
const F = VISIT_REPORTS.fields;

// ---- the catalogue -------------------------------------------------------------------------------

/** Text typed or pasted into the form (into the Staffing "worried about" box unless `into` says). */
interface TextInput {
  name: string;
  text: string;
  into?: 'title' | 'staffInvolved' | 'staffingWorries';
}

const MAX_CELL = LIMITS.gridCell;

const TEXT_INPUTS: TextInput[] = [
  // Bidirectional overrides, embeddings and isolates
  { name: 'right-to-left override', text: 'Report \u202Efdp.exe' },
  { name: 'left-to-right override', text: 'abc\u202Ddef\u202C ghi' },
  { name: 'left-to-right embedding', text: '\u202Aembedded\u202C text' },
  { name: 'right-to-left embedding', text: '\u202Bembedded\u202C text' },
  { name: 'isolates', text: 'first \u2066isolated\u2069 and \u2067rtl\u2069 and \u2068fsi\u2069' },
  { name: 'override in the title', text: 'Visit \u202Etroper', into: 'title' },
  { name: 'override in staff met', text: 'Team manager \u202E(redacted)', into: 'staffInvolved' },
  // Zero-width and invisible characters
  { name: 'zero-width space', text: 'safe\u200Bguarding' },
  { name: 'byte-order mark', text: '\uFEFFStarts with a BOM' },
  { name: 'word joiner', text: 'word\u2060joiner' },
  { name: 'invisible times', text: 'a\u2062b\u2063c\u2064d' },
  { name: 'Mongolian vowel separator', text: 'sep\u180Earator' },
  { name: 'only invisible characters', text: '\u200B\u200B\uFEFF' },
  { name: 'zero-width joiner emoji (kept)', text: 'Family 👨\u200D👩\u200D👧 visited' },
  { name: 'zero-width non-joiner in Persian (kept)', text: 'می\u200Cخواهم' },
  { name: 'left-to-right mark (kept)', text: 'Arabic عربى\u200E and English' },
  // Control characters
  { name: 'NUL', text: 'before\u0000after' },
  { name: 'bell', text: 'ring\u0007ring' },
  { name: 'escape sequence', text: 'colour \u001B[31mred\u001B[0m' },
  { name: 'DEL', text: 'delete\u007Fme' },
  { name: 'vertical tab (Word line break)', text: 'line one\u000Bline two' },
  { name: 'form feed', text: 'page\u000Cbreak' },
  { name: 'next line (NEL)', text: 'one\u0085two' },
  { name: 'line and paragraph separators', text: 'one\u2028two\u2029three' },
  { name: 'mixed line endings', text: 'CR\rLF\nCRLF\r\nend' },
  { name: 'tabs', text: '\tindented\twith tabs' },
  { name: 'lone high surrogate', text: 'half \uD83D emoji' },
  { name: 'lone low surrogate', text: 'half \uDE00 emoji' },
  // Length
  { name: 'exactly at the limit', text: 'x'.repeat(MAX_CELL) },
  { name: 'one over the limit', text: 'x'.repeat(MAX_CELL + 1) },
  { name: 'far over the limit', text: 'y'.repeat(MAX_CELL * 20) },
  { name: 'title over the limit', text: 't'.repeat(LIMITS.title + 1), into: 'title' },
  { name: 'emoji over the limit', text: '😟'.repeat(MAX_CELL) },
  { name: 'only spaces', text: '     ' },
  // HTML, script and XML
  { name: 'script element', text: '<script>alert(1)</script>' },
  { name: 'image with onerror', text: '<img src=x onerror=alert(1)>' },
  { name: 'anchor with javascript', text: '<a href="javascript:alert(1)">click</a>' },
  { name: 'HTML entities', text: '&lt;not a tag&gt; &amp; &#x202E; &nbsp;' },
  { name: 'HTML comment', text: 'before <!-- hidden --> after' },
  { name: 'CDATA end', text: 'a ]]> b <![CDATA[ c' },
  { name: 'WordprocessingML run', text: '</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>injected' },
  { name: 'XML declaration', text: '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>&e;' },
  { name: 'style element', text: '<style>body{display:none}</style>' },
  // Markdown, card templating and links
  { name: 'template expression', text: '${reportId}' },
  { name: 'template function', text: "${if(true, 'yes', 'no')}" },
  { name: 'template json', text: '${json(\'{"a":1}\')}' },
  { name: 'escaped template', text: '\\${literal}' },
  { name: 'text function', text: '{{DATE(2017-02-14T06:08:39Z, SHORT)}}' },
  { name: 'javascript link', text: '[click here](javascript:alert(1))' },
  { name: 'external link', text: '[Report](https://evil.example/phish)' },
  { name: 'image', text: '![pixel](https://evil.example/track.png)' },
  { name: 'reference link', text: '[x][1]\n\n[1]: https://evil.example' },
  { name: 'bold and italic', text: '**bold** and _italic_ and ~~struck~~' },
  { name: 'heading', text: '# Not a heading' },
  { name: 'numbered list', text: '1. first\n2) second' },
  { name: 'bullets', text: '- one\n* two\n+ three' },
  { name: 'quote', text: '> quoted' },
  { name: 'code', text: '`code` and ```fenced```' },
  { name: 'bare address', text: 'see http://evil.example/x and www.evil.example' },
  { name: 'email address', text: 'write to someone@evil.example' },
  { name: 'mailto', text: 'mailto:someone@evil.example' },
  { name: 'mention markup', text: '<at>Head of Service</at> please look' },
  { name: 'indented code block', text: '        four spaces of indent' },
  { name: 'backslashes', text: 'C:\\Users\\Public\\report.docx \\\\server\\share' },
  // Spreadsheet formulas (CSV injection)
  { name: 'DDE command', text: "=cmd|' /C calc'!A0" },
  { name: 'plus formula', text: '+SUM(1+1)' },
  { name: 'minus formula', text: '-2+3+cmd|" /C calc"!A0' },
  { name: 'at formula', text: '@SUM(1+1)' },
  { name: 'tab then formula', text: '\t=1+1' },
  { name: 'CR then formula', text: '\r=1+1' },
  { name: 'full-width equals', text: '\uFF1D1+1' },
  { name: 'hyperlink formula', text: '=HYPERLINK("http://evil.example","Open report")' },
  { name: 'formula on the second line', text: 'first line\n=1+1' },
  { name: 'invisible character before a formula', text: '\u200B=1+1' },
  { name: 'bidi override before a formula', text: '\u202E=1+1' },
  { name: 'quotes and commas', text: '"quoted", with, commas; and ""double"" quotes' },
  { name: 'formula in the title', text: '=1+1', into: 'title' },
  { name: 'formula in staff met', text: '@SUM(A1:A9)', into: 'staffInvolved' },
  // OData and JSON look-alikes
  { name: 'apostrophe', text: "O'Brien's team" },
  { name: 'OData clause', text: "' or 1 eq 1 or Title eq '" },
  { name: 'encoded OData clause', text: '%27%20or%201%20eq%201' },
  { name: 'JSON object', text: '{"ReportStatus":"Responded","HosFeedback":"self-answered"}' },
  { name: 'prototype name', text: '__proto__' },
  { name: 'null as text', text: 'null' },
  // Emoji and astral characters, text pasted from Word
  { name: 'emoji', text: 'Staff said they are stretched 😟🙂' },
  { name: 'mathematical letters', text: '𝔘𝔫𝔦𝔠𝔬𝔡𝔢 𝐛𝐨𝐥𝐝' },
  { name: 'flag sequence', text: 'Pride 🏳️‍🌈 week' },
  { name: 'combining marks', text: 'z̸̡̢a̷l̵g̶o̷ text' },
  { name: 'smart quotes and dashes', text: '“Smart” ‘quotes’ — en – dash…' },
  { name: 'Word bullets', text: '• first\n\to second\n▪ third' },
  { name: 'non-breaking and narrow spaces', text: 'a\u00A0b\u202Fc\u2009d' },
  { name: 'Welsh', text: 'Ysgol Gymraeg — ŵ ŷ â' },
];

/** A team's title as the improvement team may type it (Frontline Teams): the card names the team in its text, summary, speech and fallback. */
const TEAM_TITLES: string[] = [
  '${reportId} Team',
  '[Consultation](javascript:alert(1))',
  'Consultation \u202Emaet',
  '<at>Head of Service</at> Team',
  '**Child** _Protection_',
  '<speak>Team</speak><break time="10s"/>',
  'Team\u200B\u2060\uFEFF',
  '=HYPERLINK("http://evil.example")',
];

/** A structured value written through REST by someone bypassing the form (as PnPjs sends it). */
interface FieldInput {
  name: string;
  fields: { [name: string]: unknown };
  /** The form's own check of the same value, where the form can hold it. */
  form?: Partial<VisitReportForm>;
}

const FIELD_INPUTS: FieldInput[] = [
  { name: 'visit date 0001-01-01', fields: { [F.VisitDate]: '0001-01-01T12:00:00Z' }, form: { visitDate: '0001-01-01' } },
  { name: 'visit date 1899-12-31', fields: { [F.VisitDate]: '1899-12-31T12:00:00Z' }, form: { visitDate: '1899-12-31' } },
  { name: 'visit date 30 February', fields: { [F.VisitDate]: '2026-02-30T12:00:00Z' }, form: { visitDate: '2026-02-30' } },
  { name: 'visit date 31 April', fields: { [F.VisitDate]: '2026-04-31T12:00:00Z' }, form: { visitDate: '2026-04-31' } },
  { name: 'visit date 9999-12-31', fields: { [F.VisitDate]: '9999-12-31T12:00:00Z' }, form: { visitDate: '9999-12-31' } },
  { name: 'visit date not a date', fields: { [F.VisitDate]: 'yesterday' }, form: { visitDate: 'yesterday' } },
  { name: 'visit date in the future', fields: {}, form: { visitDate: '2027-06-15' } },
  { name: 'visit date month 13', fields: { [F.VisitDate]: '2026-13-01T12:00:00Z' }, form: { visitDate: '2026-13-01' } },
  { name: 'safety scale 11', fields: { [F.SafetyScale]: 11 }, form: { safetyScale: 11 } },
  { name: 'safety scale -1', fields: { [F.SafetyScale]: -1 }, form: { safetyScale: -1 } },
  { name: 'safety scale 1e309', fields: { [F.SafetyScale]: '1e309' }, form: { safetyScale: Infinity } },
  { name: 'safety scale NaN', fields: { [F.SafetyScale]: 'NaN' }, form: { safetyScale: NaN } },
  { name: 'safety scale as words', fields: { [F.SafetyScale]: 'seven' } },
  { name: 'safety scale as an object', fields: { [F.SafetyScale]: { value: 7 } } },
  { name: 'title as a number', fields: { [F.Title]: 12345 } },
  { name: 'title as an object', fields: { [F.Title]: { nested: { deeper: true } } } },
  { name: 'title as an array', fields: { [F.Title]: ['a', 'b'] } },
  { name: 'worries as nested JSON', fields: { [F.StaffingWorries]: { $ne: null, text: 'x' } } },
  { name: 'unknown field', fields: { NotAField: 'x' } },
  { name: 'members as text', fields: { [`${F.Members}Id`]: 'everyone' } },
  { name: 'members naming no one who exists', fields: { [`${F.Members}Id`]: [999999] } },
  { name: 'team that does not exist', fields: { [`${F.Team}Id`]: 999999 } },
  { name: 'team id as text', fields: { [`${F.Team}Id`]: '1 or 1 eq 1' } },
  { name: 'rota entry that does not exist', fields: { [`${F.RotaEntry}Id`]: 999999 } },
  { name: 'status not a choice', fields: { [F.ReportStatus]: 'Approved' } },
];

// ---- checks of each output -------------------------------------------------------------------------

// eslint-disable-next-line no-control-regex -- control characters are what this looks for
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
const HIDDEN = /[\u200B\u2060-\u2064\uFEFF\u180E\u202A-\u202E\u2066-\u2069]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(^|[^\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** What a reader should see of a text: the invisible and control characters gone, whitespace as one space. */
function visible(text: string): string {
  return (
    text
      .replace(new RegExp(HIDDEN.source, 'g'), '')
      // eslint-disable-next-line no-control-regex -- as above
      .replace(/[\u0000-\u0008\u000E-\u001F\u007F]/g, '')
      .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/g, '')
      .replace(/(^|[^\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '$1')
      .replace(/[\s\u0085\u2028\u2029]+/g, ' ')
      .trim()
  );
}

/** Card text as a reader sees it: Markdown escapes undone, the invisible link breaker removed. */
function shownOnCard(text: string): string {
  return text.replace(/\\([!-/:-@[-`{-~])/g, '$1').replace(/\u2060/g, '');
}

/** Markdown, templating, text functions, HTML or links that a card client would act on. */
function activeMarkup(text: string): string | undefined {
  const unescaped = (pattern: RegExp): boolean => {
    const m = pattern.exec(text);
    return !!m;
  };
  const checks: Array<[string, RegExp]> = [
    ['template expression', /(^|[^\\])\$\{/],
    ['text function', /(^|[^\\])\{\{/],
    ['link or image', /(^|[^\\])\]\(/],
    ['HTML', /(^|[^\\])<[a-z!/?]/i],
    ['auto-link', /[a-z]:\/\/|(^|\s)www\.[a-z]/i],
    ['emphasis', /(^|[^\\])(\*\*|__|~~)/],
    ['heading, quote or list', /(^|\n)\s*(#|>|[-*+]\s|\d+[.)]\s)/],
    ['code', /(^|[^\\])`/],
  ];
  for (const [what, pattern] of checks) {
    if (unescaped(pattern)) {
      return what;
    }
  }
  return undefined;
}

/** Every string of a card that a client shows or reads aloud. */
function cardStrings(card: unknown): Array<{ key: string; value: string }> {
  const out: Array<{ key: string; value: string }> = [];
  const walk = (node: unknown, key: string): void => {
    if (typeof node === 'string') {
      out.push({ key, value: node });
    } else if (Array.isArray(node)) {
      node.forEach((n) => walk(n, key));
    } else if (node && typeof node === 'object') {
      Object.keys(node).forEach((k) => walk((node as { [k: string]: unknown })[k], k));
    }
  };
  walk(card, '');
  return out;
}

/** Why a card is not safe for this text, or undefined. */
function cardProblem(card: unknown, typed: string, shownOnTheCard = true): string | undefined {
  const strings = cardStrings(card);
  for (const { key, value } of strings) {
    if (CONTROL.test(value) || LONE_SURROGATE.test(value)) {
      return `a control character or lone surrogate in ${key}`;
    }
    // The card's own link breaker (a word joiner before "://", "." after www, or "@") is the one invisible character allowed.
    if (HIDDEN.test(value.replace(/\u2060(?=:\/\/|\.|@)/g, ''))) {
      return `an invisible character in ${key}`;
    }
  }
  // A long text is shortened on the card (the report holds it all): its beginning must be there.
  const expected = visible(typed).slice(0, 200);
  if (!expected || !shownOnTheCard) {
    return undefined;
  }
  const holder = strings.filter((s) => (s.key === 'text' || s.key === 'value') && visible(shownOnCard(s.value)).indexOf(expected) !== -1)[0];
  if (!holder) {
    return 'the text as typed is not on the card';
  }
  const active = activeMarkup(holder.value);
  return active ? `unescaped ${active}: ${holder.value.slice(0, 80)}` : undefined;
}

const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

// ---- the suite -------------------------------------------------------------------------------------

describe('hostile inputs through the form, REST, the card, the Word pack and the CSV', () => {
  const fixture = withSandbox({ seed: 'demo', today: TODAY, workbench: false });
  const tally = { tried: 0, refused: 0, renderedSafely: 0, failures: [] as string[] };
  let teamId = 0;
  let hale = { id: 0, displayName: '', email: PERSONAS.hale };

  beforeAll(async () => {
    const sp = spForUser(fixture.sandbox.siteUrl, PERSONAS.hale);
    const me = await sp.web.currentUser();
    hale = { id: me.Id, displayName: me.Title, email: PERSONAS.hale };
    teamId = (await new FrontlineDataService(sp).getFormOptions()).teams[0].id;
  });

  afterAll(() => {
    console.log(
      `Hostile inputs: ${tally.tried} tried, ${tally.refused} refused with a message, ${tally.renderedSafely} rendered safely, ${tally.failures.length} failures`,
    );
  });

  function form(overrides: Partial<VisitReportForm>): VisitReportForm {
    return buildForm({
      title: 'Hostile input visit',
      teamId,
      visitDate: '2026-06-01',
      members: [hale],
      staffInvolved: 'Team manager',
      grid: { ...emptyGrid(), staffingWorries: 'Plain text.' },
      safetyScale: 6,
      ...overrides,
    });
  }

  /** The Head of Service's answer, typed into the card and sent: through the bot, as Teams sends it. */
  describe("the Head of Service's answer through the card", () => {
    const HEAD_OF_SERVICE = '0b6f3c1e-0000-4000-8000-000000000020';
    const ANSWERS: TextInput[] = [
      ...TEXT_INPUTS.filter(
        (i) =>
          !i.into &&
          [
            'right-to-left override',
            'zero-width space',
            'NUL',
            'vertical tab (Word line break)',
            'lone high surrogate',
            'script element',
            'template expression',
            'text function',
            'javascript link',
            'bare address',
            'mention markup',
            'DDE command',
            'emoji',
          ].indexOf(i.name) !== -1,
      ),
      { name: 'answer one over its limit', text: 'z'.repeat(LIMITS.feedback + 1) },
      { name: 'answer of spaces only', text: '   \u200B ' },
    ];
    const running = {} as { connector: FakeConnector; bot: RunningBot };

    beforeAll(async () => {
      running.connector = await new FakeConnector().start();
      running.bot = await startTestBot(fixture.sandbox, running.connector, new MemoryLogger());
    });
    afterAll(async () => {
      await running.bot.close();
      await running.connector.close();
    });

    it('refuses each hostile answer with a message on the card, or stores it and shows it safely on the refreshed card', async () => {
      const failures: string[] = [];
      for (const input of ANSWERS) {
        tally.tried++;
        const id = await submitReport(fixture.sandbox);
        await running.bot.sweep();
        const posted = running.connector.cardsFor(id)[0];
        const answer = await postActivity(
          running.bot,
          cardActionInvoke({
            connectorUrl: running.connector.url,
            actorObjectId: HEAD_OF_SERVICE,
            verb: 'submitFeedback',
            data: { reportId: id, feedback: input.text },
            replyToId: posted.activityId,
          }),
        );
        const stored = (await reportItem(fixture.sandbox, id)).fields[F.HosFeedback];
        if (stored === undefined) {
          // Refused: the card that comes back says why, in a sentence.
          const texts = cardStrings(answer.body.value).map((t) => t.value);
          if (texts.some((t) => /(must be|Write|at least one)[^.]{5,}\./.test(t))) {
            tally.refused++;
          } else {
            failures.push(`${input.name}: answer refused without a message: ${JSON.stringify(answer.body).slice(0, 200)}`);
          }
          continue;
        }
        if (visible(String(stored)) !== visible(input.text)) {
          failures.push(`${input.name}: answer not stored as typed: ${JSON.stringify(String(stored).slice(0, 80))}`);
          continue;
        }
        const problem = cardProblem(running.connector.latestCard(posted.conversationId, posted.activityId), input.text);
        if (problem) {
          failures.push(`${input.name}: refreshed card: ${problem}`);
        } else {
          tally.renderedSafely++;
        }
      }
      tally.failures.push(...failures);
      expect(failures).toEqual([]);
    }, 180000);
  });

  /** Text inputs: validated as the form does, submitted as the form does, read back, drawn on the card. */
  const accepted: Array<{ input: TextInput; reportId: number }> = [];

  it('refuses each text input with a message, or stores it and draws it safely on the card', async () => {
    const service = new FrontlineDataService(spForUser(fixture.sandbox.siteUrl, PERSONAS.hale));
    for (const input of TEXT_INPUTS) {
      tally.tried++;
      const into = input.into || 'staffingWorries';
      const typed = into === 'staffingWorries' ? form({ grid: { ...emptyGrid(), staffingWorries: input.text } }) : form({ [into]: input.text });
      const errors = validateForSubmit(typed, TODAY);
      if (errors.length) {
        // A refusal must say what to do: name the field or the limit, in a sentence.
        const useful = errors.every((e) => /[A-Z].{15,}[.:]/.test(e.message));
        if (useful) {
          tally.refused++;
        } else {
          tally.failures.push(`${input.name}: refused without a useful message: ${errors.map((e) => e.message).join(' ')}`);
        }
        continue;
      }
      let reportId: number;
      try {
        reportId = (await service.submit(typed, {})).reportId;
      } catch (error) {
        tally.failures.push(`${input.name}: the form let it through but SharePoint refused it: ${(error as Error).message.slice(0, 160)}`);
        continue;
      }
      const stored = await service.getReport(reportId);
      const storedText = into === 'staffingWorries' ? stored.grid.staffingWorries : (stored[into] as string);
      if (visible(storedText || '') !== visible(input.text)) {
        tally.failures.push(`${input.name}: not stored as typed: ${JSON.stringify((storedText || '').slice(0, 80))}`);
        continue;
      }
      const card = renderReportCard({ ...stored, teamTitle: stored.teamTitle || 'Team' }, 'https://example.invalid/report');
      // The card names the team, not the report's title.
      const problem = cardProblem(card, input.text, into !== 'title');
      if (problem) {
        tally.failures.push(`${input.name}: card: ${problem}`);
        continue;
      }
      accepted.push({ input, reportId });
    }
    expect(tally.failures).toEqual([]);
  }, 120000);

  it('shows each accepted text safely in the Word pack and the CSV', async () => {
    const model = await preparePack(spForUser(fixture.sandbox.siteUrl, PERSONAS.clerk), {
      from: '2026-05-01',
      to: '2026-06-30',
      today: TODAY,
    });
    const xml = await documentXml(await renderPackDocx(model));
    // The byte-order mark that tells a spreadsheet the file is UTF-8 is the file's, not the text's.
    const csv = renderPackCsv(model).replace(/^\uFEFF/, '');
    const failures: string[] = [];
    // eslint-disable-next-line no-control-regex -- what XML 1.0 cannot hold
    if (HIDDEN.test(xml) || /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/.test(xml) || LONE_SURROGATE.test(xml)) {
      failures.push('Word: an invisible or XML-forbidden character in the document');
    }
    if (HIDDEN.test(csv) || LONE_SURROGATE.test(csv)) {
      failures.push('CSV: an invisible character or lone surrogate in the file');
    }
    const cells = parseCsv(csv).reduce((all, row) => all.concat(row), [] as string[]);
    const formulas = cells.filter((c) => FORMULA_START.test(c));
    if (formulas.length) {
      failures.push(`CSV: cells a spreadsheet runs as formulas: ${formulas.slice(0, 3).join(' | ')}`);
    }
    const doc = readDocx(xml);
    const wordTexts = doc.paragraphs.concat(...doc.tables.map((t) => t.rows.map((r) => r.join('\n')))).map(visible);
    // The apostrophe the CSV puts before a would-be formula is the file's, not the text's.
    const csvTexts = cells.map((c) => visible(c.replace(/^'(?=[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20])/, '')));
    for (const { input } of accepted) {
      const expected = visible(input.text);
      if (!expected || input.into === 'staffInvolved' || input.into === 'title') {
        // Only the grid's text is in the pack; the others were checked on the card.
        tally.renderedSafely++;
        continue;
      }
      const inWord = wordTexts.some((t) => t.indexOf(expected) !== -1);
      const inCsv = csvTexts.some((t) => t.indexOf(expected) !== -1);
      if (!inWord || !inCsv) {
        failures.push(`${input.name}: not shown as typed in ${!inWord ? 'Word' : ''}${!inWord && !inCsv ? ' and ' : ''}${!inCsv ? 'the CSV' : ''}`);
      } else {
        tally.renderedSafely++;
      }
    }
    tally.failures.push(...failures);
    expect(failures).toEqual([]);
  }, 120000);

  it('draws a hostile team title safely everywhere on the card: text, summary, speech and fallback', async () => {
    const service = new FrontlineDataService(spForUser(fixture.sandbox.siteUrl, PERSONAS.hale));
    const reportId = (await service.submit(form({}), {})).reportId;
    const stored = await service.getReport(reportId);
    const failures: string[] = [];
    for (const title of TEAM_TITLES) {
      tally.tried++;
      const card = renderReportCard({ ...stored, teamTitle: title }, 'https://example.invalid/report');
      const problem = cardProblem(card, title);
      // Speech and fallback text are read out or shown as plain text by other clients: no markup, no invisible characters.
      const plain = cardStrings(card).filter((s) => s.key === 'speak' || s.key === 'fallbackText');
      const unsafePlain = plain.filter((s) => HIDDEN.test(s.value) || CONTROL.test(s.value) || /<[a-z/!?]|(^|[^\\])\$\{/i.test(s.value));
      if (problem || unsafePlain.length) {
        failures.push(`team title ${JSON.stringify(title)}: ${problem || `unsafe ${unsafePlain[0].key}: ${unsafePlain[0].value.slice(0, 80)}`}`);
      } else {
        tally.renderedSafely++;
      }
    }
    tally.failures.push(...failures);
    expect(failures).toEqual([]);
  });

  it('refuses each wrong value sent straight to SharePoint, or holds it so that the card still draws', async () => {
    const sp = spForUser(fixture.sandbox.siteUrl, PERSONAS.hale);
    const list = sp.web.lists.getByTitle(VISIT_REPORTS.title);
    const service = new FrontlineDataService(sp);
    const failures: string[] = [];
    for (const input of FIELD_INPUTS) {
      tally.tried++;
      if (input.form) {
        const errors = validateForSubmit(form(input.form), TODAY);
        if (!errors.length || !errors.every((e) => /[A-Z].{15,}[.:]/.test(e.message))) {
          failures.push(`${input.name}: the form did not refuse it with a message`);
          continue;
        }
      }
      if (!Object.keys(input.fields).length) {
        tally.refused++;
        continue;
      }
      const added = await list.items
        .add({ [F.Title]: `Field input: ${input.name}`, [F.ReportStatus]: 'Submitted', [F.SubmittedOn]: '2026-06-15T09:00:00Z', ...input.fields })
        .then(
          (item: { Id: number }) => ({ id: item.Id, status: 201, message: '' }),
          (error: { status?: number; message: string }) => ({ id: 0, status: error.status || 0, message: error.message }),
        );
      if (!added.id) {
        // SharePoint's own refusal: a 400 or 500 that names what is wrong.
        if (added.status >= 400 && added.status < 600 && added.message.length > 20) {
          tally.refused++;
        } else {
          failures.push(`${input.name}: refused without a message (${added.status})`);
        }
        continue;
      }
      try {
        const stored = await service.getReport(added.id);
        const card = renderReportCard({ ...stored, teamTitle: stored.teamTitle || 'Team' }, 'https://example.invalid/report');
        const problem = cardProblem(card, '');
        if (problem) {
          failures.push(`${input.name}: held, but the card is not safe: ${problem}`);
        } else {
          tally.renderedSafely++;
        }
      } catch (error) {
        failures.push(`${input.name}: held, but reading or drawing it failed: ${(error as Error).message.slice(0, 160)}`);
      }
    }
    tally.failures.push(...failures);
    expect(failures).toEqual([]);
  }, 120000);
});
