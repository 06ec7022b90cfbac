/**
 * `npm start`: everything on this machine. Each service is one entry of `services`: it starts,
 * prints where it is, and returns how to stop it. Ctrl-C stops them in reverse order.
 * (Issue 5 adds the bot on 3978 and the Agents Playground on 56150 here.)
 */
import { describeSandbox, sandboxOptionsFromEnv, stopOnSignals } from '../src/sandbox/main';
import { startSandbox } from '../src/sandbox/server';

type Service = () => Promise<() => Promise<void>>;

const services: Service[] = [
  async () => {
    const sandbox = await startSandbox(sandboxOptionsFromEnv());
    console.log(describeSandbox(sandbox));
    return () => sandbox.close();
  }
];

async function start(): Promise<void> {
  const closers: Array<() => Promise<void>> = [];
  stopOnSignals(closers);
  for (const service of services) {
    closers.push(await service());
  }
}

start().catch((error) => {
  console.error('npm start failed:', error);
  process.exit(1);
});
