/**
 * The Microsoft Graph directory calls the bot makes to resolve Entra security groups held in
 * SharePoint groups: `GET /users/{id}`, `POST /users/{id}/checkMemberGroups` (transitive, at most
 * 20 group ids) and `GET /groups/{id}/transitiveMembers`, with Graph's shapes and errors. Only an
 * app whose application permissions cover the call may make it (`User.Read.All` for people,
 * `GroupMember.Read.All` for memberships, or the broader `Directory.Read.All`/`Group.Read.All`),
 * whatever its site grants; the web part has no Graph consent, so a person's call is refused as
 * Graph refuses it.
 */
import { GraphError } from './errors';
import { InnerResponse } from './restShapes';
import { Caller } from './security';
import { SandboxStore } from './store';

const MAX_CHECKED_GROUPS = 20;

function json(status: number, body: unknown): InnerResponse {
  return {
    status,
    headers: { 'Content-Type': 'application/json; odata.metadata=minimal; odata.streaming=true; IEEE754Compatible=false; charset=utf-8' },
    body: JSON.stringify(body),
  };
}

const insufficientPrivileges = (): GraphError => new GraphError(403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.');
const notFound = (id: string): GraphError =>
  new GraphError(404, 'Request_ResourceNotFound', `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`);

/** Whether `path` (after `/v1.0/`) is one of the directory calls served here. */
export function isDirectoryPath(path: string): boolean {
  return /^(users|groups)\//i.test(path);
}

const READ_USERS = ['User.Read.All', 'User.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'];
const READ_MEMBERSHIP = ['GroupMember.Read.All', 'Group.Read.All', 'Group.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'];

export function handleDirectory(store: SandboxStore, origin: string, method: string, path: string, body: string, caller: Caller): InnerResponse {
  if (caller.kind !== 'app') {
    throw insufficientPrivileges();
  }
  const segments = path.split('/').filter(Boolean);
  const [kind, id, action] = segments;
  const consented = caller.app.permissions.graph;
  const has = (any: string[]): boolean => any.some((p) => consented.indexOf(p) !== -1);
  const needsUsers = kind.toLowerCase() === 'users';
  const needsMembership = segments.length === 3;
  if ((needsUsers && !has(READ_USERS)) || (needsMembership && !has(READ_MEMBERSHIP))) {
    throw insufficientPrivileges();
  }
  if (kind.toLowerCase() === 'users' && segments.length === 2 && method === 'GET') {
    const person = store
      .users()
      .filter((u) => !u.isApp && u.principalType === 1 && (u.objectId.toLowerCase() === id.toLowerCase() || u.email === id.toLowerCase()))[0];
    if (!person) {
      throw notFound(id);
    }
    return json(200, {
      '@odata.context': `${origin}/v1.0/$metadata#users/$entity`,
      id: person.objectId,
      displayName: person.title,
      userPrincipalName: person.email,
      mail: person.email || null,
    });
  }
  if (kind.toLowerCase() === 'users' && segments.length === 3 && action.toLowerCase() === 'checkmembergroups') {
    if (method !== 'POST') {
      throw new GraphError(405, 'Request_BadRequest', `${method} is not allowed on checkMemberGroups.`);
    }
    const person = store
      .users()
      .filter((u) => !u.isApp && u.principalType === 1 && (u.objectId.toLowerCase() === id.toLowerCase() || u.email === id.toLowerCase()))[0];
    if (!person) {
      throw notFound(id);
    }
    let parsed: { groupIds?: unknown };
    try {
      parsed = body.trim() ? JSON.parse(body) : {};
    } catch {
      throw new GraphError(400, 'Request_BadRequest', 'Invalid JSON in the request body.');
    }
    const ids = Array.isArray(parsed.groupIds) ? parsed.groupIds.filter((g): g is string => typeof g === 'string') : undefined;
    if (!ids) {
      throw new GraphError(400, 'Request_BadRequest', "The request body must contain 'groupIds'.");
    }
    if (ids.length > MAX_CHECKED_GROUPS) {
      throw new GraphError(400, 'Request_BadRequest', `At most ${MAX_CHECKED_GROUPS} group ids may be checked in one request.`);
    }
    const memberOf = store.transitiveEntraGroupsOf(person.objectId);
    return json(200, { '@odata.context': `${origin}/v1.0/$metadata#Collection(Edm.String)`, value: ids.filter((g) => memberOf.has(g.toLowerCase())) });
  }
  if (kind.toLowerCase() === 'groups' && segments.length === 3 && action.toLowerCase() === 'transitivemembers') {
    if (method !== 'GET') {
      throw new GraphError(405, 'Request_BadRequest', `${method} is not allowed on transitiveMembers.`);
    }
    const group = store.entraGroup(id);
    if (!group) {
      throw notFound(id);
    }
    const members = Array.from(store.transitiveEntraMembers(group.objectId));
    const value = members.map((objectId) => {
      const nested = store.entraGroup(objectId);
      if (nested) {
        return { '@odata.type': '#microsoft.graph.group', id: nested.objectId, displayName: nested.displayName, securityEnabled: true, mailEnabled: false };
      }
      const person = store.users().filter((u) => u.principalType === 1 && !u.isApp && u.objectId.toLowerCase() === objectId)[0];
      return {
        '@odata.type': '#microsoft.graph.user',
        id: objectId,
        displayName: person ? person.title : null,
        mail: person ? person.email : null,
        userPrincipalName: person ? person.email : null,
      };
    });
    return json(200, { '@odata.context': `${origin}/v1.0/$metadata#directoryObjects`, value });
  }
  throw new GraphError(
    400,
    'Request_BadRequest',
    `The sandbox serves only users/{id}, users/{id}/checkMemberGroups and groups/{id}/transitiveMembers of the directory, not /${path}.`,
  );
}
