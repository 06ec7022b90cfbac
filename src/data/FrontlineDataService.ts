import type { SPFI } from '@pnp/sp';
import '@pnp/sp/webs';
import '@pnp/sp/lists';
import '@pnp/sp/items';
import '@pnp/sp/site-users/web';
import '@pnp/sp/site-groups/web';
import '@pnp/sp/batching';

import { addDays, dateOnlyDayStart } from '../domain/calendarDate';
import { REPORT_TEXT_FIELDS } from '../domain/reportFields';
import { Role, ROLE_GROUPS, RoleGroupView, ROLES, rolesFromMembership } from '../domain/roles';
import { FrontlineTeam, Person, RotaEntry, VisitReport, VisitReportForm } from '../domain/types';
import { VISIT_REPORT_DRAFTS, VISIT_REPORTS, VISIT_ROTA } from './listContract';
import {
  DRAFT_EXPAND,
  DRAFT_SELECT,
  formToItemFields,
  itemETag,
  RawUser,
  REPORT_EXPAND,
  REPORT_SELECT,
  ROTA_EXPAND,
  ROTA_SELECT,
  toDraftReport,
  toPerson,
  toRotaEntry,
  toTeam,
  toVisitReport,
} from './mappers';
import { teamsQuery } from './teamsQuery';

export interface SignedInUser {
  /** Site user id: the value SharePoint user fields store. */
  id: number;
  displayName: string;
  email: string;
  roles: Role[];
}

export interface StartPageData {
  user: SignedInUser;
  /** Rota entries from today on (everyone's: the screen picks the user's own), with their ETags (a calendar event's sequence). */
  upcomingRota: Array<RotaEntry & { etag?: string }>;
  /** Rota entries from {@link HISTORY_DAYS} ago up to yesterday, newest first. */
  pastRota: Array<RotaEntry & { etag?: string }>;
  /**
   * Submitted reports with a visit date in the window, and the drafts being written (a draft may
   * have no date yet). Every councillor reads every one: the screen picks those of the user's
   * visits and the user's own. A draft has status Draft and its own id on the drafts list.
   */
  reports: VisitReport[];
}

/** What already holds a rota visit: its draft, or its submitted report. */
export interface ExistingForVisit {
  draft?: VisitReport;
  report?: VisitReport;
}

/**
 * SharePoint refused a second draft or report for a rota visit (its unique Rota entry column).
 * `existing` is the one that holds the visit, when it could be read.
 */
export class VisitAlreadyReportedError extends Error {
  public readonly status = 409;
  public constructor(
    public readonly rotaEntryId: number,
    public readonly existing: ExistingForVisit,
    public readonly cause?: unknown,
  ) {
    super(`Rota visit ${rotaEntryId} already has a ${existing.report ? 'submitted report' : 'draft'}`);
  }
}

/** SharePoint's answer to a write that repeats a unique column's value. */
export function isDuplicateValuesError(error: unknown): boolean {
  const message = error && (error as { message?: unknown }).message;
  return httpStatusOf(error) === 500 && typeof message === 'string' && message.indexOf('SPDuplicateValuesFoundException') !== -1;
}

/** Everything the visit form needs besides the report: one round trip. */
export interface FormOptions {
  teams: FrontlineTeam[];
  /**
   * The people in the Frontline Visit Members group, for the members picker: people added to it
   * directly. Councillors who belong through an Entra security group are one principal there, not
   * people; they reach the form through the rota, or as the signed-in councillor.
   */
  councillors: Person[];
  /** Names of the Entra security groups in the members group (their people are not listed). */
  councillorGroups: string[];
}

export interface ReportScreenData extends FormOptions {
  report: VisitReport;
}

/**
 * What a confirmed write left on the server: the item and its new ETag. `reportId` is the item's
 * id on the list written: the draft's after a draft save, the submitted report's after a submit.
 */
export interface SavedItem {
  reportId: number;
  etag: string;
}

type ReportListItems = ReturnType<SPFI['web']['lists']['getByTitle']>['items'];

/** A role group as the caller sees it; the `CanCurrentUser…` properties come only when selected. */
interface RoleGroupInfo {
  Title: string;
  OnlyAllowMembersViewMembership: boolean;
  CanCurrentUserViewMembership: boolean;
  CanCurrentUserManageGroup: boolean;
}

/** SharePoint's PrincipalType of a group member: a person, or an Entra security group held as one principal. */
const PRINCIPAL_TYPE_USER = 1;
const PRINCIPAL_TYPE_SECURITY_GROUP = 4;

/** How far back the start page looks: a municipal year plus the 28-day reporting window. */
export const HISTORY_DAYS = 400;

const F = VISIT_REPORTS.fields;

/**
 * A start-page row needs none of the long text: leaving the multi-line fields out keeps the one
 * batched request small however many reports there are.
 */
const REPORT_SUMMARY_SELECT = REPORT_SELECT.filter((field) => REPORT_TEXT_FIELDS.every((text) => !text.multiline || text.listField !== field));
const DRAFT_SUMMARY_SELECT = DRAFT_SELECT.filter((field) => REPORT_TEXT_FIELDS.every((text) => !text.multiline || text.listField !== field));

/**
 * A report from the summary select: the feedback text is left out to keep the batch small, but
 * who responded and when are kept, so the start page can say so.
 */
function summaryReport(item: { Id: number; [field: string]: unknown }): VisitReport {
  const report = toVisitReport(item);
  const on = item[F.HosFeedbackOn];
  if (!report.feedback && typeof on === 'string' && on) {
    report.feedback = { text: '', by: toPerson(item[F.HosFeedbackBy] as RawUser), on };
  }
  return report;
}

/** SharePoint's OData filter needs date literals as instants: where a visit date's day begins. */
function dateLiteral(day: string): string {
  return `datetime'${dateOnlyDayStart(day)}'`;
}

/** PnPjs rejects with HttpRequestError, which carries the HTTP status. */
export function httpStatusOf(error: unknown): number | undefined {
  const status = error && (error as { status?: unknown }).status;
  return typeof status === 'number' ? status : undefined;
}

/**
 * Reads and writes the product's lists through PnPjs. Components never call PnPjs themselves:
 * they use this service through hooks (`src/data/hooks/`).
 *
 * Every query's first filter is on an indexed column (VisitDate, ReportStatus), so no screen
 * breaks once a list passes the 5,000-item view threshold.
 */
export class FrontlineDataService {
  public constructor(private readonly sp: SPFI) {}

  private get reportItems() {
    return this.sp.web.lists.getByTitle(VISIT_REPORTS.title).items;
  }

  private get draftItems() {
    return this.sp.web.lists.getByTitle(VISIT_REPORT_DRAFTS.title).items;
  }

  /** The signed-in user, their roles, the rota around today and the readable reports: one round trip. */
  public async getStartPage(today: string, top: number = 500): Promise<StartPageData> {
    const [batchedSP, execute] = this.sp.batched();
    const since = addDays(today, -HISTORY_DAYS);
    const userRequest = batchedSP.web.currentUser.select('Id', 'Title', 'Email')();
    const groupsRequest = batchedSP.web.currentUser.groups.select('Title')();
    // Membership through an Entra group is not in currentuser/groups; each role group says
    // whether the caller may view its (hidden) membership, which only its members may.
    const viewRequests = ROLES.map((role) =>
      batchedSP.web.siteGroups
        .getByName(ROLE_GROUPS[role])
        .select('Title', 'OnlyAllowMembersViewMembership', 'CanCurrentUserViewMembership', 'CanCurrentUserManageGroup')<RoleGroupInfo>()
        .then(
          (g: RoleGroupInfo): RoleGroupView => ({
            title: g.Title,
            onlyMembersView: g.OnlyAllowMembersViewMembership,
            canViewMembership: g.CanCurrentUserViewMembership,
            canManage: g.CanCurrentUserManageGroup,
          }),
          // A site without one of the groups: nobody has that role.
          (): undefined => undefined,
        ),
    );
    const rotaList = batchedSP.web.lists.getByTitle(VISIT_ROTA.title);
    const upcomingRequest = rotaList.items
      .select(...ROTA_SELECT)
      .expand(...ROTA_EXPAND)
      .filter(`${VISIT_ROTA.fields.VisitDate} ge ${dateLiteral(today)}`)
      .orderBy(VISIT_ROTA.fields.VisitDate, true)
      .top(top)();
    const pastRequest = rotaList.items
      .select(...ROTA_SELECT)
      .expand(...ROTA_EXPAND)
      .filter(`${VISIT_ROTA.fields.VisitDate} ge ${dateLiteral(since)} and ${VISIT_ROTA.fields.VisitDate} lt ${dateLiteral(today)}`)
      .orderBy(VISIT_ROTA.fields.VisitDate, false)
      .top(top)();
    const reportList = batchedSP.web.lists.getByTitle(VISIT_REPORTS.title);
    const datedRequest = reportList.items
      .select(...REPORT_SUMMARY_SELECT)
      .expand(...REPORT_EXPAND)
      .filter(`${F.VisitDate} ge ${dateLiteral(since)}`)
      .orderBy(F.VisitDate, false)
      .top(top)();
    // The drafts list holds only reports being written (a submitted one moves to Visit Reports),
    // so it stays far below the list view threshold; its only order is the indexed VisitDate.
    const draftsRequest = batchedSP.web.lists
      .getByTitle(VISIT_REPORT_DRAFTS.title)
      .items.select(...DRAFT_SUMMARY_SELECT)
      .expand(...DRAFT_EXPAND)
      .top(top)();
    await execute();
    const [user, groups, upcoming, past, dated, drafts] = await Promise.all([
      userRequest,
      groupsRequest,
      upcomingRequest,
      pastRequest,
      datedRequest,
      draftsRequest,
    ]);
    const views = (await Promise.all(viewRequests)).filter((v): v is RoleGroupView => !!v);
    const reports: VisitReport[] = dated.map(summaryReport).concat(drafts.map(toDraftReport));
    return {
      user: {
        id: user.Id,
        displayName: user.Title,
        email: user.Email,
        roles: rolesFromMembership(
          groups.map((g: { Title: string }) => g.Title),
          views,
        ),
      },
      upcomingRota: upcoming.map((item) => ({ ...toRotaEntry(item), etag: itemETag(item) })),
      pastRota: past.map((item) => ({ ...toRotaEntry(item), etag: itemETag(item) })),
      reports,
    };
  }

  /** Teams and councillors for a new form: one round trip. */
  public async getFormOptions(): Promise<FormOptions> {
    const [batchedSP, execute] = this.sp.batched();
    const requests = this.formOptionRequests(batchedSP);
    await execute();
    return this.formOptionsFrom(requests);
  }

  /**
   * One report with everything its screen needs (the form's options too, for a councillor, who
   * may edit their draft): one round trip. Readers who are not councillors never ask for the
   * members group, whose membership SharePoint hides from non-members.
   */
  public async getReportScreen(reportId: number, withCouncillors: boolean = true): Promise<ReportScreenData> {
    const [batchedSP, execute] = this.sp.batched();
    const reportRequest = batchedSP.web.lists
      .getByTitle(VISIT_REPORTS.title)
      .items.getById(reportId)
      .select(...REPORT_SELECT)
      .expand(...REPORT_EXPAND)();
    const options = this.formOptionRequests(batchedSP, withCouncillors);
    await execute();
    const [item, resolved] = await Promise.all([reportRequest, this.formOptionsFrom(options)]);
    return { report: toVisitReport(item), ...resolved };
  }

  /** One draft with everything its screen needs (the councillors only for its writer's form): one round trip. */
  public async getDraftScreen(draftId: number, withCouncillors: boolean = true): Promise<ReportScreenData> {
    const [batchedSP, execute] = this.sp.batched();
    const draftRequest = batchedSP.web.lists
      .getByTitle(VISIT_REPORT_DRAFTS.title)
      .items.getById(draftId)
      .select(...DRAFT_SELECT)
      .expand(...DRAFT_EXPAND)();
    const options = this.formOptionRequests(batchedSP, withCouncillors);
    await execute();
    const [item, resolved] = await Promise.all([draftRequest, this.formOptionsFrom(options)]);
    return { report: toDraftReport(item), ...resolved };
  }

  /**
   * A person by work email, made a site user if need be (SharePoint's `ensureUser`, as its own
   * people picker does): how a councillor names a fellow member who belongs through an Entra
   * group, whom the members group lists only as the group. Undefined when the directory has no
   * person by that address; other failures are thrown.
   */
  public async findPerson(email: string): Promise<Person | undefined> {
    try {
      const user = await this.sp.web.ensureUser(`i:0#.f|membership|${email.trim().toLowerCase()}`);
      return user.PrincipalType === PRINCIPAL_TYPE_USER ? { id: user.Id, displayName: user.Title, email: user.Email } : undefined;
    } catch (error) {
      if (/could not be found|does not exist/i.test(String((error as Error).message))) {
        return undefined;
      }
      throw error;
    }
  }

  /** Reads one submitted report. */
  public async getReport(reportId: number): Promise<VisitReport> {
    return toVisitReport(
      await this.reportItems
        .getById(reportId)
        .select(...REPORT_SELECT)
        .expand(...REPORT_EXPAND)(),
    );
  }

  /** Reads one draft (after a conflict, to see what the server holds now). */
  public async getDraft(draftId: number): Promise<VisitReport> {
    return toDraftReport(
      await this.draftItems
        .getById(draftId)
        .select(...DRAFT_SELECT)
        .expand(...DRAFT_EXPAND)(),
    );
  }

  /** The draft or submitted report that holds a rota visit, if any: one round trip on the indexed, unique Rota entry. */
  public async getExistingForVisit(rotaEntryId: number): Promise<ExistingForVisit> {
    const [batchedSP, execute] = this.sp.batched();
    const filter = `${F.RotaEntry}Id eq ${Math.trunc(rotaEntryId)}`;
    const reportRequest = batchedSP.web.lists
      .getByTitle(VISIT_REPORTS.title)
      .items.select(...REPORT_SELECT)
      .expand(...REPORT_EXPAND)
      .filter(filter)
      .top(1)();
    const draftRequest = batchedSP.web.lists
      .getByTitle(VISIT_REPORT_DRAFTS.title)
      .items.select(...DRAFT_SELECT)
      .expand(...DRAFT_EXPAND)
      .filter(filter)
      .top(1)();
    await execute();
    const [reports, drafts] = await Promise.all([reportRequest, draftRequest]);
    return { report: reports[0] ? toVisitReport(reports[0]) : undefined, draft: drafts[0] ? toDraftReport(drafts[0]) : undefined };
  }

  /**
   * Writes the draft: adds the item the first time (the first save, never on opening the form),
   * then updates it with the ETag it was read or last saved with, so a change made elsewhere
   * meanwhile fails with 412 instead of being overwritten. `reportId` is the draft's id.
   */
  public async saveDraft(form: VisitReportForm, target: { reportId?: number; etag?: string }): Promise<SavedItem> {
    const fields = formToItemFields(form);
    if (target.reportId === undefined) {
      return this.add(this.draftItems, fields, form.rotaEntryId);
    }
    return this.update(this.draftItems, target.reportId, fields, target.etag, form.rotaEntryId);
  }

  /**
   * Submits the report: adds it, with the form's final text, to Visit Reports — where its author
   * can never change or delete it — then deletes the draft it came from. SharePoint refuses a
   * second report for a rota visit ({@link VisitAlreadyReportedError}). `target.reportId` is the
   * draft's id; the answer is the submitted report's.
   */
  public async submit(form: VisitReportForm, target: { reportId?: number; etag?: string }, now: Date = new Date()): Promise<SavedItem> {
    const fields = { ...formToItemFields(form), [F.ReportStatus]: 'Submitted', [F.SubmittedOn]: now.toISOString() };
    const saved = await this.add(this.reportItems, fields, form.rotaEntryId);
    if (target.reportId !== undefined) {
      // The report is safe; a draft left behind is hidden beside it and can be deleted later.
      await this.draftItems
        .getById(target.reportId)
        .delete()
        .catch((error: unknown) => {
          // eslint-disable-next-line no-console
          console.error('Frontline Visits: the report was submitted but its draft could not be deleted', {
            draftId: target.reportId,
            reportId: saved.reportId,
            error,
          });
        });
    }
    return saved;
  }

  /** Deletes the user's own draft (SharePoint lets only its author), guarded by its ETag. */
  public async deleteDraft(draftId: number, etag: string | undefined): Promise<void> {
    await this.draftItems.getById(draftId).delete(etag || '*');
  }

  private async add(items: ReportListItems, fields: { [field: string]: unknown }, rotaEntryId: number | undefined): Promise<SavedItem> {
    const data = await items.add(fields).catch((error: unknown) => this.explainDuplicate(error, rotaEntryId));
    const reportId = Number(data.Id);
    return { reportId, etag: itemETag(data) || (await this.currentETag(items, reportId)) };
  }

  private async update(
    items: ReportListItems,
    id: number,
    fields: { [field: string]: unknown },
    etag: string | undefined,
    rotaEntryId: number | undefined,
  ): Promise<SavedItem> {
    if (!etag) {
      // Only an item read without its ETag gets here; '*' would overwrite whatever is saved.
      // eslint-disable-next-line no-console
      console.warn('Frontline Visits: saving a draft without its ETag overwrites any other change', { id });
    }
    const result: { etag?: string | null } = await items
      .getById(id)
      .update(fields, etag || '*')
      .catch((error: unknown) => this.explainDuplicate(error, rotaEntryId));
    // Some servers send no ETag header on MERGE; read it back so the next write still checks.
    return { reportId: id, etag: (result && result.etag) || (await this.currentETag(items, id)) };
  }

  /** A unique-column refusal becomes {@link VisitAlreadyReportedError}, with what holds the visit. */
  private async explainDuplicate(error: unknown, rotaEntryId: number | undefined): Promise<never> {
    if (rotaEntryId === undefined || !isDuplicateValuesError(error)) {
      throw error;
    }
    const existing = await this.getExistingForVisit(rotaEntryId).catch((): ExistingForVisit => ({}));
    throw new VisitAlreadyReportedError(rotaEntryId, existing, error);
  }

  /** The item's ETag as stored now: the next write must carry it, never a wildcard. */
  private async currentETag(items: ReportListItems, id: number): Promise<string> {
    const etag = itemETag(await items.getById(id).select('Id')());
    if (!etag) {
      throw new Error(`Item ${id} came back without an ETag, so a later save could not detect another person's change`);
    }
    return etag;
  }

  private formOptionRequests(
    batchedSP: SPFI,
    withCouncillors: boolean = true,
  ): {
    teams: Promise<Array<{ Id: number; [field: string]: unknown }>>;
    councillors: Promise<Array<{ Id: number; Title: string; Email: string; PrincipalType: number }>>;
  } {
    return {
      teams: teamsQuery(batchedSP.web),
      councillors: withCouncillors
        ? batchedSP.web.siteGroups.getByName(ROLE_GROUPS.Councillor).users.select('Id', 'Title', 'Email', 'PrincipalType')()
        : Promise.resolve([]),
    };
  }

  private async formOptionsFrom(requests: ReturnType<FrontlineDataService['formOptionRequests']>): Promise<FormOptions> {
    const [teams, principals] = await Promise.all([requests.teams, requests.councillors]);
    return {
      teams: teams.map(toTeam),
      councillors: principals
        .filter((u) => u.PrincipalType === PRINCIPAL_TYPE_USER)
        .map((u) => ({ id: u.Id, displayName: u.Title, email: u.Email }))
        .sort((a, b) => a.displayName.localeCompare(b.displayName, 'en-GB')),
      councillorGroups: principals.filter((u) => u.PrincipalType === PRINCIPAL_TYPE_SECURITY_GROUP).map((u) => u.Title),
    };
  }
}
