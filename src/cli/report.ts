/**
 * `npm run report`: the committee pack from any Frontline Visits site the caller can read, with
 * the same code as the clerk's screen (load → model → Word/CSV).
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';

import { londonToday } from '../domain/calendarDate';
import { loadPackDataWithThemes } from '../report/themeData';
import { rasteriseSvgInNode } from '../node/rasteriseSvg';
import { buildPackModel } from '../report/packModel';
import { renderPackCsv } from '../report/packCsv';
import { renderCommitteeReport, TemplateError } from '../report/agendaDocx';
import { reportWithDrafts } from '../report/agendaDrafts';
import { collectAgendaSlots } from '../report/agendaSlots';
import { CommitteeReport, newCommitteeReport } from '../report/committeeReport';
import { DamagedCommitteeReportError, getCommitteeReport } from '../report/committeeReportList';
import { packCountsText } from '../report/packText';
import type { PackData, PackModel, PackRequest } from '../report/packTypes';
import { parseReportArgs, REPORT_USAGE, ReportOptions } from './reportArgs';
import { connectToSite } from './siteConnection';

export class UserFacingError extends Error {}

/** Team names or ids from the command line → ids, or a message listing the teams there are. */
export function resolveTeams(wanted: string[], data: PackData): number[] {
  return wanted.map((name) => {
    const byId = /^\d+$/.test(name) ? data.teams.find((t) => t.id === Number(name)) : undefined;
    const team = byId || data.teams.find((t) => t.title.toLowerCase() === name.toLowerCase());
    if (!team) {
      throw new UserFacingError(`There is no team "${name}" on the site. The teams are: ${data.teams.map((t) => `"${t.title}" (${t.id})`).join(', ')}.`);
    }
    return team.id;
  });
}

/** Explains the failures a person can do something about; anything else is rethrown whole. */
function explain(error: unknown, options: ReportOptions): Error {
  const e = error as { status?: number; message?: string; cause?: { code?: string; message?: string } };
  // Node's fetch fails with "fetch failed" and the network error as its cause.
  if (error instanceof TypeError && e.message === 'fetch failed') {
    const why = (e.cause && (e.cause.code || e.cause.message)) || 'no answer';
    return new UserFacingError(`Could not reach ${options.site} (${why}). Check the address; for the local sandbox, start it first with npm start.`);
  }
  if (e.status === 401) {
    return new UserFacingError(
      options.auth.kind === 'sandbox'
        ? `The sandbox does not know ${options.auth.user}. Use a demo person's email, e.g. --user clerk@northshire.example.`
        : 'The site refused the sign-in (401). Sign in again, as someone with access to the site.',
    );
  }
  if (e.status === 403) {
    return new UserFacingError('You may not read the Frontline Visits lists on this site (403). Ask for the Committee Clerks group.');
  }
  if (e.status === 404) {
    return new UserFacingError(`No Frontline Visits lists at ${options.site} (404). Check --site is the site itself, e.g. .../sites/frontline-visits.`);
  }
  return error as Error;
}

export interface ReportRun {
  model: PackModel;
  report: CommitteeReport;
  docx: Uint8Array;
  csv?: string;
}

/** The council template's bytes, or a message saying why it cannot be read. */
async function readTemplate(path: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await readFile(path));
  } catch (error) {
    const code = (error as { code?: string }).code;
    throw new UserFacingError(
      `Could not read the template ${path} (${code || (error as Error).message}). Check the path, and that the file is not open in Word.`,
    );
  }
}

export async function runReport(options: ReportOptions, log: (line: string) => void): Promise<ReportRun> {
  let data: PackData;
  let saved: CommitteeReport | undefined;
  try {
    const sp = await connectToSite(options.site, options.auth, log);
    if (options.meeting !== undefined) {
      saved = await getCommitteeReport(sp, options.meeting).catch((error: unknown) => {
        if ((error as { status?: number }).status === 404) {
          throw new UserFacingError(
            `There is no committee report ${options.meeting} on the site. The clerk's screen lists the saved reports with their numbers.`,
          );
        }
        if (error instanceof DamagedCommitteeReportError) {
          throw new UserFacingError(`${error.message} Open it on the clerk's screen and save it again.`);
        }
        throw error;
      });
    }
    const period = saved ? saved.period : { from: options.from!, to: options.to! };
    data = await loadPackDataWithThemes(sp, period);
  } catch (error) {
    throw error instanceof UserFacingError ? error : explain(error, options);
  }
  const period = saved ? saved.period : { from: options.from!, to: options.to! };
  const committeeDate = saved ? saved.meetingDate : options.committeeDate;
  const request: PackRequest = {
    ...period,
    committeeDate,
    reportTitle: options.title || (saved && saved.reportTitle),
    teamIds: resolveTeams(options.teams, data),
    today: options.today || londonToday(),
  };
  const model = buildPackModel(data, request);
  const base = saved || newCommitteeReport(committeeDate || '', period);
  const report = reportWithDrafts(options.title ? { ...base, reportTitle: options.title } : base, model);
  const template = options.template ? await readTemplate(options.template) : undefined;
  let docx: Uint8Array;
  try {
    docx = await renderCommitteeReport(model, report, { template, slots: collectAgendaSlots(model), rasterise: rasteriseSvgInNode });
  } catch (error) {
    if (error instanceof TemplateError) {
      throw new UserFacingError(error.message);
    }
    throw error;
  }
  const csv = options.csv ? renderPackCsv(model) : undefined;
  await writeOut(options.out, docx);
  if (options.csv && csv !== undefined) {
    await writeOut(options.csv, csv);
  }
  return { model, report, docx, csv };
}

async function writeOut(path: string, content: Uint8Array | string): Promise<void> {
  try {
    await mkdir(dirname(resolve(path)), { recursive: true });
    await writeFile(path, content);
  } catch (error) {
    const code = (error as { code?: string }).code;
    throw new UserFacingError(
      `Could not write ${path} (${code || (error as Error).message}). Check the folder exists and you may write to it, and that the file is not open in Word.`,
    );
  }
}

export async function main(argv: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const parsed = parseReportArgs(argv, env);
  if (parsed.kind === 'help') {
    console.log(REPORT_USAGE);
    return 0;
  }
  if (parsed.kind === 'error') {
    console.error(`report: ${parsed.message}`);
    return 2;
  }
  const options = parsed.options;
  try {
    const { model } = await runReport(options, (line) => console.error(line));
    console.log(`Wrote ${options.out}${options.csv ? ` and ${options.csv}` : ''}: ${model.title.periodText}, ${packCountsText(model.counts)}.`);
    return 0;
  } catch (error) {
    if (error instanceof UserFacingError) {
      console.error(`report: ${error.message}`);
    } else {
      console.error('report: the pack could not be built. Details for whoever supports the system:');
      console.error(error);
    }
    return 1;
  }
}

if (require.main === module) {
  main(process.argv.slice(2), process.env).then((code) => {
    process.exitCode = code;
  });
}
