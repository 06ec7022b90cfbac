/**
 * The sandbox's site script endpoints answer as SharePoint does, including where a provisioning
 * tool could be wrong: failures are outcomes in a 200 answer, `Outcome` is a string, `createSPList`
 * finds its list by title (so a renaming script applied twice makes a second list), unknown verbs
 * and over-long scripts are refused, and only someone who may manage the site may apply one.
 */
import { withSandbox, PERSONAS } from '../../helpers/sandbox';
import { DEFAULT_APP_TOKEN } from '../../../src/sandbox/security';

const UTILITY = '_api/Microsoft.Sharepoint.Utilities.WebTemplateExtensions.SiteScriptUtility';

interface Result {
  Title: string;
  Outcome: string;
  OutcomeText: string | null;
  Target: string | null;
}

describe('sandbox: site scripts', () => {
  const fixture = withSandbox({ bareSite: true });

  async function call(
    method: string,
    body: unknown,
    accept = 'application/json;odata=nometadata',
    as: { token?: string; user?: string } = { token: DEFAULT_APP_TOKEN },
  ): Promise<{ status: number; json: { [k: string]: unknown } }> {
    const headers: { [k: string]: string } = { Accept: accept, 'Content-Type': 'application/json' };
    if (as.token) {
      headers.Authorization = `Bearer ${as.token}`;
    }
    if (as.user) {
      headers['X-Sandbox-User'] = as.user;
    }
    const response = await fetch(`${fixture.sandbox.siteUrl}/${UTILITY}.${method}`, { method: 'POST', headers, body: JSON.stringify(body) });
    return { status: response.status, json: await response.json() };
  }

  const execute = (actions: unknown[], accept?: string, as?: { token?: string; user?: string }) =>
    call('ExecuteTemplateScript()', { script: JSON.stringify({ actions }) }, accept, as);

  const field = (name: string, type = 'Text', id = '0f5596f1-6ca1-4846-a0cd-92f7e9233100'): { verb: string; schemaXml: string } => ({
    verb: 'addSPFieldXml',
    schemaXml: `<Field Type="${type}" ID="{${id}}" Name="${name}" StaticName="${name}" DisplayName="${name}" />`,
  });

  it('answers one result per action and subaction, Outcome as a string, and keeps going after a failed one', async () => {
    const answer = await execute([
      {
        verb: 'createSPList',
        listName: 'Notes',
        templateType: 100,
        subactions: [field('Remark'), field('Broken', 'Sparkles', '0f5596f1-6ca1-4846-a0cd-92f7e9233101'), { verb: 'setDescription', description: 'Notes' }],
      },
      { verb: 'setRegionalSettings', timeZone: 2, locale: 2057, hourFormat: '24' },
    ]);
    expect(answer.status).toBe(200);
    const results = answer.json.value as Result[];
    expect(results.map((r) => [r.Title, r.Outcome])).toEqual([
      ['Create or update list Notes', '0'],
      ['Add field Remark', '0'],
      ['Add field Broken', '1'],
      ['Set description', '0'],
      ['Set regional settings', '0'],
    ]);
    expect(results[2].OutcomeText).toBe('Field type Sparkles is not installed properly. Go to the list settings page to delete this field.');
    expect(results[0].Target).toBe(`${fixture.sandbox.siteUrl}/Lists/Notes`);
  });

  it('answers verbose callers in d.ExecuteTemplateScript.results', async () => {
    const answer = await execute([{ verb: 'createSPList', listName: 'Notes', templateType: 100, subactions: [] }], 'application/json;odata=verbose');
    const d = answer.json.d as { ExecuteTemplateScript: { results: Result[] } };
    expect(d.ExecuteTemplateScript.results.map((r) => r.Outcome)).toEqual(['0']);
  });

  it('finds a list by title: a script that renames its list makes a second one when applied again', async () => {
    const renaming = [{ verb: 'createSPList', listName: 'Rota2027', templateType: 100, subactions: [{ verb: 'setTitle', title: 'Rota for 2027' }] }];
    await execute(renaming);
    const again = await execute(renaming);
    expect((again.json.value as Result[])[0].Target).toBe(`${fixture.sandbox.siteUrl}/Lists/Rota20271`);
    const lists = fixture.sandbox.store.lists().map((l) => l.definition.title);
    expect(lists).toContain('Rota for 2027');
    expect(lists).toContain('Rota2027');
  });

  it('keeps a field by its ID: the same ID again changes it, a new ID under a name in use fails', async () => {
    const same = await execute([{ verb: 'createSPList', listName: 'Notes', templateType: 100, subactions: [field('Remark')] }]);
    expect((same.json.value as Result[]).map((r) => r.Outcome)).toEqual(['0', '0']);
    const clash = await execute([
      { verb: 'createSPList', listName: 'Notes', templateType: 100, subactions: [field('Remark', 'Text', '0f5596f1-6ca1-4846-a0cd-92f7e9233199')] },
    ]);
    expect((clash.json.value as Result[])[1]).toMatchObject({ Outcome: '1', OutcomeText: 'A duplicate field name "Remark" was found.' });
  });

  it('refuses a script with a verb SharePoint has no handler for, and one over 30 actions', async () => {
    const unknown = await execute([{ verb: 'createSPListPlease', listName: 'X' }]);
    expect(unknown.status).toBe(400);
    expect(JSON.stringify(unknown.json)).toContain('Unable to handle action createSPListPlease. No action handler was registered for this action.');
    const long = await execute([
      {
        verb: 'createSPList',
        listName: 'Long',
        templateType: 100,
        subactions: Array.from({ length: 30 }, (_, i) => field(`F${i}`, 'Text', `0f5596f1-6ca1-4846-a0cd-92f7e92331${String(i).padStart(2, '0')}`)),
      },
    ]);
    expect(long.status).toBe(400);
    expect(JSON.stringify(long.json)).toContain('31 actions and subactions; a script applied directly may have at most 30');
    expect(fixture.sandbox.store.listByTitle('Long')).toBeUndefined();
  });

  it('lets only someone who may manage the site apply a script', async () => {
    const answer = await execute([{ verb: 'createSPList', listName: 'Mine', templateType: 100, subactions: [] }], undefined, { user: PERSONAS.hale });
    expect([401, 403]).toContain(answer.status);
    expect(fixture.sandbox.store.listByTitle('Mine')).toBeUndefined();
  });

  it('executes one action with executeSiteScriptAction and gives back a list as a script with GetSiteScriptFromList', async () => {
    const one = await call('executeSiteScriptAction', {
      actionDefinition: JSON.stringify({
        verb: 'createSPList',
        listName: 'Notes',
        templateType: 100,
        subactions: [field('Other', 'Boolean', '0f5596f1-6ca1-4846-a0cd-92f7e9233102')],
      }),
    });
    expect(one.json).toMatchObject({ Title: 'Create or update list Notes', Outcome: '0' });
    const back = await call('GetSiteScriptFromList', { listUrl: `${fixture.sandbox.siteUrl}/Lists/Notes` });
    const script = JSON.parse(back.json.value as string);
    expect(script.actions[0]).toMatchObject({ verb: 'createSPList', listName: 'Notes' });
    const xml = script.actions[0].subactions.map((s: { schemaXml?: string }) => s.schemaXml).join('');
    expect(xml).toContain('Name="Remark"');
    expect(xml).toContain('ID="{0f5596f1-6ca1-4846-a0cd-92f7e9233100}"');
    expect(xml).toContain('Type="Boolean"');
  });
});
