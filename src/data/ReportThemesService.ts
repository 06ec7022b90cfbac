/**
 * The improvement team's reads and writes of a report's themes: the council's themes and the
 * report's confirmed themes in one round trip (a PnPjs batch), and the confirmation saved with
 * the item's ETag, so two people confirming at once cannot overwrite each other silently.
 */
import type { SPFI } from '@pnp/sp';
import '@pnp/sp/webs';
import '@pnp/sp/lists';
import '@pnp/sp/items';
import '@pnp/sp/batching';
import { REPORT_THEMES, VISIT_THEMES } from './listContract';
import { isDuplicateValuesError } from './FrontlineDataService';
import { itemETag } from './mappers';
import { REPORT_THEMES_EXPAND, REPORT_THEMES_SELECT, reportThemesFields, ReportThemesRecord, THEME_SELECT, toReportThemes, toTheme } from './themeMappers';
import type { AreaThemes, Theme } from '../domain/themes';

/** The council keeps a few dozen themes at most; one page reads them all. */
const THEMES_PAGE = 500;

export interface ReportThemesState {
  themes: Theme[];
  record?: ReportThemesRecord;
}

/** Someone else confirmed or changed this report's themes since they were read. */
export class ThemesChangedError extends Error {
  public constructor(cause: unknown) {
    super('The report’s themes were changed by someone else since you opened it');
    (this as { cause?: unknown }).cause = cause;
  }
}

export async function loadReportThemes(sp: SPFI, reportId: number): Promise<ReportThemesState> {
  const [batched, execute] = sp.batched();
  const themes = batched.web.lists
    .getByTitle(VISIT_THEMES.title)
    .items.select(...THEME_SELECT)
    .top(THEMES_PAGE)();
  // ReportId is indexed and unique: the filter is served from the index at any list size.
  const records = batched.web.lists
    .getByTitle(REPORT_THEMES.title)
    .items.select(...REPORT_THEMES_SELECT)
    .expand(...REPORT_THEMES_EXPAND)
    .filter(`${REPORT_THEMES.fields.ReportId} eq ${Number(reportId)}`)
    .top(1)();
  await execute();
  const [themeItems, recordItems] = await Promise.all([themes, records]);
  return {
    themes: (themeItems as Array<{ Id: number }>).map(toTheme).sort((a, b) => a.id - b.id),
    record: (recordItems as Array<{ Id: number }>).map(toReportThemes)[0],
  };
}

/** Saves the confirmed themes: a new item the first time, then an update that must match the ETag read. */
export async function saveReportThemes(
  sp: SPFI,
  report: { id: number; visitDate?: string },
  areas: AreaThemes,
  record: ReportThemesRecord | undefined,
): Promise<void> {
  const items = sp.web.lists.getByTitle(REPORT_THEMES.title).items;
  const fields = reportThemesFields(report.id, report.visitDate, areas);
  try {
    if (!record) {
      await items.add(fields);
      return;
    }
    // Never a wildcard: an update that does not name the version it changes could overwrite another's.
    const etag = record.etag || itemETag(await items.getById(record.itemId).select('Id')());
    if (!etag) {
      throw new Error(`Report Themes item ${record.itemId} came back without an ETag`);
    }
    await items.getById(record.itemId).update(fields, etag);
  } catch (error) {
    const status = (error as { status?: number }).status;
    if (status === 412 || isDuplicateValuesError(error)) {
      throw new ThemesChangedError(error);
    }
    throw error;
  }
}
