import * as fs from 'fs';
import * as path from 'path';
import { AppManifestUtils } from '@microsoft/app-manifest';

const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '../../../teams-manifest/manifest.json'), 'utf8'));

describe('Teams manifest: the bot', () => {
  it('declares one bot, in team scope, that can take card actions', () => {
    expect(manifest.bots).toHaveLength(1);
    const bot = manifest.bots[0];
    expect(bot.botId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
    expect(bot.scopes).toEqual(['team']);
    // A notification-only bot cannot receive Action.Execute invokes.
    expect(bot.isNotificationOnly).toBe(false);
  });

  it('still validates offline against the schema of its version', async () => {
    const schemaFile = require.resolve(`@microsoft/app-manifest/build/json-schemas/teams/v${manifest.manifestVersion}/MicrosoftTeams.schema.json`);
    const schema = JSON.parse(fs.readFileSync(schemaFile, 'utf8'));
    expect(await AppManifestUtils.validateAgainstSchema(manifest, schema)).toEqual([]);
    const broken = { ...manifest, bots: [{ ...manifest.bots[0], scopes: ['nowhere'] }] };
    expect((await AppManifestUtils.validateAgainstSchema(broken, schema)).length).toBeGreaterThan(0);
  });
});
