import * as fs from 'fs';
import * as path from 'path';
import { FieldDefinition, LIST_DEFINITIONS } from '../../../src/data/listContract';
import { ROLE_GROUPS, ROLES } from '../../../src/domain/roles';

/**
 * The list contract lives twice: in `src/data/listContract.ts` (read by the code) and in
 * `sharepoint/lists/` (applied to a real site). These tests prove they agree field by field.
 */
const siteScript = JSON.parse(fs.readFileSync(path.join(__dirname, '../../../sharepoint/lists/frontline-visits.sitescript.json'), 'utf8'));
const settings = JSON.parse(fs.readFileSync(path.join(__dirname, '../../../sharepoint/lists/list-settings.json'), 'utf8'));

interface ScriptField {
  attributes: { [name: string]: string };
  choices: string[];
  targetListUrl?: string;
}

function parseFieldXml(xml: string, targetListUrl?: string): ScriptField {
  const open = /^<Field\s+([^>]*?)\s*\/?>/.exec(xml);
  if (!open) {
    throw new Error(`Not a field: ${xml}`);
  }
  const attributes: { [name: string]: string } = {};
  const attr = /(\w+)="([^"]*)"/g;
  let m: RegExpExecArray | null;
  while ((m = attr.exec(open[1]))) {
    attributes[m[1]] = m[2]
      .replace(/&quot;/g, '"')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&');
  }
  const choices: string[] = [];
  const choice = /<CHOICE>([^<]*)<\/CHOICE>/g;
  while ((m = choice.exec(xml))) {
    choices.push(m[1]);
  }
  return { attributes, choices, targetListUrl };
}

function scriptList(urlName: string): { title: string; description: string; fields: ScriptField[] } {
  const action = siteScript.actions.find((a: { verb: string; listName: string }) => a.verb === 'createSPList' && a.listName === urlName);
  expect(action).toBeDefined();
  const sub = action.subactions as Array<{ verb: string; title?: string; description?: string; schemaXml?: string; targetListUrl?: string }>;
  return {
    title: sub.find((s) => s.verb === 'setTitle')!.title!,
    description: sub.find((s) => s.verb === 'setDescription')!.description!,
    fields: sub.filter((s) => s.verb === 'addSPFieldXml' || s.verb === 'addSPLookupFieldXml').map((s) => parseFieldXml(s.schemaXml!, s.targetListUrl)),
  };
}

const flag = (value: boolean | undefined): string | undefined => (value ? 'TRUE' : undefined);

describe('list contract: module and sharepoint/ JSON agree', () => {
  it('declares the same lists, titles and descriptions', () => {
    const scriptLists = siteScript.actions.filter((a: { verb: string }) => a.verb === 'createSPList').map((a: { listName: string }) => a.listName);
    expect(scriptLists).toEqual(LIST_DEFINITIONS.map((l) => l.urlName));
    for (const list of LIST_DEFINITIONS) {
      const script = scriptList(list.urlName);
      expect(script.title).toBe(list.title);
      expect(script.description).toBe(list.description);
    }
  });

  for (const list of LIST_DEFINITIONS) {
    describe(list.title, () => {
      const script = scriptList(list.urlName);
      const custom = list.fields.filter((f) => f.internalName !== 'Title');

      it('has exactly the contract fields, in order', () => {
        expect(script.fields.map((f) => f.attributes.Name)).toEqual(custom.map((f) => f.internalName));
        expect(script.fields.map((f) => f.attributes.StaticName)).toEqual(custom.map((f) => f.internalName));
      });

      it.each(custom.map((f): [string, FieldDefinition] => [f.internalName, f]))('%s matches type, flags and constraints', (_name, field) => {
        const xml = script.fields.find((f) => f.attributes.Name === field.internalName)!;
        expect(xml.attributes.Type).toBe(field.type);
        expect(xml.attributes.DisplayName).toBe(field.displayName);
        expect(xml.attributes.Required).toBe(flag(field.required));
        expect(xml.attributes.Indexed).toBe(flag(field.indexed));
        expect(xml.attributes.EnforceUniqueValues).toBe(flag(field.unique));
        expect(xml.attributes.ID).toMatch(/^\{[0-9a-f-]{36}\}$/);
        switch (field.type) {
          case 'Choice':
            expect(xml.choices).toEqual(field.choices);
            break;
          case 'Lookup':
            expect(xml.targetListUrl).toBe(`Lists/${field.lookupList}`);
            expect(xml.attributes.ShowField).toBe('Title');
            break;
          case 'UserMulti':
            expect(xml.attributes.Mult).toBe('TRUE');
            break;
          case 'DateTime':
            expect(xml.attributes.Format).toBe(field.dateOnly ? 'DateOnly' : 'DateTime');
            break;
          case 'Number':
            expect([Number(xml.attributes.Min), Number(xml.attributes.Max), xml.attributes.Decimals]).toEqual([field.min, field.max, '0']);
            break;
          case 'Note':
            // Plain text only: nothing a councillor types may become markup.
            expect(xml.attributes.RichText).toBe('FALSE');
            break;
          case 'Text':
            expect(Number(xml.attributes.MaxLength)).toBe(field.maxLength);
            break;
        }
      });

      it('has versioning on and the item-level security of the contract', () => {
        const listSettings = settings.lists[list.urlName];
        expect(listSettings.EnableVersioning).toBe(true);
        expect(listSettings.ReadSecurity).toBe(list.itemLevelSecurity.read === 'own' ? 2 : 1);
        expect(listSettings.WriteSecurity).toBe(list.itemLevelSecurity.write === 'own' ? 2 : 1);
      });

      it('enforces unique values only where SharePoint allows it: indexed single-value columns, on a list everyone reads', () => {
        for (const field of list.fields.filter((f) => f.unique)) {
          expect(field.indexed).toBe(true);
          expect(['Text', 'Number', 'DateTime', 'Choice', 'User', 'Lookup']).toContain(field.type);
          expect(list.itemLevelSecurity.read).toBe('all');
        }
      });
    });
  }

  it('creates lookup targets before the lists that look them up', () => {
    const order = LIST_DEFINITIONS.map((l) => l.urlName);
    for (const list of LIST_DEFINITIONS) {
      for (const f of list.fields.filter((x) => x.type === 'Lookup')) {
        expect(order.indexOf(f.lookupList!)).toBeLessThan(order.indexOf(list.urlName));
      }
    }
  });

  it('indexes the columns the design names as indexed', () => {
    const indexed = (urlName: string) =>
      LIST_DEFINITIONS.find((l) => l.urlName === urlName)!
        .fields.filter((f) => f.indexed)
        .map((f) => f.internalName)
        .sort();
    expect(indexed('VisitRota')).toEqual(['MunicipalYear', 'Team', 'VisitDate']);
    expect(indexed('VisitReports')).toEqual(['ReportStatus', 'RotaEntry', 'SubmittedOn', 'Team', 'VisitDate']);
    expect(indexed('VisitReportDrafts')).toEqual(['RotaEntry', 'Team', 'VisitDate']);
  });

  it('allows one draft and one report per rota visit', () => {
    for (const urlName of ['VisitReportDrafts', 'VisitReports']) {
      const unique = LIST_DEFINITIONS.find((l) => l.urlName === urlName)!
        .fields.filter((f) => f.unique)
        .map((f) => f.internalName);
      expect(unique).toEqual(['RotaEntry']);
    }
  });

  it('lets councillors add a submitted report but never edit or delete one, and edit only their own drafts', () => {
    const councillors = settings.groups.find((g: { role: string }) => g.role === 'Councillor');
    const level = settings.roleDefinitions.find((r: { name: string }) => r.name === councillors.permissions.VisitReports);
    expect(level.basePermissions).toEqual(expect.arrayContaining(['AddListItems', 'ViewListItems']));
    expect(level.basePermissions).not.toContain('EditListItems');
    expect(level.basePermissions).not.toContain('DeleteListItems');
    // Override List Behaviors would lift "edit own items" on the drafts.
    expect(level.basePermissions).not.toContain('CancelCheckout');
    expect(councillors.permissions.VisitReportDrafts).toBe('Contribute');
    expect(settings.lists.VisitReportDrafts.WriteSecurity).toBe(2);
    for (const group of settings.groups.filter((g: { role: string }) => g.role !== 'Councillor')) {
      expect(['Read', 'Frontline Visits - Read all reports']).toContain(group.permissions.VisitReports);
      expect(group.permissions.VisitReportDrafts).toBe('Read');
    }
  });

  it('gives every role its SharePoint group, with rights on every list', () => {
    expect(settings.groups.map((g: { title: string }) => g.title).sort()).toEqual(ROLES.map((r) => ROLE_GROUPS[r]).sort());
    for (const group of settings.groups) {
      expect(ROLE_GROUPS[group.role as keyof typeof ROLE_GROUPS]).toBe(group.title);
      expect(Object.keys(group.permissions).sort()).toEqual(LIST_DEFINITIONS.map((l) => l.urlName).sort());
    }
  });
});
