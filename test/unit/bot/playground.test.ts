import { PLAYGROUND_CHANNEL_ID, PLAYGROUND_USERS, playgroundConfigYaml } from '../../../src/bot/playground';

describe('Agents Playground configuration', () => {
  it('puts the Head of Service at the keyboard by default, with their Entra object id', () => {
    const yaml = playgroundConfigYaml('frontline-visits-local-bot');
    const current = yaml.slice(yaml.indexOf('currentUser:'), yaml.indexOf('users:'));
    expect(current).toContain('aadObjectId: "0b6f3c1e-0000-4000-8000-000000000020"');
    expect(current).toContain('name: "Head of Service (CIN/CP)"');
  });

  it('lists at least five other users (the Playground refuses fewer) and the improvement channel', () => {
    const yaml = playgroundConfigYaml('bot', 'improvement');
    const users = yaml.slice(yaml.indexOf('users:'), yaml.indexOf('personalChat:'));
    expect((users.match(/^ {2}- id: /gm) || []).length).toBe(PLAYGROUND_USERS.length - 1);
    expect(PLAYGROUND_USERS.length - 1).toBeGreaterThanOrEqual(5);
    expect(yaml).toContain(`    - id: "${PLAYGROUND_CHANNEL_ID}"`);
    expect(yaml.slice(yaml.indexOf('currentUser:'), yaml.indexOf('users:'))).toContain('0b6f3c1e-0000-4000-8000-000000000010');
  });

  it('says which personas exist when asked for an unknown one', () => {
    expect(() => playgroundConfigYaml('bot', 'mayor')).toThrow(/PLAYGROUND_USER must be one of headOfService, improvement, hale/);
  });
});
