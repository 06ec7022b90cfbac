import * as ACData from 'adaptivecards-templating';
import {
  cardBytes,
  cardText,
  CARD_MAX_BYTES,
  CARD_VERBS,
  FEEDBACK_INPUT_ID,
  normaliseTypedText,
  renderDigestCard,
  renderRefusalCard,
  renderReportCard,
  ReportCardView,
  unescapeCardText,
} from '../../../src/cards';
import { LIMITS } from '../../../src/domain/validation';
import { allStrings, EXPENSIVE_FILLS, maximalReport, parseIssues, sampleReport, WORD_PASTE } from './cardFixtures';

const URL = 'https://northshire.sharepoint.com/sites/frontline-visits/SitePages/Visits.aspx?report=12';
const VIEWS: ReportCardView[] = ['awaiting', 'headOfService', 'responded'];

/** An unescaped Markdown construct: a link, emphasis, a heading, a list item, code, a template expression. */
function unescapedMarkdown(text: string): string | undefined {
  const checks: Array<[string, RegExp]> = [
    ['link', /(^|[^\\])\[[^\]]*(^|[^\\])\]\(/],
    ['emphasis', /(^|[^\\])(\*|_)/],
    ['code', /(^|[^\\])`/],
    ['template expression', /(^|[^\\])\$(^|[^\\])?\{/],
    ['heading', /^\s*#/m],
    ['bullet list', /^\s*[-+*]\s/m],
    ['numbered list', /^\s*\d+[.)]\s/m],
    ['autolink', /(^|[^\\])<[a-z]+:/i],
    ['bare web address', /[a-z]:\/\//i],
  ];
  const found = checks.filter(([, re]) => re.test(text));
  return found.length ? found.map(([name]) => name).join(', ') : undefined;
}

function textBlocks(card: unknown): string[] {
  return allStrings(card)
    .filter((s) => /\.(text|value)$/.test(s.path))
    .map((s) => s.value);
}

describe('text a user typed', () => {
  const HOSTILE = [
    'See [the policy](https://evil.example/phish) for details',
    '**Urgent** and _quietly_ ignored',
    '# Heading\n- bullet\n* star\n+ plus\n1. first\n2) second',
    'Inline `code` and <https://auto.example> and www.example.org and http://bare.example',
    "Template ${string('x')} and ${1+1} and {{DATE(2026-01-01T00:00:00Z, SHORT)}}",
    '<at>Cllr Hale</at> &amp; a > quote',
  ];

  it.each(HOSTILE)('is shown literally, never as Markdown: %s', (typed) => {
    const escaped = cardText(typed);
    expect(unescapedMarkdown(escaped)).toBeUndefined();
    // What the reader sees once Markdown is applied is exactly what was typed (line by line).
    expect(unescapeCardText(escaped).split('\n\n')).toEqual(typed.split('\n').map((l) => l.trim()));
  });

  it('stays literal through a second template expansion', () => {
    const escaped = cardText('Cost ${price} and ${1+1}');
    const twice = new ACData.Template({ text: escaped }).expand({ $root: { price: 'LEAKED' } }) as { text: string };
    expect(twice.text).not.toContain('LEAKED');
    expect(twice.text).not.toContain('2');
  });

  it('keeps Word-pasted text: smart quotes, bullets, emoji, fractions', () => {
    const shown = unescapeCardText(cardText(WORD_PASTE));
    for (const piece of ['“Morale is low”', '—', 'it’s ‘getting better’', '• Agency cover: 3 posts', '• Supervision 👍🏽 on time', '½ of cases reviewed…']) {
      expect(shown).toContain(piece);
    }
  });

  it('drops control characters and normalises line ends', () => {
    expect(normaliseTypedText('a\r\nb\u0007c\rd')).toBe('a\nbc\nd');
  });
});

describe('report card', () => {
  it.each(VIEWS)('the %s view parses as Adaptive Card 1.5 with no errors or warnings', (view) => {
    const card = renderReportCard(
      sampleReport(view === 'responded' ? { status: 'Responded', feedback: { text: 'Thank you.', on: '2026-10-20T09:00:00Z' } } : {}),
      URL,
      {
        view,
        refreshUserIds: ['29:hos'],
      },
    );
    expect(card.version).toBe('1.5');
    expect(parseIssues(card)).toEqual([]);
  });

  it('shows the team, visit date, members, safety scale, grid, submitted and response due dates', () => {
    const card = renderReportCard(sampleReport(), URL, { view: 'awaiting' });
    const text = JSON.stringify(card);
    for (const expected of [
      'Consultation Team \\\\(front door\\\\)',
      'Thursday 1 October 2026',
      'Cllr Hale, Cllr Osei',
      '7 out of 10',
      'Monday 5 October 2026',
      'Monday 2 November 2026',
      'Two vacancies covered by agency staff.',
      'Referrals are triaged the same day.',
      'What are we worried about?',
      'Nothing recorded.',
    ]) {
      expect(text).toContain(expected);
    }
    expect(card.actions).toContainEqual({ type: 'Action.OpenUrl', title: 'Open the full report', url: URL });
  });

  it('gives everyone the awaiting view by default, with the due date, and no input', () => {
    const card = renderReportCard(sampleReport(), URL);
    const text = JSON.stringify(card);
    expect(text).toContain("Awaiting the Head of Service's response (due Monday 2 November 2026).");
    expect(text).not.toContain('"Input.Text"');
    expect(text).not.toContain(CARD_VERBS.submitFeedback);
  });

  it('gives the Head of Service a labelled, length-limited input for each area the members wrote about, an overall one, and the Send button', () => {
    const card = renderReportCard(sampleReport(), URL, { view: 'headOfService' });
    const inputs: Array<{ type: string; id: string; label: string; maxLength: number; isMultiline: boolean }> = [];
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) {
        node.forEach(walk);
      } else if (node && typeof node === 'object') {
        const o = node as { type?: string };
        if (o.type === 'Input.Text') {
          inputs.push(node as (typeof inputs)[number]);
        }
        Object.values(node).forEach(walk);
      }
    };
    walk(card.body);
    // The members wrote about Staffing and Performance, not Other: no box to answer Other.
    expect(inputs.map((i) => i.id)).toEqual(['feedbackStaffing', 'feedbackPerformance', FEEDBACK_INPUT_ID]);
    for (const input of inputs) {
      expect(input).toMatchObject({ maxLength: LIMITS.feedback, isMultiline: true });
      expect(input.label).toMatch(/response/i);
    }
    expect(inputs[0].label).toBe('Your response on Staffing');
    expect(JSON.stringify(card)).toContain('At least one box is needed.');
    expect(card.actions).toContainEqual(expect.objectContaining({ type: 'Action.Execute', verb: 'submitFeedback', data: { reportId: 12 } }));
  });

  it("shows each area's response beside the area, the overall response below, and an amended answer as amended", () => {
    const report = sampleReport({
      status: 'Responded',
      feedback: {
        text: 'Overall, thank you.',
        staffing: 'Two posts are advertised.',
        by: { id: 5, displayName: 'Head of CIN/CP', email: 'hos@x' },
        on: '2026-11-20T09:00:00Z',
        firstOn: '2026-10-20T09:00:00Z',
        earlier: [{ text: 'First answer.', on: '2026-10-20T09:00:00Z' }],
      },
    });
    const card = renderReportCard(report, URL);
    const texts = JSON.stringify(card);
    const staffing = texts.indexOf('Two vacancies covered');
    const staffingAnswer = texts.indexOf('Two posts are advertised');
    const performance = texts.indexOf('Referrals are triaged');
    expect(staffing).toBeGreaterThan(-1);
    expect(staffingAnswer).toBeGreaterThan(staffing);
    expect(staffingAnswer).toBeLessThan(performance);
    expect(texts).toContain('Head of Service response on Staffing');
    expect(texts).not.toContain('Head of Service response on Performance');
    expect(texts).toContain('Overall, thank you.');
    expect(texts).toContain('First given on Tuesday 20 October 2026');
    expect(texts).toContain('amended by Head of CIN/CP on Friday 20 November 2026; the earlier version is kept.');
    expect(card.actions).toContainEqual(expect.objectContaining({ verb: CARD_VERBS.amendFeedback, data: { reportId: 12 } }));
  });

  it('fills the amend view with the current answer and names the version it amends', () => {
    const report = sampleReport({ status: 'Responded', feedback: { text: 'Overall.', performance: 'We will audit referrals.', on: '2026-11-20T09:00:00Z' } });
    const card = renderReportCard(report, URL, { view: 'headOfService', amending: true });
    const json = JSON.stringify(card);
    expect(json).toContain('"value":"We will audit referrals."');
    expect(json).toContain('"value":"Overall."');
    expect(card.actions).toContainEqual(expect.objectContaining({ verb: 'submitFeedback', data: { reportId: 12, amendsOn: '2026-11-20T09:00:00Z' } }));
  });

  it('asks Teams to refresh the card for the listed Heads of Service until it is answered', () => {
    const open = renderReportCard(sampleReport(), URL, { refreshUserIds: ['29:a', '29:b'] });
    expect(open.refresh).toEqual({ action: { type: 'Action.Execute', verb: CARD_VERBS.refresh, data: { reportId: 12 } }, userIds: ['29:a', '29:b'] });
    const answered = renderReportCard(sampleReport({ status: 'Responded', feedback: { text: 'Done.', on: '2026-10-20T09:00:00Z' } }), URL);
    expect(answered.refresh).toBeUndefined();
  });

  it('shows the response, who wrote it and when', () => {
    const card = renderReportCard(
      sampleReport({
        status: 'Responded',
        feedback: { text: 'We are recruiting.', by: { id: 5, displayName: 'Head of CIN/CP', email: 'hos@x' }, on: '2026-10-20T09:00:00Z' },
      }),
      URL,
    );
    const text = JSON.stringify(card);
    expect(text).toContain('We are recruiting.');
    expect(text).toContain('By Head of CIN/CP on Tuesday 20 October 2026.');
    expect(text).not.toContain('Awaiting');
  });

  it('states lateness as a fact: submitted and answered N days late, on London days', () => {
    const card = renderReportCard(
      sampleReport({
        visitDate: '2026-08-03',
        submittedOn: '2026-10-05T10:00:00Z',
        status: 'Responded',
        feedback: { text: 'Noted.', on: '2026-11-05T09:00:00Z' },
      }),
      URL,
    );
    const text = JSON.stringify(card);
    expect(text).toContain('Monday 5 October 2026 (submitted 35 days late)');
    expect(text).toContain('Answered 3 days late.');
    const onTime = JSON.stringify(renderReportCard(sampleReport({ visitDate: '2026-10-01', submittedOn: '2026-10-05T10:00:00Z' }), URL));
    expect(onTime).toContain('(submitted on time)');
  });

  it('the refusal card says who may respond and that nothing was saved, and has no input', () => {
    const card = renderRefusalCard(sampleReport(), URL);
    const text = JSON.stringify(card);
    expect(text).toContain('Only the Head of Service for Consultation Team');
    expect(text).toContain('Nothing was saved.');
    expect(text).not.toContain('"Input.Text"');
    expect(parseIssues(card)).toEqual([]);
  });

  it('a Markdown link in a grid cell or the feedback is not a link on the card', () => {
    const grid = sampleReport().grid;
    grid.otherNextSteps = 'Read [this](https://evil.example) now';
    const card = renderReportCard(
      sampleReport({ grid, status: 'Responded', feedback: { text: '[Click](https://evil.example/x) **now**', on: '2026-10-20T09:00:00Z' } }),
      URL,
    );
    for (const text of textBlocks(card)) {
      expect({ text, problem: unescapedMarkdown(text) }).toEqual({ text, problem: undefined });
    }
    const shown = textBlocks(card).map(unescapeCardText);
    expect(shown).toContain('Read [this](https://evil.example) now');
    expect(shown).toContain('[Click](https://evil.example/x) **now**');
  });

  it('keeps Word-pasted text in a cell and the feedback', () => {
    const grid = sampleReport().grid;
    grid.staffingWorkingWell = WORD_PASTE;
    const card = renderReportCard(sampleReport({ grid, feedback: { text: WORD_PASTE, on: '2026-10-20T09:00:00Z' } }), URL);
    const shown = textBlocks(card).map(unescapeCardText).join('\n');
    expect(shown).toContain('“Morale is low” — staff said it’s ‘getting better’.');
    expect(shown).toContain('• Supervision 👍🏽 on time');
    expect(parseIssues(card)).toEqual([]);
  });

  describe.each(Object.keys(EXPENSIVE_FILLS))('with every text field at its maximum length of %s', (fillName) => {
    const report = maximalReport(EXPENSIVE_FILLS[fillName]);
    it.each(VIEWS)('the %s view stays under 28 KB and still parses', (view) => {
      const card = renderReportCard(report, URL, { view, refreshUserIds: Array.from({ length: 80 }, (_, i) => `29:${'x'.repeat(100)}${i}`) });
      expect(cardBytes(card)).toBeLessThan(CARD_MAX_BYTES);
      expect(parseIssues(card)).toEqual([]);
      expect(JSON.stringify(card)).toContain('Some long answers are shortened on this card.');
    });
    it('the refusal card stays under 28 KB', () => {
      expect(cardBytes(renderRefusalCard(report, URL))).toBeLessThan(CARD_MAX_BYTES);
    });
  });

  it('never cuts an emoji in half when shortening', () => {
    const report = maximalReport(EXPENSIVE_FILLS.emoji);
    for (const text of textBlocks(renderReportCard(report, URL))) {
      expect(text).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
    }
  });
});

describe('overdue digest card', () => {
  const base = {
    today: '2026-11-20',
    appUrl: 'https://northshire.sharepoint.com/sites/frontline-visits/SitePages/Visits.aspx',
    forms: [
      { teamTitle: 'Child in Need [North]', visitDate: '2026-09-01', submissionDue: '2026-09-29', members: ['Cllr Hale'], url: 'https://x.example/?report=7' },
    ],
    responses: [{ teamTitle: 'Child Protection (South)', visitDate: '2026-08-01', responseDue: '2026-10-01', url: 'https://x.example/?report=3' }],
  };

  it('lists each overdue form and response, linked, and parses cleanly', () => {
    const card = renderDigestCard(base);
    expect(parseIssues(card)).toEqual([]);
    const lines = textBlocks(card);
    expect(lines).toContain(
      '[Child in Need \\[North\\], visit on 1 Sep 2026](https://x.example/?report=7) — Cllr Hale: form was due 29 Sep 2026 (52 days overdue)',
    );
    expect(lines).toContain('[Child Protection \\(South\\), visit on 1 Aug 2026](https://x.example/?report=3): response was due 1 Oct 2026 (50 days overdue)');
    expect(lines[0]).toBe('Overdue: 1 visit form, 1 response');
  });

  it('says when nothing is overdue', () => {
    const text = JSON.stringify(renderDigestCard({ ...base, forms: [], responses: [] }));
    expect(text).toContain('No forms are overdue.');
    expect(text).toContain('No responses are overdue.');
  });

  it('names teams whose reports nobody can answer, only when there are some, with their text escaped', () => {
    expect(JSON.stringify(renderDigestCard(base))).not.toContain('nobody can answer');
    const card = renderDigestCard({
      ...base,
      unanswerable: [{ teamTitle: 'Child in Need [North]', namedName: '**Someone**' }, { teamTitle: 'Child Protection' }],
    });
    expect(parseIssues(card)).toEqual([]);
    const lines = textBlocks(card);
    expect(lines).toContain('Teams whose reports nobody can answer (2)');
    expect(lines.filter((l) => /nobody can answer its reports/.test(l))).toEqual([
      expect.stringMatching(/^Child in Need \\\[North\\\] names \\\*\\\*Someone\\\*\\\* as its Head of Service, who is not in the Heads of Service group/),
      expect.stringMatching(/^Child Protection names someone who is no longer on the site as its Head of Service/),
    ]);
  });

  it('stays under 28 KB however many items are overdue', () => {
    const many = Array.from({ length: 500 }, () => ({
      ...base.forms[0],
      teamTitle: '*'.repeat(LIMITS.title),
      members: Array.from({ length: 10 }, () => '_'.repeat(255)),
    }));
    const card = renderDigestCard({ ...base, forms: many, responses: many.map((f) => ({ ...base.responses[0], teamTitle: f.teamTitle })) });
    expect(cardBytes(card)).toBeLessThan(CARD_MAX_BYTES);
    expect(JSON.stringify(card)).toMatch(/And [1-9]\d* more: open Frontline Visits to see them all\./);
    expect(parseIssues(card)).toEqual([]);
  });
});
