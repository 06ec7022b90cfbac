import * as fs from 'node:fs';
import * as path from 'node:path';
import { SCREENSHOT_DIR } from './browser';

const SCREENS: Array<[RegExp, string]> = [
  [/^my-visits/, 'My visits: upcoming rota visits, then past visits with each report’s state and deadline'],
  [/^visit-form-draft/, 'The visit form with a saved draft (text pasted from Word), after a reload'],
  [/^visit-form-not-saved/, 'The form while the connection is down: “Not saved — we’ll keep trying; your text is kept on this device”'],
  [
    /^visit-form-conflict/,
    'The report changed on another device (HTTP 412): nothing is overwritten silently; this device keeps its text until the person chooses',
  ],
  [/^visit-form-errors/, 'An empty submit: the error summary at the top, each message linked to its field and repeated beside it'],
  [/^visit-form/, 'The visit form, pre-filled from the rota'],
  [/^members-picker/, 'The members picker open: the site’s councillors (the Frontline Visit Members group)'],
  [/^submit-confirmation/, 'The confirmation step before submitting'],
  [/^report-submitted/, 'A submitted report: read-only, when it was submitted and when the response is due'],
  [/^report-responded/, 'A responded report: the Head of Service’s feedback, by whom and when, beside the report'],
  [/^reports-list/, 'Another role’s start page (improvement team): the reports they may read'],
  [/^clerk-pack-default/, 'The clerk’s committee pack screen: committee date, period and teams'],
  [/^clerk-pack-preview/, 'The clerk’s preview of what the pack will hold, with the Word and CSV downloads'],
  [/^clerk-pack-error/, 'The clerk’s screen with a period that cannot be used: errors summarised and linked'],
  [/^clerk-pack/, 'The clerk’s committee pack screen'],
  [/^rota-proposal/, 'A proposed year’s rota: how the places were shared, each rule it does not meet, its visits to edit, Publish'],
  [/^rota-visit-dialog/, 'Moving a visit and changing its councillors'],
  [/^rota-not-held-error/, 'Recording a visit as not held without a reason: the message says what to write'],
  [/^rota-councillor/, 'A councillor’s rota: their own visits and the dates they cannot do'],
  [/^rota/, 'The rota (improvement team): every visit of the year, coverage gaps, changes saved in one go'],
];

function describe(file: string): string {
  const base = path.basename(file, '.png');
  const found = SCREENS.filter(([pattern]) => pattern.test(base))[0];
  const where = /-320(-|$)/.test(base) ? '320 px (phone)' : '1280 px';
  const theme = /-dark(-|$)/.test(base)
    ? 'Teams dark'
    : /-contrast(-|$)/.test(base)
      ? 'Teams high contrast'
      : /-teams-light$/.test(base)
        ? 'Teams light'
        : 'SharePoint (light)';
  return `${found ? found[1] : base} — ${where}, ${theme}`;
}

/** Writes the README of SCREENSHOT_DIR listing the screenshots the e2e runs saved. */
export function writeScreenshotIndex(): void {
  if (!fs.existsSync(SCREENSHOT_DIR)) {
    return;
  }
  // Only this journey's screens: other suites may keep theirs in the same folder.
  const files = fs
    .readdirSync(SCREENSHOT_DIR)
    .filter((f) => f.endsWith('.png') && SCREENS.some(([pattern]) => pattern.test(f)))
    .sort();
  const lines = [
    '# Screenshots of the councillor’s and the clerk’s journeys',
    '',
    'Taken by the end-to-end tests in Chromium against the local workbench, with the fictional',
    'Northshire demo data; `npm run screenshots` refreshes them. Every screen shown passed axe-core',
    '(WCAG 2.0/2.1/2.2 A and AA) at 1280 px and 320 px in the Teams light and dark themes.',
    '',
    ...files.map((f) => `- [${f}](${f}): ${describe(f)}`),
    '',
  ];
  fs.writeFileSync(path.join(SCREENSHOT_DIR, 'README.md'), lines.join('\n'));
}
