/**
 * Who is calling and what they may do, enforced where the data lives (docs/architecture.md §4), through
 * every endpoint: SharePoint REST, `$batch` and Graph all come through here.
 */
import type { IncomingHttpHeaders } from 'node:http';
import {
  CHASE_REQUESTS,
  COMMITTEE_REPORTS,
  FRONTLINE_TEAMS,
  NOTIFICATIONS_SENT,
  REPORT_THEMES,
  UNAVAILABLE_DATES,
  VISIT_REPORT_DRAFTS,
  VISIT_REPORTS,
  VISIT_ROTA,
  VISIT_THEMES,
} from '../data/listContract';
import { FEEDBACK_TEXT_FIELDS } from '../domain/reportFields';
import { acceptsFeedback } from '../domain/reportStatus';
import { Permission, Role, rolesFromGroups, rolesMay } from '../domain/roles';
import { ReportStatus } from '../domain/types';
import { AppDirectory, AppRegistration } from './appIdentity';
import { spErrors } from './errors';
import { FieldValues, ROLE_DEFINITIONS, SandboxStore, SiteGroup, SiteUser, StoredItem, StoredList } from './store';

/**
 * A person carries the ids of every principal that stands for them — their site groups (direct or
 * through an Entra security group) and those Entra group principals — since item role assignments
 * may name any of them, and SharePoint grants by all of them.
 */
export type Caller = { kind: 'user'; user: SiteUser; roles: Role[]; groupIds: number[] } | { kind: 'app'; user: SiteUser; app: AppRegistration };

/**
 * Rules the sandbox adds on top of what SharePoint's list settings can express.
 * `submittedLockRule` (default on): what a councillor adds to Visit Reports is a plain submission
 * (status Submitted, no feedback or card fields), and a Head of Service may write their own answer
 * directly. Production cannot check field values (no field-level permissions): there a councillor
 * may add a report with any field set, which the bot's pickup review catches; and only the app
 * writes an answer. Off (`SANDBOX_LIST_RULES=production`), the sandbox behaves as production's list
 * settings do and nothing more. Either way a councillor never edits or deletes a submitted report:
 * that is the list's own permission level, not a sandbox rule.
 */
export interface SecurityRules {
  submittedLockRule: boolean;
}

/** The sandbox's extra rules, unless `SANDBOX_LIST_RULES=production` asks for production's list settings only. */
export function securityRulesFromEnvironment(env: NodeJS.ProcessEnv = process.env): SecurityRules {
  const value = (env.SANDBOX_LIST_RULES || 'sandbox').trim().toLowerCase();
  if (value !== 'sandbox' && value !== 'production') {
    throw new RangeError(`SANDBOX_LIST_RULES must be "sandbox" or "production", not "${env.SANDBOX_LIST_RULES}"`);
  }
  return { submittedLockRule: value !== 'production' };
}

export const DEFAULT_SECURITY_RULES: SecurityRules = { submittedLockRule: true };

export { DEFAULT_APP_TOKEN, appToken } from './appIdentity';

function cookie(headers: IncomingHttpHeaders, name: string): string | undefined {
  const raw = headers.cookie;
  if (!raw) {
    return undefined;
  }
  for (const part of raw.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

export interface Identified {
  caller?: Caller;
  /** How the caller was named: cookie auth needs a request digest on writes, as in SharePoint. */
  via?: 'header' | 'cookie' | 'bearer';
  /** A bearer token was sent but is not one the sandbox's Entra issued. */
  badToken?: boolean;
}

/**
 * Names the caller from `Authorization: Bearer` (an app registration's token: every app acts
 * through the site's one app principal), `X-Sandbox-User` or the `sandbox_user` cookie. What an
 * app may do is decided per API and site by the server (appIdentity.ts).
 */
export function identify(store: SandboxStore, headers: IncomingHttpHeaders, apps?: AppDirectory): Identified {
  const auth = headers.authorization;
  if (typeof auth === 'string' && /^Bearer\s+/i.test(auth)) {
    const token = auth.replace(/^Bearer\s+/i, '').trim();
    const principal = store.appPrincipal();
    const app = apps ? apps.byToken(token) : undefined;
    if (app && principal) {
      return { caller: { kind: 'app', user: principal, app }, via: 'bearer' };
    }
    return { badToken: true };
  }
  const header = headers['x-sandbox-user'];
  const fromHeader = Array.isArray(header) ? header[0] : header;
  const email = fromHeader || cookie(headers, 'sandbox_user');
  if (!email) {
    return {};
  }
  const user = store.userByEmail(email);
  if (!user) {
    return {};
  }
  const groups = store.effectiveGroupsOf(user.id);
  const roles = rolesFromGroups(groups.map((g) => g.title));
  const principals = groups.map((g) => g.id).concat(store.principalIdsOf(user.id).filter((id) => id !== user.id));
  return { caller: { kind: 'user', user, roles, groupIds: principals }, via: fromHeader ? 'header' : 'cookie' };
}

/**
 * Whether the caller may use the site at all: the app, or a person in at least one of its groups.
 * Someone signed in but in none (a team's service manager) gets SharePoint's access denied for
 * everything — the web, its users and groups included — not just for the lists.
 */
export function hasSiteAccess(caller: Caller): boolean {
  return caller.kind === 'app' || caller.roles.length > 0;
}

function may(caller: Caller, permission: Permission): boolean {
  return caller.kind === 'app' || rolesMay(caller.roles, permission);
}

const REPORT_FEEDBACK_FIELDS: ReadonlyArray<string> = [
  ...FEEDBACK_TEXT_FIELDS.map((field) => field.listField),
  VISIT_REPORTS.fields.HosFeedbackBy,
  VISIT_REPORTS.fields.HosFeedbackOn,
  VISIT_REPORTS.fields.HosFeedbackHistory,
];
const REPORT_CARD_FIELDS: ReadonlyArray<string> = [
  VISIT_REPORTS.fields.CardConversationId,
  VISIT_REPORTS.fields.CardActivityId,
  VISIT_REPORTS.fields.ServerCheck,
  VISIT_REPORTS.fields.CardDelivery,
];
const STATUS = VISIT_REPORTS.fields.ReportStatus;

const isReports = (list: StoredList): boolean => list.definition.title === VISIT_REPORTS.title;
const isDrafts = (list: StoredList): boolean => list.definition.title === VISIT_REPORT_DRAFTS.title;
const isUnavailableDates = (list: StoredList): boolean => list.definition.title === UNAVAILABLE_DATES.title;

/**
 * Councillors' unavailable dates: the members' group has Contribute with "edit own items"
 * (WriteSecurity 2), so a councillor adds dates and edits or deletes only those they entered; the
 * improvement team and clerks edit everyone's (their level includes Override List Behaviors).
 */
function mayKeepOwnDates(caller: Caller): boolean {
  return may(caller, 'createReport');
}

/** The list's read permission: everyone with a role reads the rota and teams. */
export function assertMayReadList(caller: Caller): void {
  if (caller.kind === 'user' && caller.roles.length === 0) {
    throw spErrors.accessDenied();
  }
}

/**
 * What an item with unique permissions lets a person do: the best role bound to them or to one
 * of their groups. Undefined when the item inherits from the list (the list-wide rules apply).
 */
export function itemRightsOf(item: StoredItem, caller: Caller): 'none' | 'read' | 'write' | undefined {
  if (!item.roleAssignments || caller.kind === 'app') {
    return undefined;
  }
  let best: 'none' | 'read' | 'write' = 'none';
  for (const assignment of item.roleAssignments) {
    if (assignment.principalId !== caller.user.id && caller.groupIds.indexOf(assignment.principalId) === -1) {
      continue;
    }
    const role = ROLE_DEFINITIONS.filter((r) => r.id === assignment.roleDefId)[0];
    const rights = role ? role.itemRights : 'none';
    if (rights === 'write' || (rights === 'read' && best === 'none')) {
      best = rights;
    }
  }
  return best;
}

/** Lists on which councillors have no role at all. */
const NO_COUNCILLOR_ACCESS: ReadonlyArray<string> = [NOTIFICATIONS_SENT.title, CHASE_REQUESTS.title, VISIT_THEMES.title, REPORT_THEMES.title];

/**
 * The list's read security (ReadSecurity 2: only items the user created, unless they may read
 * all); unique permissions on the item decide alone.
 */
export function mayReadItem(list: StoredList, item: StoredItem, caller: Caller): boolean {
  const unique = itemRightsOf(item, caller);
  if (unique !== undefined) {
    return unique !== 'none';
  }
  if (NO_COUNCILLOR_ACCESS.indexOf(list.definition.title) !== -1 && !may(caller, 'readAllReports')) {
    // Councillors have no role on these (list-settings.json: "None").
    return false;
  }
  if (list.definition.itemLevelSecurity.read === 'all' || may(caller, 'readAllReports')) {
    return true;
  }
  return item.authorId === caller.user.id;
}

export function visibleItems(list: StoredList, caller: Caller): StoredItem[] {
  assertMayReadList(caller);
  return Array.from(list.items.values()).filter((i) => mayReadItem(list, i, caller));
}

/**
 * For an item with unique permissions, settles a write by its role assignments alone (true, or
 * throws access denied); false when the item inherits and the list-wide rules decide.
 */
function decidedByItemPermissions(item: StoredItem, caller: Caller): boolean {
  const unique = itemRightsOf(item, caller);
  if (unique === undefined) {
    return false;
  }
  if (unique !== 'write') {
    throw spErrors.accessDenied();
  }
  return true;
}

/**
 * Whether the caller may read a group's members. With "Who can view the membership of the
 * group?" set to group members (SharePoint's default), only members — directly or through an
 * Entra security group — and those who manage the group (the app, site owners) may.
 */
export function mayViewMembership(store: SandboxStore, group: SiteGroup, caller: Caller): boolean {
  if (!group.onlyMembersView || caller.kind === 'app') {
    return true;
  }
  return caller.groupIds.indexOf(group.id) !== -1;
}

/** Group owners (the site owners) manage membership; the sandbox has none but the app. */
export function mayManageGroup(caller: Caller): boolean {
  return caller.kind === 'app';
}

/** Breaking inheritance and binding roles needs Manage Permissions: the app (full control) or a site owner — the sandbox has none. */
export function assertMayManagePermissions(caller: Caller): void {
  if (caller.kind !== 'app') {
    throw spErrors.accessDenied();
  }
}

function listWritePermission(list: StoredList): Permission | undefined {
  if (list.definition.title === VISIT_ROTA.title) {
    return 'editRota';
  }
  if (list.definition.title === FRONTLINE_TEAMS.title) {
    return 'editTeams';
  }
  if (list.definition.title === COMMITTEE_REPORTS.title) {
    // list-settings.json: Contribute for Committee Clerks, Read for every other group.
    return 'writeCommitteeReports';
  }
  if (list.definition.title === VISIT_THEMES.title) {
    return 'editThemes';
  }
  if (list.definition.title === REPORT_THEMES.title) {
    return 'confirmThemes';
  }
  return undefined;
}

/**
 * The app may write anything; rota and teams are writable by role alone. True when that settles
 * it (throwing when refused); false for reports, whose rules depend on the item.
 */
function decidedAtListLevel(list: StoredList, caller: Caller): boolean {
  if (caller.kind === 'app') {
    return true;
  }
  if (list.definition.title === NOTIFICATIONS_SENT.title || list.definition.title === CHASE_REQUESTS.title) {
    // Every group has Read at most (the improvement team may add a chase request, see assertMayCreate): only the bot records what it sent.
    throw spErrors.accessDenied();
  }
  if (isUnavailableDates(list)) {
    return may(caller, 'editRota');
  }
  const permission = listWritePermission(list);
  if (permission && !may(caller, permission)) {
    throw spErrors.accessDenied();
  }
  return !!permission;
}

function touches(changes: FieldValues, fields: ReadonlyArray<string>): boolean {
  return Object.keys(changes).some((k) => fields.indexOf(k) !== -1);
}

/** A councillor's own write: no feedback or card fields, and the status only Draft → Submitted. */
function assertCouncillorFields(changes: FieldValues): void {
  if (touches(changes, REPORT_FEEDBACK_FIELDS) || touches(changes, REPORT_CARD_FIELDS)) {
    throw spErrors.accessDenied();
  }
  const status = changes[STATUS];
  if (status !== undefined && status !== 'Draft' && status !== 'Submitted') {
    throw spErrors.accessDenied();
  }
}

export function assertMayCreate(list: StoredList, changes: FieldValues, caller: Caller, rules: SecurityRules = DEFAULT_SECURITY_RULES): void {
  if (list.definition.title === CHASE_REQUESTS.title && caller.kind === 'user') {
    // The improvement team's "Submit reports" level: add a request, never edit or delete one.
    if (!may(caller, 'chaseOverdue')) {
      throw spErrors.accessDenied();
    }
    // Only the bot says a reminder went out.
    if (rules.submittedLockRule && changes[CHASE_REQUESTS.fields.ChaseState] !== 'Requested') {
      throw spErrors.accessDenied();
    }
    return;
  }
  if (decidedAtListLevel(list, caller)) {
    return;
  }
  if (isUnavailableDates(list)) {
    if (!mayKeepOwnDates(caller)) {
      throw spErrors.accessDenied();
    }
    return;
  }
  if (isDrafts(list)) {
    if (!may(caller, 'createReport')) {
      throw spErrors.accessDenied();
    }
    return;
  }
  if (!may(caller, 'submitOwnReport')) {
    throw spErrors.accessDenied();
  }
  if (rules.submittedLockRule) {
    assertCouncillorFields(changes);
    if (changes[STATUS] !== 'Submitted') {
      throw spErrors.accessDenied();
    }
  }
}

/**
 * A Head of Service's answer, as the card makes it: to a submitted report only (never a draft,
 * never over a response already given), feedback text, in their own name, and the move to
 * Responded in the same write — nothing else.
 */
function isOwnAnswer(item: StoredItem, changes: FieldValues, caller: Caller): boolean {
  const names = Object.keys(changes);
  // At least one answer (overall or an area's); a first answer has no earlier versions to write.
  const answered = FEEDBACK_TEXT_FIELDS.some((field) => typeof changes[field.listField] === 'string' && (changes[field.listField] as string).trim() !== '');
  const by = changes[VISIT_REPORTS.fields.HosFeedbackBy];
  return (
    acceptsFeedback(item.fields[STATUS] as ReportStatus) &&
    names.every((k) => (REPORT_FEEDBACK_FIELDS.indexOf(k) !== -1 && k !== VISIT_REPORTS.fields.HosFeedbackHistory) || k === STATUS) &&
    changes[STATUS] === 'Responded' &&
    answered &&
    (by === undefined || by === caller.user.id)
  );
}

/** A draft, or a councillor's unavailable dates, is edited and deleted by its author only (WriteSecurity 2, Contribute). */
function isOwnDraft(list: StoredList, item: StoredItem, caller: Caller): boolean {
  return (
    (isDrafts(list) && item.authorId === caller.user.id && may(caller, 'editOwnDraft')) ||
    (isUnavailableDates(list) && item.authorId === caller.user.id && mayKeepOwnDates(caller))
  );
}

export function assertMayUpdate(list: StoredList, item: StoredItem, changes: FieldValues, caller: Caller, rules: SecurityRules = DEFAULT_SECURITY_RULES): void {
  if (decidedByItemPermissions(item, caller) || decidedAtListLevel(list, caller)) {
    return;
  }
  if (isOwnDraft(list, item, caller)) {
    return;
  }
  // Production gives Heads of Service read only: their answer reaches the list through the bot.
  if (rules.submittedLockRule && isReports(list) && may(caller, 'writeFeedback') && isOwnAnswer(item, changes, caller)) {
    return;
  }
  throw spErrors.accessDenied();
}

export function assertMayDelete(list: StoredList, item: StoredItem, caller: Caller): void {
  if (decidedByItemPermissions(item, caller) || decidedAtListLevel(list, caller)) {
    return;
  }
  if (isOwnDraft(list, item, caller)) {
    return;
  }
  throw spErrors.accessDenied();
}

/** Webhook subscriptions need list management rights: the app, the improvement team, clerks. */
export function assertMayManageSubscriptions(caller: Caller): void {
  if (!(caller.kind === 'app' || may(caller, 'editRota'))) {
    throw spErrors.accessDenied();
  }
}
