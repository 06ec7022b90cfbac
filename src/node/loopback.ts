/**
 * Listening on this machine only, for the services that trust whoever calls them: the sandbox (a
 * header names the caller) and the bot in local mode (no Entra token is checked). Node-only.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface LoopbackListening {
  /** The port both addresses listen on (the one chosen when 0 was asked for). */
  port: number;
  /** Stops both, dropping open connections. */
  close(): Promise<void>;
}

function closeServer(server: http.Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

/**
 * Listens on 127.0.0.1 and, when the machine has IPv6, on ::1 at the same port, so that
 * `localhost` works whichever address it resolves to first and nothing off the machine can
 * connect. Node's `listen` takes one address, so the IPv6 side is a second server that hands each
 * request to the first one's listeners (those added later included). Port 0 picks a free port.
 * Rejects when 127.0.0.1 cannot listen (the port is taken); a machine without IPv6 is not an error.
 */
export async function listenOnLoopback(server: http.Server, port: number): Promise<LoopbackListening> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const chosen = (server.address() as AddressInfo).port;
  const servers = [server];
  const v6 = http.createServer((req, res) => server.emit('request', req, res));
  await new Promise<void>((resolve) => {
    v6.once('error', () => resolve());
    v6.listen(chosen, '::1', () => {
      servers.push(v6);
      resolve();
    });
  });
  return { port: chosen, close: () => Promise.all(servers.map(closeServer)).then(() => undefined) };
}
