import type { SPFI } from '@pnp/sp';
import '@pnp/sp/webs';
import '@pnp/sp/lists';
import '@pnp/sp/site-groups/web';
import '@pnp/sp/security';
import '@pnp/sp/site-scripts';
import { listDefinition } from '../data/listContract';
import { odataStringLiteral } from '../data/odata';
import { describeStep, ProvisioningStep } from './plan';

/** Applies a provisioning plan to a site. Each step is idempotent, so a rerun repairs a site. */
export async function applyPlan(sp: SPFI, steps: ProvisioningStep[], log: (line: string) => void): Promise<void> {
  const groupIds = new Map<string, number>();
  const roleIds = new Map<string, number>();
  for (const step of steps) {
    log(describeStep(step));
    switch (step.kind) {
      case 'siteScriptAction':
        await sp.siteScripts.executeSiteScriptAction(step.action);
        break;
      case 'listSettings':
        await sp.web.lists.getByTitle(listDefinition(step.listName).title).update({ ...step.settings });
        break;
      case 'roleDefinition': {
        const existing = await sp.web.roleDefinitions.filter(`Name eq ${odataStringLiteral(step.name)}`)();
        if (existing.length === 0) {
          await sp.web.roleDefinitions.add(step.name, step.description, 100, step.basePermissions);
        }
        break;
      }
      case 'group': {
        const existing = await sp.web.siteGroups.filter(`Title eq ${odataStringLiteral(step.title)}`)();
        const groupId = existing.length ? existing[0].Id : (await sp.web.siteGroups.add({ Title: step.title })).Id;
        groupIds.set(step.title, groupId);
        const { owner, ...flags } = step.settings;
        await sp.web.siteGroups.getById(groupId).update(flags);
        if (owner === 'AssociatedOwnerGroup') {
          // Only the site owners change who holds a role: not the improvement team, not the group's own members.
          const owners = await sp.web.associatedOwnerGroup.select('Id')();
          await sp.web.siteGroups.getById(groupId).setUserAsOwner(owners.Id);
        }
        break;
      }
      case 'breakInheritance':
        await sp.web.lists.getByTitle(listDefinition(step.listName).title).breakRoleInheritance(true, false);
        break;
      case 'grant': {
        if (!roleIds.has(step.roleDefinition)) {
          roleIds.set(step.roleDefinition, (await sp.web.roleDefinitions.getByName(step.roleDefinition)()).Id);
        }
        const groupId = groupIds.get(step.group);
        if (groupId === undefined) {
          throw new Error(`Group ${step.group} was not ensured before granting it rights`);
        }
        await sp.web.lists.getByTitle(listDefinition(step.listName).title).roleAssignments.add(groupId, roleIds.get(step.roleDefinition)!);
        break;
      }
    }
  }
}
