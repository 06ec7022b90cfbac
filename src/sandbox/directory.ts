/**
 * The sandbox's directory: who exists, their Entra object ids, their SharePoint groups, and the
 * Entra security groups a council puts inside SharePoint groups. docs/architecture.md §4 gives the groups,
 * §5 the fixed personas that tests and tools rely on; a JSON file named by `SANDBOX_DIRECTORY`
 * (or `directoryFile`) adds more people and Entra groups.
 */
import { readFileSync } from 'node:fs';
import { Role, ROLE_GROUPS, ROLE_LABELS, ROLES } from '../domain/roles';

export interface DirectoryEntry {
  email: string;
  displayName: string;
  /** Entra object id. */
  objectId: string;
  /** SharePoint group titles (docs/architecture.md §4). */
  groups: string[];
  /**
   * False for a person with no mailbox (a co-opted member, a guest): they sign in with `email` as
   * their user name, but SharePoint holds no email address for them.
   */
  mailbox?: false;
}

/**
 * An Entra security group: its members (people's emails, or object ids of people or nested
 * groups) and the SharePoint groups it has been added to, where SharePoint holds it as one
 * principal (PrincipalType 4), not as its people.
 */
export interface EntraGroupEntry {
  objectId: string;
  displayName: string;
  members: string[];
  groups: string[];
}

export interface Directory {
  people: DirectoryEntry[];
  entraGroups: EntraGroupEntry[];
}

const councillors = ROLE_GROUPS.Councillor;

/** The five fixed personas of docs/architecture.md §5 — never change their emails or object ids. */
export const FIXED_PERSONAS: ReadonlyArray<DirectoryEntry> = [
  { email: 'cllr.hale@northshire.example', displayName: 'Cllr Hale', objectId: '0b6f3c1e-0000-4000-8000-000000000001', groups: [councillors] },
  { email: 'cllr.osei@northshire.example', displayName: 'Cllr Osei', objectId: '0b6f3c1e-0000-4000-8000-000000000002', groups: [councillors] },
  {
    email: 'improvement@northshire.example',
    displayName: "Children's Improvement Team",
    objectId: '0b6f3c1e-0000-4000-8000-000000000010',
    groups: [ROLE_GROUPS.ImprovementTeam],
  },
  {
    email: 'hos.cincp@northshire.example',
    displayName: 'Head of Service (CIN/CP)',
    objectId: '0b6f3c1e-0000-4000-8000-000000000020',
    groups: [ROLE_GROUPS.HeadOfService],
  },
  { email: 'clerk@northshire.example', displayName: 'Committee Clerk', objectId: '0b6f3c1e-0000-4000-8000-000000000030', groups: [ROLE_GROUPS.Clerk] },
];

/** Further fictional people of the Northshire demo: more councillors and the service managers. */
export const DEMO_PEOPLE: ReadonlyArray<DirectoryEntry> = [
  { email: 'cllr.marlow@northshire.example', displayName: 'Cllr Marlow', objectId: '0b6f3c1e-0000-4000-8000-000000000003', groups: [councillors] },
  { email: 'cllr.penrose@northshire.example', displayName: 'Cllr Penrose', objectId: '0b6f3c1e-0000-4000-8000-000000000004', groups: [councillors] },
  { email: 'cllr.ashby@northshire.example', displayName: 'Cllr Ashby', objectId: '0b6f3c1e-0000-4000-8000-000000000005', groups: [councillors] },
  { email: 'cllr.trent@northshire.example', displayName: 'Cllr Trent', objectId: '0b6f3c1e-0000-4000-8000-000000000006', groups: [councillors] },
  // A co-opted member with no council mailbox: SharePoint fails a query that projects the email
  // of a multi-person column holding them, so no query of the product may.
  {
    email: 'cllr.fenwick@northshire.example',
    displayName: 'Cllr Fenwick',
    objectId: '0b6f3c1e-0000-4000-8000-000000000007',
    groups: [councillors],
    mailbox: false,
  },
  { email: 'sm.consultation@northshire.example', displayName: 'Service Manager, Consultation', objectId: '0b6f3c1e-0000-4000-8000-000000000041', groups: [] },
  { email: 'sm.cin@northshire.example', displayName: 'Service Manager, Child in Need', objectId: '0b6f3c1e-0000-4000-8000-000000000042', groups: [] },
  { email: 'sm.cp@northshire.example', displayName: 'Service Manager, Child Protection', objectId: '0b6f3c1e-0000-4000-8000-000000000043', groups: [] },
];

const withoutMailbox = new Set<string>(DEMO_PEOPLE.filter((p) => p.mailbox === false).map((p) => p.email));

/** Notes the people of a directory (file) who have no mailbox. */
export function noteMailboxes(entries: ReadonlyArray<DirectoryEntry>): void {
  entries.filter((e) => e.mailbox === false).forEach((e) => withoutMailbox.add(e.email.toLowerCase()));
}

/** The email address SharePoint and Graph hold for a person: empty for one with no mailbox. */
export function mailboxOf(user: { email: string }): string {
  return withoutMailbox.has(user.email.toLowerCase()) ? '' : user.email;
}

export const SITE_GROUP_DESCRIPTIONS: { readonly [role in Role]: string } = {
  Councillor: 'Elected members who visit the intake teams and write the visit reports.',
  ImprovementTeam: "The Children's Improvement Team: receives reports, chases responses, keeps the rota.",
  HeadOfService: 'Heads of Service who answer the issues raised in visit reports.',
  Clerk: 'Committee clerks and scrutiny officers who build the committee pack and keep the rota.',
};

/** The groups docs/architecture.md §4 defines, in role order. */
export function siteGroupTitles(): string[] {
  return ROLES.map((role) => ROLE_GROUPS[role]);
}

export function roleLabelsForGroups(groups: ReadonlyArray<string>): string[] {
  return ROLES.filter((role) => groups.indexOf(ROLE_GROUPS[role]) !== -1).map((role) => ROLE_LABELS[role]);
}

/**
 * Reads a directory file: a JSON array of people `{ email, displayName, objectId, groups }`, or
 * `{ people: [...], entraGroups: [{ objectId, displayName, members, groups }] }`. A bad file
 * stops the start with a message naming the entry, rather than starting with half a directory.
 */
export function loadDirectoryFile(path: string): Directory {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`SANDBOX_DIRECTORY ${path} is not readable JSON: ${(error as Error).message}`);
  }
  const shaped = parsed as { people?: unknown; entraGroups?: unknown } | null;
  const people = Array.isArray(parsed) ? parsed : shaped && typeof shaped === 'object' ? shaped.people : undefined;
  const groups = shaped && !Array.isArray(parsed) && typeof shaped === 'object' ? shaped.entraGroups : undefined;
  if (!Array.isArray(people) || (groups !== undefined && !Array.isArray(groups))) {
    throw new Error(`SANDBOX_DIRECTORY ${path} must hold a JSON array of { email, displayName, objectId, groups }, or { people: [...], entraGroups: [...] }`);
  }
  return { people: parsePeople(path, people), entraGroups: parseEntraGroups(path, (groups as unknown[]) || []) };
}

function parseEntraGroups(path: string, raws: unknown[]): EntraGroupEntry[] {
  const known = siteGroupTitles();
  return raws.map((raw, index) => {
    const entry = raw as Partial<EntraGroupEntry>;
    if (!entry || typeof entry.objectId !== 'string' || !entry.objectId || typeof entry.displayName !== 'string' || !entry.displayName) {
      throw new Error(`SANDBOX_DIRECTORY ${path}: Entra group ${index} needs an "objectId" and a "displayName"`);
    }
    const members = Array.isArray(entry.members) ? entry.members.filter((m): m is string => typeof m === 'string') : [];
    const groups = Array.isArray(entry.groups) ? entry.groups.filter((g): g is string => typeof g === 'string') : [];
    const unknown = groups.filter((g) => known.indexOf(g) === -1);
    if (unknown.length) {
      throw new Error(`SANDBOX_DIRECTORY ${path}: Entra group ${entry.displayName} names unknown group(s) ${unknown.join(', ')}; known: ${known.join(', ')}`);
    }
    return { objectId: entry.objectId.toLowerCase(), displayName: entry.displayName, members: members.map((m) => m.toLowerCase()), groups };
  });
}

function parsePeople(path: string, parsed: unknown[]): DirectoryEntry[] {
  const known = siteGroupTitles();
  return parsed.map((raw, index) => {
    const entry = raw as Partial<DirectoryEntry>;
    if (!entry || typeof entry.email !== 'string' || !/^[^@\s]+@[^@\s]+$/.test(entry.email)) {
      throw new Error(`SANDBOX_DIRECTORY ${path}: entry ${index} needs an "email"`);
    }
    if (typeof entry.objectId !== 'string' || !entry.objectId) {
      throw new Error(`SANDBOX_DIRECTORY ${path}: entry ${index} (${entry.email}) needs an "objectId"`);
    }
    const groups = Array.isArray(entry.groups) ? entry.groups.filter((g): g is string => typeof g === 'string') : [];
    const unknown = groups.filter((g) => known.indexOf(g) === -1);
    if (unknown.length) {
      throw new Error(`SANDBOX_DIRECTORY ${path}: ${entry.email} names unknown group(s) ${unknown.join(', ')}; known: ${known.join(', ')}`);
    }
    return {
      email: entry.email.toLowerCase(),
      displayName: typeof entry.displayName === 'string' && entry.displayName ? entry.displayName : entry.email,
      objectId: entry.objectId.toLowerCase(),
      groups,
      ...(entry.mailbox === false ? { mailbox: false as const } : {}),
    };
  });
}
