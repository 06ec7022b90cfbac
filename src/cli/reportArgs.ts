/**
 * The `npm run report` command line, read and checked. Pure: the tests call it with argument
 * lists, and every mistake a person can make gets a sentence saying what to do.
 */
import { parseArgs } from 'node:util';
import { isCalendarDate } from '../domain/calendarDate';
import { validatePeriod } from '../report/packPeriod';

export const REPORT_USAGE = `Build the committee pack (Word, and optionally CSV) from a Frontline Visits site.

Usage:
  npm run report -- --site <url> --from <YYYY-MM-DD> --to <YYYY-MM-DD> --out <file.docx> [options]
  npm run report -- --site <url> --meeting <id> --out <file.docx> [options]

Options:
  --site <url>              the Frontline Visits site, e.g. http://localhost:4321/sites/frontline-visits
                            or https://northshire.sharepoint.com/sites/frontline-visits
  --from <date>             first day of the period (YYYY-MM-DD)
  --to <date>               last day of the period (YYYY-MM-DD)
  --meeting <id>            build the committee report saved for a meeting (its id in the Committee
                            Reports list, shown on the clerk's screen): its period, meeting date and
                            words; give no --from, --to or --committee-date with it
  --template <file.docx>    fill the council's own Word template instead of the built-in layout
                            (placeholders: docs/committee-report-template.md)
  --out <file.docx>         where to write the Word document
  --csv <file.csv>          also write the rows as CSV
  --committee-date <date>   the committee meeting the pack goes to (shown in the title block)
  --team <name or id>       only this team; repeat for several (default: every team)
  --title <text>            report title (default: the standard title)
  --today <date>            judge overdue responses as at this day (default: today in London)
  --user <email>            local sandbox only: act as this demo person, e.g. clerk@northshire.example
  --client-id <id>          real site: the Entra app registration (public client) to sign in with
  --tenant <id or domain>   real site: the Entra tenant, e.g. northshire.onmicrosoft.com
  --help                    show this text

Signing in to a real site: give --client-id and --tenant (or set FRONTLINE_CLIENT_ID and
FRONTLINE_TENANT_ID). The command prints a code to enter at https://microsoft.com/devicelogin;
sign in as someone who may read the lists (a committee clerk). The app registration needs
"Allow public client flows" and the delegated SharePoint permission AllSites.Read. A script that
already holds a SharePoint access token can pass it in FRONTLINE_ACCESS_TOKEN instead.`;

export type ReportAuth = { kind: 'sandbox'; user: string } | { kind: 'token'; token: string } | { kind: 'deviceCode'; clientId: string; tenant: string };

export interface ReportOptions {
  site: string;
  /** The period: given, or read from the saved report of `meeting`. */
  from?: string;
  to?: string;
  /** A saved committee report's item id. */
  meeting?: number;
  /** A council template to fill. */
  template?: string;
  out: string;
  csv?: string;
  committeeDate?: string;
  teams: string[];
  title?: string;
  today?: string;
  auth: ReportAuth;
}

export type ParsedReportArgs = { kind: 'help' } | { kind: 'run'; options: ReportOptions } | { kind: 'error'; message: string };

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function parseReportArgs(argv: string[], env: { [name: string]: string | undefined } = {}): ParsedReportArgs {
  let values: { [name: string]: string | string[] | boolean | undefined };
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        site: { type: 'string' },
        from: { type: 'string' },
        to: { type: 'string' },
        meeting: { type: 'string' },
        template: { type: 'string' },
        out: { type: 'string' },
        csv: { type: 'string' },
        'committee-date': { type: 'string' },
        team: { type: 'string', multiple: true },
        title: { type: 'string' },
        today: { type: 'string' },
        user: { type: 'string' },
        'client-id': { type: 'string' },
        tenant: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    // parseArgs says e.g. "Unknown option '--form'"; keep its words and point at --help.
    return { kind: 'error', message: `${(error as Error).message}. Run with --help to see the options.` };
  }
  if (values.help) {
    return { kind: 'help' };
  }
  const text = (name: string): string | undefined => {
    const value = values[name];
    return typeof value === 'string' && value.trim() ? value.trim() : undefined;
  };

  const site = text('site');
  if (!site) {
    return { kind: 'error', message: 'Give the site with --site, e.g. --site http://localhost:4321/sites/frontline-visits' };
  }
  let siteUrl: URL;
  try {
    siteUrl = new URL(site);
  } catch {
    return { kind: 'error', message: `--site must be a full web address starting with http:// or https://; "${site}" is not.` };
  }
  if (siteUrl.protocol !== 'https:' && siteUrl.protocol !== 'http:') {
    return { kind: 'error', message: `--site must start with http:// or https://; "${site}" does not.` };
  }

  const from = text('from');
  const to = text('to');
  const meetingText = text('meeting');
  let meeting: number | undefined;
  if (meetingText !== undefined) {
    if (!/^[1-9]\d{0,9}$/.test(meetingText)) {
      return { kind: 'error', message: `--meeting takes the number of a saved committee report, e.g. --meeting 3; "${meetingText}" is not one.` };
    }
    if (from || to || text('committee-date')) {
      return { kind: 'error', message: '--meeting takes the period and meeting date from the saved report: leave out --from, --to and --committee-date.' };
    }
    meeting = Number(meetingText);
  } else {
    if (!from || !to) {
      return { kind: 'error', message: 'Give the period with --from and --to, e.g. --from 2026-04-01 --to 2026-09-30, or a saved report with --meeting <id>' };
    }
    const periodProblem = validatePeriod(from, to);
    if (periodProblem) {
      return {
        kind: 'error',
        message: periodProblem
          .replace('first day of the period', 'first day of the period (--from)')
          .replace('last day of the period', 'last day of the period (--to)'),
      };
    }
  }
  const template = text('template');
  if (template !== undefined && !/\.docx$/i.test(template)) {
    return { kind: 'error', message: `--template names the council's Word template and must end in .docx; "${template}" does not.` };
  }

  const out = text('out');
  if (!out || !/\.docx$/i.test(out)) {
    return { kind: 'error', message: 'Give the Word file to write with --out, ending in .docx, e.g. --out committee-pack.docx' };
  }
  const csv = text('csv');
  if (csv !== undefined && !/\.csv$/i.test(csv)) {
    return { kind: 'error', message: `--csv names the CSV file to write and must end in .csv; "${csv}" does not.` };
  }
  for (const name of ['committee-date', 'today']) {
    const value = text(name);
    if (value !== undefined && !isCalendarDate(value)) {
      return { kind: 'error', message: `--${name} must be a real date written YYYY-MM-DD, e.g. 2026-12-10; "${value}" is not.` };
    }
  }

  let auth: ReportAuth;
  const user = text('user');
  const clientId = text('client-id') || env.FRONTLINE_CLIENT_ID;
  const tenant = text('tenant') || env.FRONTLINE_TENANT_ID;
  if (user !== undefined) {
    if (!EMAIL.test(user)) {
      return { kind: 'error', message: `--user takes the email of a sandbox demo person, e.g. clerk@northshire.example; "${user}" is not an email.` };
    }
    auth = { kind: 'sandbox', user };
  } else if (env.FRONTLINE_ACCESS_TOKEN) {
    auth = { kind: 'token', token: env.FRONTLINE_ACCESS_TOKEN };
  } else if (clientId && tenant) {
    auth = { kind: 'deviceCode', clientId, tenant };
  } else {
    return {
      kind: 'error',
      message:
        'Say who you are. For the local sandbox: --user clerk@northshire.example. ' +
        'For a real site: --client-id <app id> --tenant <tenant> to sign in with a device code (see --help).',
    };
  }

  return {
    kind: 'run',
    options: {
      site: site.replace(/\/+$/, ''),
      from,
      to,
      meeting,
      template,
      out,
      csv,
      committeeDate: text('committee-date'),
      teams: ((values.team as string[] | undefined) || []).map((t) => t.trim()).filter((t) => t),
      title: text('title'),
      today: text('today'),
      auth,
    },
  };
}
