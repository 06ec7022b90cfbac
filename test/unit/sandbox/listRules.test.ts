import { sandboxOptionsFromEnv } from '../../../src/sandbox/main';
import { securityRulesFromEnvironment } from '../../../src/sandbox/security';

describe('SANDBOX_LIST_RULES', () => {
  it("keeps the sandbox's own field checks by default, and drops them for production's list settings only", () => {
    expect(securityRulesFromEnvironment({})).toEqual({ submittedLockRule: true });
    expect(securityRulesFromEnvironment({ SANDBOX_LIST_RULES: 'sandbox' })).toEqual({ submittedLockRule: true });
    expect(securityRulesFromEnvironment({ SANDBOX_LIST_RULES: ' Production ' })).toEqual({ submittedLockRule: false });
    expect(sandboxOptionsFromEnv({ SANDBOX_LIST_RULES: 'production' }).submittedLockRule).toBe(false);
    expect(sandboxOptionsFromEnv({}).submittedLockRule).toBe(true);
  });

  it('refuses a value it does not know, rather than guess which rules were meant', () => {
    expect(() => securityRulesFromEnvironment({ SANDBOX_LIST_RULES: 'prod' })).toThrow('SANDBOX_LIST_RULES must be "sandbox" or "production", not "prod"');
  });
});
