/**
 * The authorization matrix: every role × every operation × every list of the contract, through
 * SharePoint REST as PnPjs sends it, PnPjs's `$batch`, and Graph as a person or the app — under the
 * sandbox's list rules or, in the "production list rules" project, production's list settings
 * only. What each cell should answer is derived from the design's roles (docs/architecture.md §4
 * and the permission levels of decision 0160), written below as a grant table, not from what the
 * sandbox answers. A cell holds when the answer matches and, for a write, the list shows the
 * write happened (allowed) or did not (refused). Prints one line: cells tested / holding.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DefaultHeaders, DefaultInit, SPFI, spfi } from '@pnp/sp';
import { BrowserFetchWithRetry, DefaultParse, InjectHeaders } from '@pnp/queryable';
import '@pnp/sp/webs';
import '@pnp/sp/lists';
import '@pnp/sp/items';
import '@pnp/sp/batching';
import '@pnp/sp/security/item';
import '@pnp/sp/site-users/web';
import { FRONTLINE_TEAMS, NOTIFICATIONS_SENT, VISIT_REPORT_DRAFTS, VISIT_REPORTS, VISIT_ROTA } from '../../../src/data/listContract';
import { ROLE_GROUPS } from '../../../src/domain/roles';
import { FieldValues, StoredList } from '../../../src/sandbox/store';
import { RunningBot } from '../../../src/bot/server';
import { PERSONAS, sandboxAppToken, spForApp, spForUser, withSandbox } from '../../helpers/sandbox';
import { cardActionInvoke, MemoryLogger, postActivity, reportItem, startTestBot, submitReport } from '../bot/botHarness';
import { FakeConnector } from '../bot/fakeConnector';

// ---- the design's grants ------------------------------------------------------------------------

type ListKey = 'drafts' | 'reports' | 'teams' | 'rota' | 'notifications';
type Group = 'Councillor' | 'ImprovementTeam' | 'HeadOfService' | 'Clerk';
/**
 * Permission levels: `read`; `contribute` (add, edit, delete); `contributeOwn` (the same, editing
 * and deleting only the items one created: WriteSecurity 2); `addAndRead` ("Submit reports": add
 * and read, never edit or delete); `none`.
 */
type Level = 'none' | 'read' | 'addAndRead' | 'contribute' | 'contributeOwn';

/** docs/architecture.md §4 and decision 0160: what each role group holds on each list. */
const GRANTS: { readonly [list in ListKey]: { readonly [group in Group]: Level } } = {
  drafts: { Councillor: 'contributeOwn', ImprovementTeam: 'read', HeadOfService: 'read', Clerk: 'read' },
  reports: { Councillor: 'addAndRead', ImprovementTeam: 'read', HeadOfService: 'read', Clerk: 'read' },
  teams: { Councillor: 'read', ImprovementTeam: 'contribute', HeadOfService: 'read', Clerk: 'read' },
  rota: { Councillor: 'read', ImprovementTeam: 'contribute', HeadOfService: 'read', Clerk: 'contribute' },
  notifications: { Councillor: 'none', ImprovementTeam: 'read', HeadOfService: 'read', Clerk: 'read' },
};

const LISTS: { readonly [list in ListKey]: { title: string; urlName: string } } = {
  drafts: VISIT_REPORT_DRAFTS,
  reports: VISIT_REPORTS,
  teams: FRONTLINE_TEAMS,
  rota: VISIT_ROTA,
  notifications: NOTIFICATIONS_SENT,
};
/** Lists with a column that enforces unique values: SharePoint gives none of their items unique permissions. */
const UNIQUE_COLUMN_LISTS: ReadonlyArray<ListKey> = ['drafts', 'reports', 'notifications'];

/** Who calls. The items under test are the author's, for a visit the author made with a fellow councillor. */
type Role =
  | 'author'
  | 'sameVisitCouncillor'
  | 'otherCouncillor'
  | 'improvementTeam'
  | 'clerk'
  | 'headOfService'
  | 'headOfServiceOfAnotherTeam'
  | 'signedInWithNoRole'
  | 'unknownUser'
  | 'anonymous'
  | 'botApp';

const HOS_NORTH = { email: 'hos.north@northshire.example', displayName: 'Head of Service (North)', objectId: '0b6f3c1e-0000-4000-8000-000000000024' };

const PEOPLE: { readonly [role in Role]: { email?: string; group?: Group; app?: true } } = {
  author: { email: PERSONAS.hale, group: 'Councillor' },
  sameVisitCouncillor: { email: 'cllr.marlow@northshire.example', group: 'Councillor' },
  otherCouncillor: { email: PERSONAS.osei, group: 'Councillor' },
  improvementTeam: { email: PERSONAS.improvement, group: 'ImprovementTeam' },
  clerk: { email: PERSONAS.clerk, group: 'Clerk' },
  headOfService: { email: PERSONAS.headOfService, group: 'HeadOfService' },
  headOfServiceOfAnotherTeam: { email: HOS_NORTH.email, group: 'HeadOfService' },
  // A team's service manager: in the directory, in none of the site's groups.
  signedInWithNoRole: { email: 'sm.cp@northshire.example' },
  unknownUser: { email: 'stranger@elsewhere.example' },
  anonymous: {},
  botApp: { app: true },
};
const ROLES = Object.keys(PEOPLE) as Role[];

type Operation = 'readList' | 'readItem' | 'create' | 'update' | 'delete' | 'recycle' | 'breakInheritance' | 'readRoleAssignments' | 'changeListSettings';
type Route = 'rest' | '$batch' | 'graph';

/** The operations each route carries (Graph and `$batch` have no permission or list-settings calls). */
const ROUTE_OPERATIONS: { readonly [route in Route]: ReadonlyArray<Operation> } = {
  rest: ['readList', 'readItem', 'create', 'update', 'delete', 'recycle', 'breakInheritance', 'readRoleAssignments', 'changeListSettings'],
  $batch: ['readItem', 'create', 'update', 'delete'],
  graph: ['readList', 'readItem', 'create', 'update', 'delete'],
};

/**
 * What a cell should answer: `allowed` (and done), `refused` (401, 403 or, for an item the caller
 * may not see, 404; nothing changed), `sees none` (a list read that returns nothing or is refused),
 * `refused by the list` (SharePoint's own rule refuses it to everyone, even full control).
 */
type Outcome = 'allowed' | 'refused' | 'seesNone' | 'refusedByTheList';

export function expectedOutcome(list: ListKey, role: Role, operation: Operation): Outcome {
  const person = PEOPLE[role];
  if (person.app) {
    // Sites.Selected with full control of the data site.
    return operation === 'breakInheritance' && UNIQUE_COLUMN_LISTS.indexOf(list) !== -1 ? 'refusedByTheList' : 'allowed';
  }
  const level: Level = person.group ? GRANTS[list][person.group] : 'none';
  switch (operation) {
    case 'readList':
      return level === 'none' ? 'seesNone' : 'allowed';
    case 'readItem':
      return level === 'none' ? 'refused' : 'allowed';
    case 'create':
      return level === 'contribute' || level === 'contributeOwn' || level === 'addAndRead' ? 'allowed' : 'refused';
    case 'update':
    case 'delete':
    case 'recycle':
      return level === 'contribute' || (level === 'contributeOwn' && role === 'author') ? 'allowed' : 'refused';
    default:
      // Manage Permissions and Manage Lists: site owners and the app only; no role group has them.
      return 'refused';
  }
}

// ---- calling -----------------------------------------------------------------------------------

interface Attempt {
  ok: boolean;
  status?: number;
  /** For a list read: how many items came back. */
  count?: number;
  message?: string;
}

function statusOf(error: unknown): number | undefined {
  const e = error as { status?: number; statusCode?: number; message?: string };
  if (typeof e.status === 'number') {
    return e.status;
  }
  // The persona digest: "The site did not issue a request digest (HTTP 401)."
  const digest = /\(HTTP (\d{3})\)/.exec(e.message || '');
  return digest ? Number(digest[1]) : e.statusCode;
}

async function attempt(run: () => Promise<unknown>): Promise<Attempt> {
  try {
    const value = await run();
    return { ok: true, count: Array.isArray(value) ? value.length : undefined };
  } catch (error) {
    return { ok: false, status: statusOf(error), message: (error as Error).message };
  }
}

const REFUSALS = [401, 403];

describe('authorization matrix: every role × operation × list, through REST, $batch and Graph', () => {
  const directoryFile = join(mkdtempSync(join(tmpdir(), 'frontline-matrix-')), 'directory.json');
  writeFileSync(directoryFile, JSON.stringify([{ ...HOS_NORTH, groups: [ROLE_GROUPS.HeadOfService] }]));
  const fixture = withSandbox({ seed: 'demo', today: '2026-06-15', directoryFile, workbench: false });

  const spOf = new Map<Role, SPFI>();
  const ids: { [email: string]: number } = {};
  let sequence = 0;
  let teamId = 0;
  const shared: { [list in ListKey]?: number } = {};

  function sp(role: Role): SPFI {
    let instance = spOf.get(role);
    if (!instance) {
      const person = PEOPLE[role];
      instance = person.app
        ? spForApp(fixture.sandbox.siteUrl, { retries: 1 })
        : person.email
          ? spForUser(fixture.sandbox.siteUrl, person.email, { retries: 1 })
          : // No identity at all: PnPjs as an anonymous browser would send it.
            spfi(fixture.sandbox.siteUrl).using(DefaultHeaders(), DefaultInit(), BrowserFetchWithRetry({ retries: 1 }), DefaultParse(), InjectHeaders({}));
      spOf.set(role, instance);
    }
    return instance;
  }

  const app = (list: ListKey) => sp('botApp').web.lists.getByTitle(LISTS[list].title);

  function identity(role: Role): { [name: string]: string } {
    const person = PEOPLE[role];
    return person.app ? { Authorization: `Bearer ${sandboxAppToken()}` } : person.email ? { 'X-Sandbox-User': person.email } : {};
  }

  /** A new item's fields, marked so the list can be searched for it afterwards. */
  function newFields(list: ListKey, marker: string, graph = false): { [name: string]: unknown } {
    const lookup = (name: string, id: number): { [n: string]: unknown } => (graph ? { [`${name}LookupId`]: String(id) } : { [`${name}Id`]: id });
    switch (list) {
      case 'drafts':
        return { Title: marker };
      case 'reports':
        return { Title: marker, ReportStatus: 'Submitted', SubmittedOn: '2026-06-15T09:00:00Z' };
      case 'teams':
        return { Title: marker };
      case 'rota':
        return { Title: marker, VisitDate: '2026-07-01T11:00:00Z', ...lookup('Team', teamId), RotaStatus: 'Scheduled' };
      case 'notifications':
        return { Title: marker, NotificationKey: marker, NotificationKind: 'reportAnswered', RecipientObjectId: 'matrix', SendState: 'Sent' };
    }
  }

  /**
   * The item a cell acts on: the author's own (drafts and reports), else one the app added. Set up
   * and inspected through the store (no HTTP, no permissions), so the cells measure only the call.
   */
  function freshItem(list: ListKey): number {
    const marker = `Matrix target ${++sequence}`;
    const fields: { [name: string]: unknown } = { ...newFields(list, marker) };
    if (list === 'rota') {
      delete fields.TeamId;
      fields[VISIT_ROTA.fields.Team] = teamId;
    }
    if (list === 'drafts' || list === 'reports') {
      fields[VISIT_REPORTS.fields.Members] = [ids[PERSONAS.hale], ids['cllr.marlow@northshire.example']];
    }
    const author = list === 'drafts' || list === 'reports' ? PERSONAS.hale : undefined;
    return fixture.sandbox.bulkAddItems(LISTS[list].title, [fields as FieldValues], author)[0].id;
  }

  function storedList(list: ListKey): StoredList {
    return fixture.sandbox.store.listByTitle(LISTS[list].title) as StoredList;
  }

  function titleOf(list: ListKey, id: number): string | undefined {
    const item = storedList(list).items.get(id);
    return item ? (item.fields.Title as string) : undefined;
  }

  function countTitled(list: ListKey, title: string): number {
    return Array.from(storedList(list).items.values()).filter((i) => i.fields.Title === title).length;
  }

  async function graphCall(role: Role, method: string, path: string, body?: unknown): Promise<Attempt> {
    const response = await fetch(`${fixture.sandbox.url}/v1.0/sites/localhost:/sites/frontline-visits:/lists/${path}`, {
      method,
      headers: { ...identity(role), 'Content-Type': 'application/json', 'If-Match': '*' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) {
      return { ok: false, status: response.status, message: text.slice(0, 200) };
    }
    const parsed = text ? (JSON.parse(text) as { value?: unknown[] }) : {};
    return { ok: true, status: response.status, count: Array.isArray(parsed.value) ? parsed.value.length : undefined };
  }

  /** Runs one cell; returns what was seen, in words, and whether it holds. */
  async function runCell(list: ListKey, role: Role, operation: Operation, route: Route): Promise<{ holds: boolean; seen: string }> {
    const expected = expectedOutcome(list, role, operation);
    const title = LISTS[list].title;
    const lst = () => sp(role).web.lists.getByTitle(title);
    const marker = `Matrix ${route} ${role} ${operation} ${++sequence}`;
    const mutates = ['update', 'delete', 'recycle', 'breakInheritance'].indexOf(operation) !== -1;
    const target = mutates ? freshItem(list) : (shared[list] as number);
    const before = titleOf(list, target);
    let result: Attempt;

    if (route === 'graph') {
      const base = `${LISTS[list].urlName}/items`;
      result =
        operation === 'readList'
          ? await graphCall(role, 'GET', `${base}?expand=fields`)
          : operation === 'readItem'
            ? await graphCall(role, 'GET', `${base}/${target}?expand=fields`)
            : operation === 'create'
              ? await graphCall(role, 'POST', base, { fields: newFields(list, marker, true) })
              : operation === 'update'
                ? await graphCall(role, 'PATCH', `${base}/${target}/fields`, { Title: marker })
                : await graphCall(role, 'DELETE', `${base}/${target}`);
    } else if (route === '$batch') {
      const [batched, execute] = sp(role).batched();
      const blst = batched.web.lists.getByTitle(title);
      const part: Promise<unknown> =
        operation === 'readItem'
          ? blst.items.getById(target)()
          : operation === 'create'
            ? blst.items.add(newFields(list, marker))
            : operation === 'update'
              ? blst.items.getById(target).update({ Title: marker })
              : blst.items.getById(target).delete();
      const settled = part.then(
        () => ({ ok: true }) as Attempt,
        (error) => ({ ok: false, status: statusOf(error), message: (error as Error).message }) as Attempt,
      );
      const whole = await attempt(() => execute());
      // The whole batch refused (no identity): PnPjs never settles its parts, and the part counts as refused.
      result = whole.ok ? await settled : { ok: false, status: whole.status, message: whole.message };
    } else {
      const item = () => lst().items.getById(target);
      switch (operation) {
        case 'readList':
          result = await attempt(() => lst().items.select('Id', 'Title')());
          break;
        case 'readItem':
          result = await attempt(() => item()());
          break;
        case 'create':
          result = await attempt(() => lst().items.add(newFields(list, marker)));
          break;
        case 'update':
          result = await attempt(() => item().update({ Title: marker }));
          break;
        case 'delete':
          result = await attempt(() => item().delete());
          break;
        case 'recycle':
          result = await attempt(() => item().recycle());
          break;
        case 'breakInheritance':
          result = await attempt(() => item().breakRoleInheritance(false, true));
          break;
        case 'readRoleAssignments':
          result = await attempt(() => item().roleAssignments());
          break;
        case 'changeListSettings':
          // The value it already has: a cell must not change the lists the others run against.
          result = await attempt(() => lst().update({ EnableVersioning: true }));
          break;
      }
    }

    // What the list shows afterwards.
    const after = titleOf(list, target);
    const created = operation === 'create' ? countTitled(list, marker) : 0;
    const effect =
      operation === 'create'
        ? created === 1
        : operation === 'update'
          ? after === marker
          : operation === 'delete' || operation === 'recycle'
            ? after === undefined
            : undefined;
    if (operation === 'breakInheritance' && result.ok) {
      await app(list).items.getById(target).resetRoleInheritance();
    }
    const unchanged = operation === 'create' ? created === 0 : after === before;

    const seen = `${result.ok ? 'ok' : `refused ${result.status ?? '?'}`}${result.count !== undefined ? ` (${result.count} items)` : ''}${
      effect === undefined ? '' : effect ? ', done' : ', not done'
    }${result.ok ? '' : ` ${(result.message || '').slice(0, 120)}`}`;
    let holds: boolean;
    switch (expected) {
      case 'allowed':
        holds = result.ok && effect !== false && (operation !== 'readList' || (result.count || 0) > 0);
        break;
      case 'seesNone':
        holds = (result.ok && result.count === 0) || (!result.ok && REFUSALS.concat([404]).indexOf(result.status || 0) !== -1);
        break;
      case 'refused':
        holds = !result.ok && REFUSALS.concat(operation === 'readList' ? [] : [404]).indexOf(result.status || 0) !== -1 && unchanged;
        break;
      case 'refusedByTheList':
        holds = !result.ok && result.status === 400 && unchanged;
        break;
    }
    return { holds, seen };
  }

  beforeAll(async () => {
    for (const email of [PERSONAS.hale, 'cllr.marlow@northshire.example', PERSONAS.headOfService, HOS_NORTH.email]) {
      ids[email] = (await sp('botApp').web.siteUsers.getByEmail(email)()).Id;
    }
    const teams = await app('teams').items.select('Id', 'Title').orderBy('Id')();
    teamId = teams[0].Id;
    // The other Head of Service answers for another team; the items under test belong to the first.
    await app('teams')
      .items.getById(teams[1].Id)
      .update({ [`${FRONTLINE_TEAMS.fields.HeadOfService}Id`]: ids[HOS_NORTH.email] });
    const visit = await app('rota').items.add({
      ...newFields('rota', 'Matrix shared visit'),
      [`${VISIT_ROTA.fields.Members}Id`]: [ids[PERSONAS.hale], ids['cllr.marlow@northshire.example']],
    });
    for (const list of ['drafts', 'reports'] as const) {
      const added = await sp('author')
        .web.lists.getByTitle(LISTS[list].title)
        .items.add({
          ...newFields(list, `Matrix shared ${list}`),
          [`${VISIT_REPORTS.fields.RotaEntry}Id`]: visit.Id,
          [`${VISIT_REPORTS.fields.Team}Id`]: teamId,
          [`${VISIT_REPORTS.fields.Members}Id`]: [ids[PERSONAS.hale], ids['cllr.marlow@northshire.example']],
        });
      shared[list] = added.Id;
    }
    shared.teams = teamId;
    shared.rota = visit.Id;
    shared.notifications = (await app('notifications').items.add(newFields('notifications', 'Matrix shared notification'))).Id;
  });

  it('agrees with the grants provisioning gives each role group (sharepoint/lists/list-settings.json)', () => {
    const settings = JSON.parse(readFileSync(join(__dirname, '../../../sharepoint/lists/list-settings.json'), 'utf8')) as {
      lists: { [urlName: string]: { WriteSecurity: number } };
      groups: Array<{ role: Group; permissions: { [urlName: string]: string } }>;
    };
    const levelOf = (granted: string, writeSecurity: number): Level =>
      granted === 'None'
        ? 'none'
        : granted === 'Contribute'
          ? writeSecurity === 2
            ? 'contributeOwn'
            : 'contribute'
          : granted === 'Frontline Visits - Submit reports'
            ? 'addAndRead'
            : 'read';
    for (const group of settings.groups) {
      for (const list of Object.keys(LISTS) as ListKey[]) {
        const urlName = LISTS[list].urlName;
        expect({ group: group.role, list, level: levelOf(group.permissions[urlName], settings.lists[urlName].WriteSecurity) }).toEqual({
          group: group.role,
          list,
          level: GRANTS[list][group.role],
        });
      }
    }
  });

  const counts = { tested: 0, holding: 0 };

  /**
   * The bot's card actions, by everyone who can see the card in the channel (and some who cannot
   * be identified): only the Head of Service the report's team names, who is in the Heads of
   * Service group, may answer or amend; an action from another report's card is refused.
   */
  describe("the bot's card actions", () => {
    const OBJECT_ID: { [role: string]: string | undefined } = {
      author: '0b6f3c1e-0000-4000-8000-000000000001',
      sameVisitCouncillor: '0b6f3c1e-0000-4000-8000-000000000003',
      otherCouncillor: '0b6f3c1e-0000-4000-8000-000000000002',
      improvementTeam: '0b6f3c1e-0000-4000-8000-000000000010',
      clerk: '0b6f3c1e-0000-4000-8000-000000000030',
      headOfService: '0b6f3c1e-0000-4000-8000-000000000020',
      headOfServiceOfAnotherTeam: HOS_NORTH.objectId,
      signedInWithNoRole: '0b6f3c1e-0000-4000-8000-000000000043',
      unknownUser: 'ffffffff-0000-4000-8000-00000000ffff',
      // Teams names everyone it sends; a forged activity may leave the Entra id out.
      anonymous: undefined,
    };
    const ACTORS = Object.keys(OBJECT_ID);
    const running = {} as { connector: FakeConnector; bot: RunningBot };

    beforeAll(async () => {
      running.connector = await new FakeConnector().start();
      running.bot = await startTestBot(fixture.sandbox, running.connector, new MemoryLogger());
    });
    afterAll(async () => {
      await running.bot.close();
      await running.connector.close();
    });

    async function reportWithCard(): Promise<{ id: number; activityId: string }> {
      const id = await submitReport(fixture.sandbox);
      await running.bot.sweep();
      return { id, activityId: running.connector.cardsFor(id)[0].activityId };
    }

    function press(actor: string, verb: string, data: { [k: string]: unknown }, replyToId: string): Promise<unknown> {
      const activity = cardActionInvoke({ connectorUrl: running.connector.url, actorObjectId: OBJECT_ID[actor] || '', verb, data, replyToId });
      if (OBJECT_ID[actor] === undefined) {
        activity.from = { id: '29:someone', name: 'Someone' };
      }
      return postActivity(running.bot, activity);
    }

    const answerOf = async (id: number): Promise<unknown> => (await reportItem(fixture.sandbox, id)).fields[VISIT_REPORTS.fields.HosFeedbackStaffing];

    it("lets only the named Head of Service answer and amend, and refuses an action from another report's card", async () => {
      const failures: string[] = [];
      const cell = (name: string, expected: boolean, saw: boolean): void => {
        counts.tested++;
        if (expected === saw) {
          counts.holding++;
        } else {
          failures.push(`card · ${name}: expected ${expected ? 'allowed' : 'refused'}, saw ${saw ? 'allowed' : 'refused'}`);
        }
      };
      for (const actor of ACTORS) {
        const mayAnswer = actor === 'headOfService';
        // Answer a report no one has answered.
        const first = await reportWithCard();
        await press(actor, 'submitFeedback', { reportId: first.id, feedbackStaffing: `Answer by ${actor}` }, first.activityId);
        cell(`${actor} answers`, mayAnswer, (await answerOf(first.id)) === `Answer by ${actor}`);
        // Amend the Head of Service's answer.
        const answered = await reportWithCard();
        await press('headOfService', 'submitFeedback', { reportId: answered.id, feedbackStaffing: 'First answer' }, answered.activityId);
        const firstOn = String((await reportItem(fixture.sandbox, answered.id)).fields[VISIT_REPORTS.fields.HosFeedbackOn]);
        if (mayAnswer) {
          // An amendment is told from the answer it replaces by its time, to the second.
          await new Promise((resolve) => setTimeout(resolve, 1100));
        }
        await press(actor, 'submitFeedback', { reportId: answered.id, amendsOn: firstOn, feedbackStaffing: `Amended by ${actor}` }, answered.activityId);
        cell(`${actor} amends`, mayAnswer, (await answerOf(answered.id)) === `Amended by ${actor}`);
      }
      // The Head of Service, pressing Send on one report's card with another report's id.
      const one = await reportWithCard();
      const other = await reportWithCard();
      const updates = running.connector.updates.length;
      await press('headOfService', 'submitFeedback', { reportId: other.id, feedbackStaffing: 'Forged card' }, one.activityId);
      cell("headOfService answers from another report's card (forged replyToId)", false, (await answerOf(other.id)) === 'Forged card');
      cell('a forged replyToId replaces no card', false, running.connector.updates.length !== updates);
      expect(failures).toEqual([]);
    }, 180000);
  });

  afterAll(() => {
    // The suite's figures, for the closing note: one line.
    console.log(
      `Authorization matrix (${fixture.sandbox ? fixture.sandbox.listRules : '?'} list rules): ${counts.tested} cells tested, ${counts.holding} holding, ${counts.tested - counts.holding} failing`,
    );
  });

  it.each(Object.keys(LISTS) as ListKey[])(
    'holds in every cell of %s',
    async (list) => {
      const failures: string[] = [];
      for (const role of ROLES) {
        for (const route of Object.keys(ROUTE_OPERATIONS) as Route[]) {
          for (const operation of ROUTE_OPERATIONS[route]) {
            const { holds, seen } = await runCell(list, role, operation, route);
            counts.tested++;
            if (holds) {
              counts.holding++;
            } else {
              failures.push(`${LISTS[list].title} · ${role} · ${route} ${operation}: expected ${expectedOutcome(list, role, operation)}, saw ${seen}`);
            }
          }
        }
      }
      expect(failures).toEqual([]);
    },
    180000,
  );
});
