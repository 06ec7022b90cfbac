/**
 * Crash points for the fault suite: with `BOT_FAULT_POINT=<name>` in a local-mode bot's
 * environment, the process kills itself with SIGKILL the first time it reaches that point, as a
 * power cut or an OOM kill would stop it. Production mode never honours it (`armFaultPoints`).
 *
 * Points: `post-after-claim`, `post-after-post` (the Bot Connector accepted the card, its ids not
 * yet recorded), `post-after-record`; `answer-received`, `answer-before-write`,
 * `answer-after-write` (stored, card not yet refreshed), `answer-after-card` (card refreshed, the
 * Head of Service's client not yet answered).
 */
let armed: string | undefined;

export const FAULT_POINTS = [
  'post-after-claim',
  'post-after-post',
  'post-after-record',
  'answer-received',
  'answer-before-write',
  'answer-after-write',
  'answer-after-card',
] as const;

export type FaultPointName = (typeof FAULT_POINTS)[number];

/** Arms the point named in `BOT_FAULT_POINT`, in local mode only; returns it. */
export function armFaultPoints(mode: 'local' | 'production', env: { [name: string]: string | undefined } = process.env): string | undefined {
  const wanted = env.BOT_FAULT_POINT;
  armed = mode === 'local' && wanted && (FAULT_POINTS as ReadonlyArray<string>).indexOf(wanted) !== -1 ? wanted : undefined;
  return armed;
}

/** Stops the process here, at once and without clean-up, when this point is armed. */
export function faultPoint(name: FaultPointName): void {
  if (armed === name) {
    process.kill(process.pid, 'SIGKILL');
  }
}
