/**
 * `npm start`'s sandbox: reads PORT (default 4321), SANDBOX_DATA (default `.sandbox/`),
 * SANDBOX_DIRECTORY and SANDBOX_TODAY from the environment, starts the sandbox and stops it
 * cleanly on Ctrl-C / SIGTERM.
 */
import { resolve } from 'node:path';
import { SandboxHandle, SandboxOptions, startSandbox } from './server';
import { FIXED_PERSONAS } from './directory';
import { securityRulesFromEnvironment } from './security';

export const DEFAULT_SANDBOX_PORT = 4321;

export function sandboxOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): SandboxOptions {
  const port = env.PORT ? Number(env.PORT) : DEFAULT_SANDBOX_PORT;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be a port number, not "${env.PORT}"`);
  }
  return {
    port,
    dataDir: resolve(env.SANDBOX_DATA || '.sandbox'),
    directoryFile: env.SANDBOX_DIRECTORY || undefined,
    today: env.SANDBOX_TODAY || undefined,
    seed: env.SANDBOX_SEED === 'empty' ? 'empty' : 'demo',
    submittedLockRule: securityRulesFromEnvironment(env).submittedLockRule
  };
}

export function describeSandbox(sandbox: SandboxHandle): string {
  return [
    `Frontline Visits sandbox: workbench ${sandbox.url}/`,
    `  SharePoint site ${sandbox.siteUrl} (REST at /_api), Graph at ${sandbox.url}/v1.0`,
    `  data in ${sandbox.dataDir}`,
    `  list rules: ${sandbox.listRules === 'production' ? "production's list settings only (SANDBOX_LIST_RULES=production)" : "the sandbox's (production's list settings plus its own field checks)"}`,
    `  personas: ${FIXED_PERSONAS.map((p) => p.email).join(', ')}`
  ].join('\n');
}

/**
 * Runs closers in reverse order of start when the process is asked to stop; a second Ctrl-C
 * forces the exit.
 */
export function stopOnSignals(closers: Array<() => Promise<void>>): void {
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) {
      process.exit(1);
    }
    stopping = true;
    console.log(`\n${signal}: stopping…`);
    closers
      .slice()
      .reverse()
      .reduce((chain, close) => chain.then(close).catch((error) => console.error('Stopping failed:', error)), Promise.resolve())
      .then(() => process.exit(0));
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

async function main(): Promise<void> {
  const sandbox = await startSandbox(sandboxOptionsFromEnv());
  console.log(describeSandbox(sandbox));
  stopOnSignals([() => sandbox.close()]);
}

if (require.main === module) {
  main().catch((error) => {
    console.error('The sandbox could not start:', error);
    process.exit(1);
  });
}
