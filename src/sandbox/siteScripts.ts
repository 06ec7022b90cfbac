/**
 * SharePoint's site script endpoints, as provisioning uses them (`/_api/Microsoft.Sharepoint.
 * Utilities.WebTemplateExtensions.SiteScriptUtility.…`):
 *
 * - `ExecuteTemplateScript()` — POST `{ "script": "<site script JSON as a string>" }`: applies a
 *   script to this web at once and answers one `SiteScriptActionResult` per action and subaction,
 *   in order: `{ ErrorCode, Outcome, OutcomeText, Target, TargetId, Title }`. `Outcome` is an
 *   Edm.Int64, which SharePoint's JSON writes as a string: "0" Success, "1" Failure, "2" NoOp,
 *   "3" SucceededWithException. A failed action does not stop the script and the request still
 *   answers 200: only the outcomes say something went wrong.
 * - `executeSiteScriptAction` — POST `{ "actionDefinition": "<one action as a string>" }`: the
 *   same for one action; answers the action's result (the first failed subaction's when one fails).
 * - `GetSiteScriptFromList` — POST `{ "listUrl": "<absolute list URL>" }`: the site script that
 *   would recreate the list (its fields as `addSPFieldXml`).
 *
 * What SharePoint does and this module copies (docs: site-design-json-schema, site-design-overview;
 * SharePoint/sp-dev-docs issues 4081 and 10483):
 * - `createSPList` finds an existing list by its **title** (`listName`), and updates it; otherwise
 *   it creates one whose URL is `Lists/<listName>` (a number is added when that URL is taken). So
 *   a script that renames its list with `setTitle` creates a second list when applied again.
 * - `addSPFieldXml` finds an existing field by the schema's `ID`: the same ID updates it, a new ID
 *   with a name already used fails ("A duplicate field name … was found").
 * - An unknown verb fails the whole request ("No action handler was registered for this action").
 * - A script applied directly runs at most 30 actions and subactions (larger ones are scheduled
 *   as a site design task, which the sandbox does not implement).
 */
import { FieldDefinition, FieldType, ListDefinition, SITE_RELATIVE_URL } from '../data/listContract';
import { SpError } from './errors';
import { jsonResponse, ODataMode } from './restShapes';
import { setSiteTimeZone, SITE_TIME_ZONES, siteTimeZone, siteTimeZoneById, SiteTimeZoneName } from './regional';
import { SandboxStore, StoredList } from './store';

export const SITE_SCRIPT_UTILITY = 'microsoft.sharepoint.utilities.webtemplateextensions.sitescriptutility.';

/** At most this many actions and subactions in one directly applied script. */
export const MAX_DIRECT_ACTIONS = 30;

export enum ActionOutcome {
  Success = 0,
  Failure = 1,
  NoOp = 2,
  SucceededWithException = 3,
}

export interface ActionResult {
  ErrorCode: number;
  /** Edm.Int64: a string in SharePoint's JSON. */
  Outcome: string;
  OutcomeText: string | null;
  Target: string | null;
  TargetId: string | null;
  Title: string;
}

export interface SiteScriptContext {
  store: SandboxStore;
  siteUrl: string;
  siteRelativeUrl: string;
}

const SP_EXCEPTION = '-2146232832, Microsoft.SharePoint.SPException';
const RESULT_TYPE = 'Microsoft.SharePoint.Utilities.WebTemplateExtensions.SiteScriptActionResult';

/** Verbs SharePoint knows but the sandbox does not carry out (a script naming them is refused, saying so). */
const KNOWN_ELSEWHERE = [
  'applyTheme',
  'setSiteLogo',
  'joinHubSite',
  'triggerFlow',
  'installSolution',
  'associateExtension',
  'activateSPFeature',
  'addNavLink',
  'removeNavLink',
  'setSiteExternalSharingCapability',
  'addPrincipalToSPGroup',
  'createSiteColumn',
  'createSiteColumnXml',
  'createContentType',
  'setSiteBranding',
];

/** SharePoint time zone ids the sandbox knows (SPRegionalSettings.TimeZones): UTC, London, Pacific. */
/** The time zones the sandbox models, by SharePoint's id: one table with the date-only conversions. */
export const TIME_ZONES: { [id: number]: { description: string; iana: string } } = Object.fromEntries(
  Object.values(SITE_TIME_ZONES).map((zone) => [zone.id, { description: zone.description, iana: zone.iana }]),
);

export interface RegionalSettings {
  timeZone: number;
  locale: number;
  hourFormat: '12' | '24';
}

const REGIONAL_SETTINGS_KEY = 'regionalSettings';

/**
 * The web's regional settings as a site script last set them. A bare site has a new site's
 * (Pacific time, US English, SharePoint's default); the demo site is provisioned, so London's.
 */
export function regionalSettingsOf(store: SandboxStore): RegionalSettings {
  const stored = store.getMeta(REGIONAL_SETTINGS_KEY);
  const base: RegionalSettings = stored
    ? (JSON.parse(stored) as RegionalSettings)
    : store.bareSite
      ? { timeZone: 13, locale: 1033, hourFormat: '12' }
      : { timeZone: 2, locale: 2057, hourFormat: '24' };
  // The time zone is the one the data site's date-only columns are converted with.
  return { ...base, timeZone: SITE_TIME_ZONES[siteTimeZone(store, SITE_RELATIVE_URL)].id };
}

type Json = { [k: string]: unknown };

class ActionFailed extends Error {}

function result(title: string, outcome: ActionOutcome, text: string | null = null, target: string | null = null, targetId: string | null = null): ActionResult {
  return {
    ErrorCode: outcome === ActionOutcome.Failure ? -2146232832 : 0,
    Outcome: String(outcome),
    OutcomeText: text,
    Target: target,
    TargetId: targetId,
    Title: title,
  };
}

function decodeXml(value: string): string {
  return value
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

function encodeXml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const FIELD_TYPES: ReadonlyArray<FieldType> = ['Text', 'Note', 'Number', 'Boolean', 'DateTime', 'Choice', 'User', 'UserMulti', 'Lookup'];

/** A `<Field …>` schema as the sandbox keeps it, or a failure in SharePoint's words. */
export function parseFieldXml(xml: string): { id: string; field: FieldDefinition } {
  const open = /^\s*<Field\s+([^>]*?)\s*(\/?)>/.exec(xml);
  if (!open || (!open[2] && !/<\/Field>\s*$/.test(xml))) {
    throw new ActionFailed('The schema XML is not a well-formed <Field> element.');
  }
  const attributes: { [name: string]: string } = {};
  const attr = /([A-Za-z]+)="([^"]*)"/g;
  let m: RegExpExecArray | null;
  while ((m = attr.exec(open[1]))) {
    attributes[m[1]] = decodeXml(m[2]);
  }
  const type = attributes.Type;
  if (!type || FIELD_TYPES.indexOf(type as FieldType) === -1) {
    throw new ActionFailed(`Field type ${type || '(none)'} is not installed properly. Go to the list settings page to delete this field.`);
  }
  const name = attributes.Name || attributes.StaticName;
  if (!name || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
    throw new ActionFailed('The field has no Name (internal name) of letters, digits and underscores.');
  }
  if (!attributes.ID || !/^\{?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\}?$/i.test(attributes.ID)) {
    throw new ActionFailed(`Field ${name} has no ID: without one, applying the script again adds the field again.`);
  }
  const flag = (value: string | undefined): boolean => (value || '').toUpperCase() === 'TRUE';
  const field: FieldDefinition = { internalName: name, displayName: attributes.DisplayName || name, type: type as FieldType };
  if (flag(attributes.Required)) {
    field.required = true;
  }
  if (flag(attributes.Indexed)) {
    field.indexed = true;
  }
  if (flag(attributes.EnforceUniqueValues)) {
    if (!field.indexed) {
      throw new ActionFailed(`Field ${name} enforces unique values, which needs the column to be indexed (Indexed="TRUE").`);
    }
    field.unique = true;
  }
  if (type === 'DateTime' && attributes.Format === 'DateOnly') {
    field.dateOnly = true;
  }
  if (attributes.Min !== undefined) {
    field.min = Number(attributes.Min);
  }
  if (attributes.Max !== undefined) {
    field.max = Number(attributes.Max);
  }
  if (attributes.MaxLength !== undefined) {
    field.maxLength = Number(attributes.MaxLength);
  }
  if (type === 'Choice') {
    const choices: string[] = [];
    const choice = /<CHOICE>([^<]*)<\/CHOICE>/g;
    while ((m = choice.exec(xml))) {
      choices.push(decodeXml(m[1]));
    }
    if (!choices.length) {
      throw new ActionFailed(`Choice field ${name} has no choices.`);
    }
    field.choices = choices;
  }
  return { id: attributes.ID.replace(/[{}]/g, '').toLowerCase(), field };
}

/** The schema XML SharePoint would give back for a field (GetSiteScriptFromList). */
function fieldXml(field: FieldDefinition, id: string): string {
  const attrs: string[] = [
    `Type="${field.type}"`,
    `ID="{${id}}"`,
    `Name="${field.internalName}"`,
    `StaticName="${field.internalName}"`,
    `DisplayName="${encodeXml(field.displayName)}"`,
  ];
  if (field.required) {
    attrs.push('Required="TRUE"');
  }
  if (field.indexed) {
    attrs.push('Indexed="TRUE"');
  }
  if (field.unique) {
    attrs.push('EnforceUniqueValues="TRUE"');
  }
  if (field.dateOnly) {
    attrs.push('Format="DateOnly"');
  }
  if (field.type === 'UserMulti') {
    attrs.push('Mult="TRUE"');
  }
  if (field.type === 'Lookup') {
    attrs.push('ShowField="Title"');
  }
  for (const [key, value] of [
    ['Min', field.min],
    ['Max', field.max],
    ['MaxLength', field.maxLength],
  ] as Array<[string, number | undefined]>) {
    if (value !== undefined) {
      attrs.push(`${key}="${value}"`);
    }
  }
  const choices = field.choices ? `<CHOICES>${field.choices.map((c) => `<CHOICE>${encodeXml(c)}</CHOICE>`).join('')}</CHOICES>` : '';
  return choices ? `<Field ${attrs.join(' ')}>${choices}</Field>` : `<Field ${attrs.join(' ')} />`;
}

/** Field ids by list: kept beside the list's schema so a second run recognises its fields. */
function fieldIdsKey(list: StoredList): string {
  return `fieldIds:${list.id}`;
}

function fieldIdsOf(store: SandboxStore, list: StoredList): { [internalName: string]: string } {
  const stored = store.getMeta(fieldIdsKey(list));
  return stored ? JSON.parse(stored) : {};
}

const TITLE_FIELD: FieldDefinition = { internalName: 'Title', displayName: 'Title', type: 'Text', required: true, maxLength: 255 };

function countActions(actions: unknown[]): number {
  return actions.reduce<number>((n, a) => n + 1 + (Array.isArray((a as Json).subactions) ? ((a as Json).subactions as unknown[]).length : 0), 0);
}

function checkVerbs(actions: unknown[], nested = false): void {
  for (const raw of actions) {
    const action = (raw || {}) as Json;
    const verb = String(action.verb || '');
    const known = nested
      ? [
          'setTitle',
          'setDescription',
          'addSPFieldXml',
          'addSPLookupFieldXml',
          'addSPField',
          'deleteSPField',
          'addSPView',
          'removeSPView',
          'addContentType',
          'removeContentType',
          'setSPFieldCustomFormatter',
          'associateFieldCustomizer',
          'associateListViewCommandSet',
        ]
      : ['createSPList', 'setRegionalSettings'].concat(KNOWN_ELSEWHERE);
    if (known.indexOf(verb) === -1) {
      throw new SpError(400, SP_EXCEPTION, `Unable to handle action ${verb || '(no verb)'}. No action handler was registered for this action.`);
    }
    if (!nested && KNOWN_ELSEWHERE.indexOf(verb) !== -1) {
      throw new SpError(
        400,
        SP_EXCEPTION,
        `The sandbox does not carry out the site script action ${verb}; see src/sandbox/README.md for the actions it applies.`,
      );
    }
    if (nested && ['setTitle', 'setDescription', 'addSPFieldXml', 'addSPLookupFieldXml'].indexOf(verb) === -1) {
      throw new SpError(
        400,
        SP_EXCEPTION,
        `The sandbox does not carry out the site script subaction ${verb}; see src/sandbox/README.md for the actions it applies.`,
      );
    }
    if (!nested && Array.isArray(action.subactions)) {
      checkVerbs(action.subactions as unknown[], true);
    }
  }
}

/** A free URL name for a new list: `listName`, or `listName1`, `listName2`… when taken. */
function freeUrlName(store: SandboxStore, listName: string): string {
  let candidate = listName;
  for (let n = 1; store.listByUrlName(candidate); n++) {
    candidate = `${listName}${n}`;
  }
  return candidate;
}

function applyCreateList(ctx: SiteScriptContext, action: Json, results: ActionResult[]): void {
  const store = ctx.store;
  const listName = typeof action.listName === 'string' ? action.listName.trim() : '';
  const title = `Create or update list ${listName}`;
  if (!listName) {
    results.push(result(title, ActionOutcome.Failure, 'listName is required.'));
    return;
  }
  if (action.templateType !== 100) {
    results.push(
      result(title, ActionOutcome.Failure, `The sandbox creates generic lists (templateType 100) only; this action asks for ${String(action.templateType)}.`),
    );
    return;
  }
  let list = store.listByTitle(listName);
  if (!list) {
    const definition: ListDefinition = {
      title: listName,
      urlName: freeUrlName(store, listName),
      description: '',
      itemLevelSecurity: { read: 'all', write: 'all' },
      fields: [TITLE_FIELD],
    };
    list = store.createList(definition);
  }
  const target = `${ctx.siteUrl}/Lists/${list.definition.urlName}`;
  results.push(result(title, ActionOutcome.Success, null, target, list.id));

  const ids = fieldIdsOf(store, list);
  for (const raw of (action.subactions as unknown[]) || []) {
    const sub = raw as Json;
    const current = list.definition;
    switch (sub.verb) {
      case 'setTitle': {
        const newTitle = typeof sub.title === 'string' ? sub.title.trim() : '';
        const clash = newTitle && store.listByTitle(newTitle);
        if (!newTitle || (clash && clash !== list)) {
          results.push(
            result(
              `Set title ${newTitle}`,
              ActionOutcome.Failure,
              newTitle
                ? `A list, survey, discussion board, or document library with the specified title already exists in this Web site.  Please choose another title.`
                : 'title is required.',
            ),
          );
        } else {
          store.updateListDefinition(list, { ...current, title: newTitle });
          results.push(result(`Set title ${newTitle}`, ActionOutcome.Success, null, target, list.id));
        }
        break;
      }
      case 'setDescription':
        store.updateListDefinition(list, { ...current, description: typeof sub.description === 'string' ? sub.description : '' });
        results.push(result('Set description', ActionOutcome.Success, null, target, list.id));
        break;
      case 'addSPFieldXml':
      case 'addSPLookupFieldXml': {
        const named = /\sDisplayName="([^"]*)"/.exec(String(sub.schemaXml || '')) || /\sName="([^"]*)"/.exec(String(sub.schemaXml || ''));
        let stepTitle = named ? `Add field ${decodeXml(named[1])}` : 'Add field';
        try {
          const parsed = parseFieldXml(String(sub.schemaXml || ''));
          stepTitle = `Add field ${parsed.field.displayName}`;
          const field = { ...parsed.field };
          if (sub.verb === 'addSPLookupFieldXml' || field.type === 'Lookup') {
            if (sub.verb !== 'addSPLookupFieldXml' || field.type !== 'Lookup') {
              throw new ActionFailed('A lookup field is added with addSPLookupFieldXml, and addSPLookupFieldXml adds only lookup fields.');
            }
            const byUrl = typeof sub.targetListUrl === 'string' ? store.listByUrlName(sub.targetListUrl.replace(/\/$/, '').split('/').pop() || '') : undefined;
            const byName = typeof sub.targetListName === 'string' ? store.listByTitle(sub.targetListName) : undefined;
            const targetList = byUrl || byName;
            if (!targetList) {
              throw new ActionFailed(
                `List does not exist. The lookup's target (${String(sub.targetListUrl || sub.targetListName || 'none given')}) is not on this site.`,
              );
            }
            field.lookupList = targetList.definition.urlName;
          }
          const existing = current.fields.filter((f) => f.internalName.toLowerCase() === field.internalName.toLowerCase())[0];
          if (existing && ids[existing.internalName] !== parsed.id) {
            throw new ActionFailed(`A duplicate field name "${field.internalName}" was found.`);
          }
          const fields = existing ? current.fields.map((f) => (f === existing ? field : f)) : current.fields.concat([field]);
          store.updateListDefinition(list, { ...current, fields });
          ids[field.internalName] = parsed.id;
          store.setMeta(fieldIdsKey(list), JSON.stringify(ids));
          results.push(result(stepTitle, ActionOutcome.Success, null, target, parsed.id));
        } catch (error) {
          if (!(error instanceof ActionFailed)) {
            throw error;
          }
          results.push(result(stepTitle, ActionOutcome.Failure, error.message));
        }
        break;
      }
    }
  }
}

function applyRegionalSettings(ctx: SiteScriptContext, action: Json, results: ActionResult[]): void {
  const title = 'Set regional settings';
  const current = regionalSettingsOf(ctx.store);
  const timeZone = action.timeZone === undefined ? current.timeZone : Number(action.timeZone);
  if (!TIME_ZONES[timeZone]) {
    results.push(
      result(title, ActionOutcome.Failure, `Time zone ${String(action.timeZone)} is not one the sandbox knows (${Object.keys(TIME_ZONES).join(', ')}).`),
    );
    return;
  }
  const hourFormat = action.hourFormat === undefined ? current.hourFormat : String(action.hourFormat);
  if (hourFormat !== '12' && hourFormat !== '24') {
    results.push(result(title, ActionOutcome.Failure, 'hourFormat is "12" or "24".'));
    return;
  }
  const settings: RegionalSettings = { timeZone, locale: action.locale === undefined ? current.locale : Number(action.locale), hourFormat };
  ctx.store.setMeta(REGIONAL_SETTINGS_KEY, JSON.stringify(settings));
  setSiteTimeZone(ctx.store, SITE_RELATIVE_URL, siteTimeZoneById(timeZone) as SiteTimeZoneName);
  results.push(result(title, ActionOutcome.Success, null, ctx.siteUrl, null));
}

/** Applies a site script's actions in order; each failure is an outcome, not an error. */
export function applySiteScript(ctx: SiteScriptContext, script: unknown): ActionResult[] {
  const actions = script && typeof script === 'object' && Array.isArray((script as Json).actions) ? ((script as Json).actions as unknown[]) : undefined;
  if (!actions) {
    throw new SpError(400, SP_EXCEPTION, 'The site script is not valid: it has no "actions" array.');
  }
  checkVerbs(actions);
  const count = countActions(actions);
  if (count > MAX_DIRECT_ACTIONS) {
    throw new SpError(
      400,
      SP_EXCEPTION,
      `The site script has ${count} actions and subactions; a script applied directly may have at most ${MAX_DIRECT_ACTIONS}. Split it into smaller scripts.`,
    );
  }
  const results: ActionResult[] = [];
  for (const raw of actions) {
    const action = raw as Json;
    if (action.verb === 'createSPList') {
      applyCreateList(ctx, action, results);
    } else if (action.verb === 'setRegionalSettings') {
      applyRegionalSettings(ctx, action, results);
    }
  }
  return results;
}

/** The site script that would recreate a list: what GetSiteScriptFromList answers. */
export function siteScriptFromList(store: SandboxStore, list: StoredList): string {
  const ids = fieldIdsOf(store, list);
  const subactions: Json[] = [{ verb: 'setDescription', description: list.definition.description }];
  for (const field of list.definition.fields) {
    if (field.internalName === 'Title') {
      continue;
    }
    const id = ids[field.internalName] || '00000000-0000-0000-0000-000000000000';
    if (field.type === 'Lookup') {
      subactions.push({
        verb: 'addSPLookupFieldXml',
        schemaXml: fieldXml(field, id),
        targetListName: (store.listByUrlName(field.lookupList || '') || { definition: { title: '' } }).definition.title,
      });
    } else {
      subactions.push({ verb: 'addSPFieldXml', schemaXml: fieldXml(field, id) });
    }
  }
  return JSON.stringify({
    $schema: 'schema.json',
    actions: [{ verb: 'createSPList', listName: list.definition.title, templateType: 100, subactions }],
    bindata: {},
    version: 1,
  });
}

function parseBody(body: string): Json {
  try {
    const parsed = JSON.parse(body || '{}');
    if (parsed && typeof parsed === 'object') {
      return parsed as Json;
    }
  } catch {
    // answered below
  }
  throw new SpError(400, '-1, Microsoft.SharePoint.Client.InvalidClientQueryException', 'Invalid JSON. A token was not recognized in the JSON content.');
}

function parseScriptText(text: unknown, what: string): unknown {
  if (typeof text !== 'string') {
    throw new SpError(400, SP_EXCEPTION, `The parameter ${what} is required: the site script as a JSON string.`);
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new SpError(400, SP_EXCEPTION, `The site script in ${what} is not valid JSON.`);
  }
}

function resultsBody(mode: ODataMode, apiUrl: string, method: string, results: ActionResult[]): unknown {
  if (mode === 'verbose') {
    return {
      d: { [method]: { __metadata: { type: `Collection(${RESULT_TYPE})` }, results: results.map((r) => ({ __metadata: { type: RESULT_TYPE }, ...r })) } },
    };
  }
  return mode === 'minimalmetadata' ? { 'odata.metadata': `${apiUrl}/$metadata#Collection(${RESULT_TYPE})`, value: results } : { value: results };
}

/**
 * `/_api/Microsoft.Sharepoint.Utilities.WebTemplateExtensions.SiteScriptUtility.<method>`; undefined
 * when the path is not one of these. Applying scripts needs Manage Lists on the site: in the sandbox,
 * an app with full control (a site owner's or administrator's token in production).
 */
export function handleSiteScriptUtility(
  ctx: SiteScriptContext,
  method: string,
  apiPath: string,
  body: string,
  mayManage: boolean,
  mode: ODataMode,
): ReturnType<typeof jsonResponse> | undefined {
  const lower = apiPath.toLowerCase();
  if (!lower.startsWith(SITE_SCRIPT_UTILITY)) {
    return undefined;
  }
  const name = lower.slice(SITE_SCRIPT_UTILITY.length).replace(/\(\)$/, '');
  const apiUrl = `${ctx.siteUrl}/_api`;
  if (method !== 'POST') {
    throw new SpError(
      405,
      '-1, Microsoft.SharePoint.Client.ClientServiceException',
      `The HTTP method '${method}' cannot be used to access the resource 'SiteScriptUtility.${name}'. The operation type of the resource is specified as 'Default'. Please use correct HTTP method to invoke the resource.`,
    );
  }
  if (!mayManage) {
    throw new SpError(
      403,
      '-2147024891, System.UnauthorizedAccessException',
      'Access denied. You do not have permission to perform this action or access this resource.',
    );
  }
  const payload = parseBody(body);
  if (name === 'executetemplatescript') {
    const results = applySiteScript(ctx, parseScriptText(payload.script, 'script'));
    return jsonResponse(mode, 200, resultsBody(mode, apiUrl, 'ExecuteTemplateScript', results));
  }
  if (name === 'executesitescriptaction') {
    const action = parseScriptText(payload.actionDefinition, 'actionDefinition');
    const results = applySiteScript(ctx, { actions: [action] });
    const answer = results.filter((r) => r.Outcome === String(ActionOutcome.Failure))[0] || results[0];
    return jsonResponse(mode, 200, mode === 'verbose' ? { d: { ExecuteSiteScriptAction: { __metadata: { type: RESULT_TYPE }, ...answer } } } : answer);
  }
  if (name === 'getsitescriptfromlist') {
    const listUrl = typeof payload.listUrl === 'string' ? payload.listUrl : '';
    const match = /\/Lists\/([^/?#]+)\/?$/i.exec(listUrl);
    const list = match ? ctx.store.listByUrlName(decodeURIComponent(match[1])) : undefined;
    if (!list || !listUrl.toLowerCase().startsWith(`${ctx.siteUrl.toLowerCase()}/`)) {
      throw new SpError(404, '-2147024894, System.IO.FileNotFoundException', 'File Not Found.');
    }
    const script = siteScriptFromList(ctx.store, list);
    return jsonResponse(mode, 200, mode === 'verbose' ? { d: { GetSiteScriptFromList: script } } : { value: script });
  }
  throw new SpError(
    400,
    '-1, Microsoft.SharePoint.Client.InvalidClientQueryException',
    `The sandbox does not implement SiteScriptUtility.${name}; see src/sandbox/README.md.`,
  );
}
