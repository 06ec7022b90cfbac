/**
 * Microsoft Graph's `POST /v1.0/users/{id | userPrincipalName}/teamwork/sendActivityNotification`,
 * checked as Graph checks it, and a notification log the workbench shows (each persona's feed).
 *
 * What Graph requires (learn.microsoft.com/graph/teams-send-activityfeednotifications and
 * /graph/api/userteamwork-sendactivitynotification): an app (or delegated) caller with
 * TeamsActivity.Send; the recipient exists and has the Teams app installed; `activityType` is
 * declared in the app manifest's `activities.activityTypes` (or is the reserved `systemDefault`);
 * `topic` has `source` `entityUrl` (value: a Graph URL) or `text` (value plus `webUrl`, a Teams
 * deep link); every `{parameter}` of the type's `templateText` except `{actor}` is given in
 * `templateParameters`; `previewText.content` is shown to 150 characters. Success is 204.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GraphError } from './errors';
import { Caller } from './security';
import { SandboxStore, SiteUser } from './store';

interface ActivityType {
  type: string;
  description: string;
  templateText: string;
}

interface AppManifest {
  id: string;
  name: { short: string };
  activities?: { activityTypes?: ActivityType[] };
}

/** The Teams app whose manifest the sandbox honours: the product's own. */
export function loadTeamsManifest(): AppManifest {
  return JSON.parse(readFileSync(join(__dirname, '..', '..', 'teams-manifest', 'manifest.json'), 'utf8')) as AppManifest;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TEAMS_DEEP_LINK = /^https:\/\/teams\.microsoft\.com\/l\//i;

const bad = (message: string): GraphError => new GraphError(400, 'BadRequest', message);

/** `{name}` placeholders of a template text. */
export function templateParameterNames(templateText: string): string[] {
  const names: string[] = [];
  const re = /\{([A-Za-z0-9_]+)\}/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(templateText))) {
    names.push(m[1]);
  }
  return names;
}

/** The line Teams shows: the template with `{actor}` as the app's name and the parameters filled. */
export function renderTemplate(templateText: string, actor: string, parameters: ReadonlyArray<{ name: string; value: string }>): string {
  return templateText.replace(/\{([A-Za-z0-9_]+)\}/g, (whole, name: string) => {
    if (name === 'actor') {
      return actor;
    }
    const hit = parameters.filter((p) => p.name === name)[0];
    return hit ? hit.value : whole;
  });
}

export interface ActivityFeedContext {
  store: SandboxStore;
  manifest?: AppManifest;
}

function recipient(store: SandboxStore, idOrUpn: string): SiteUser | undefined {
  const wanted = idOrUpn.toLowerCase();
  return store.users().filter((u) => !u.isApp && (GUID.test(idOrUpn) ? u.objectId.toLowerCase() === wanted : u.email.toLowerCase() === wanted))[0];
}

/** Handles the request; returns 204 or throws a GraphError shaped as Graph's. */
export function sendActivityNotification(ctx: ActivityFeedContext, userRef: string, body: unknown, caller: Caller): { status: 204 } {
  if (caller.kind !== 'app') {
    // The sandbox's people have no TeamsActivity.Send consent; only the bot's app sends.
    throw new GraphError(403, 'Forbidden', 'Insufficient privileges to complete the operation: TeamsActivity.Send is required.');
  }
  const user = recipient(ctx.store, userRef);
  if (!user) {
    throw new GraphError(
      404,
      'Request_ResourceNotFound',
      `Resource '${userRef}' does not exist or one of its queried reference-property objects are not present.`,
    );
  }
  const manifest = ctx.manifest || loadTeamsManifest();
  // The app is installed for everyone in one of the site's groups (the product's users).
  if (ctx.store.groupsOf(user.id).length === 0) {
    throw new GraphError(403, 'Forbidden', `The Teams app ${manifest.id} is not installed for the recipient, personally or in a team or chat they belong to.`);
  }
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    throw bad('The request body must be a JSON object.');
  }
  const b = body as { [k: string]: unknown };
  const known = ['topic', 'activityType', 'chainId', 'previewText', 'templateParameters', 'teamsAppId', 'iconId'];
  const unknown = Object.keys(b).filter((k) => known.indexOf(k) === -1);
  if (unknown.length) {
    throw bad(`The property '${unknown[0]}' does not exist on type 'microsoft.graph.sendActivityNotification'.`);
  }
  if (b.teamsAppId !== undefined && String(b.teamsAppId).toLowerCase() !== manifest.id.toLowerCase()) {
    throw new GraphError(404, 'NotFound', `No Teams app ${String(b.teamsAppId)} is installed for the recipient.`);
  }
  const topic = b.topic as { source?: unknown; value?: unknown; webUrl?: unknown } | undefined;
  if (!topic || typeof topic !== 'object') {
    throw bad('topic is required.');
  }
  if (topic.source === 'text') {
    if (typeof topic.value !== 'string' || !topic.value.trim()) {
      throw bad('topic.value is required when topic.source is text.');
    }
    if (typeof topic.webUrl !== 'string' || !TEAMS_DEEP_LINK.test(topic.webUrl)) {
      throw bad('topic.webUrl must be a Teams deep link (https://teams.microsoft.com/l/...) when topic.source is text.');
    }
  } else if (topic.source === 'entityUrl') {
    if (typeof topic.value !== 'string' || !/^https:\/\/graph\.microsoft\.com\//i.test(topic.value)) {
      throw bad('topic.value must be a Microsoft Graph URL when topic.source is entityUrl.');
    }
  } else {
    throw bad(`topic.source must be 'entityUrl' or 'text', not '${String(topic.source)}'.`);
  }
  if (typeof b.activityType !== 'string' || !b.activityType) {
    throw bad('activityType is required.');
  }
  const parameters = b.templateParameters === undefined ? [] : b.templateParameters;
  if (!Array.isArray(parameters) || parameters.some((p) => !p || typeof p !== 'object' || typeof p.name !== 'string' || typeof p.value !== 'string')) {
    throw bad('templateParameters must be a list of { name, value } pairs of strings.');
  }
  const pairs = parameters as Array<{ name: string; value: string }>;
  let templateText: string;
  if (b.activityType === 'systemDefault') {
    const text = pairs.filter((p) => p.name === 'systemDefaultText')[0];
    if (!text) {
      throw bad("The systemDefault activity type needs the 'systemDefaultText' template parameter.");
    }
    templateText = text.value;
  } else {
    const declared = ((manifest.activities && manifest.activities.activityTypes) || []).filter((t) => t.type === b.activityType)[0];
    if (!declared) {
      throw bad(`Activity type '${b.activityType}' is not declared in the activities of Teams app ${manifest.id}'s manifest.`);
    }
    templateText = declared.templateText;
    const missing = templateParameterNames(templateText).filter((n) => n !== 'actor' && !pairs.some((p) => p.name === n));
    if (missing.length) {
      throw bad(`Template parameter '${missing[0]}' of activity type '${b.activityType}' was not given.`);
    }
  }
  const preview = b.previewText as { content?: unknown } | undefined;
  if (preview !== undefined && (!preview || typeof preview !== 'object' || typeof preview.content !== 'string')) {
    throw bad('previewText must be an itemBody: { "content": "..." }.');
  }
  ctx.store.addActivityNotification(user.objectId, {
    recipientEmail: user.email,
    activityType: b.activityType,
    // What Teams shows: the actor + reason line, the preview (first 150 characters) and the topic.
    text: renderTemplate(templateText, manifest.name.short, pairs),
    previewText: preview ? String(preview.content).slice(0, 150) : '',
    topic: { source: topic.source, value: topic.value, webUrl: topic.webUrl },
    templateParameters: pairs,
    chainId: b.chainId,
  });
  return { status: 204 };
}
