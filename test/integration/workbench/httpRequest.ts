import * as http from 'node:http';

export interface SimpleResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  text(): string;
}

/** One HTTP request, as sent (no path normalising), for tests where jest's sandbox has no fetch. */
export function request(url: string, options: { method?: string; headers?: http.OutgoingHttpHeaders; body?: string } = {}): Promise<SimpleResponse> {
  return new Promise((resolve, reject) => {
    const origin = new URL(url);
    const rawPath = url.replace(/^https?:\/\/[^/]+/, '') || '/';
    const req = http.request({ host: origin.hostname, port: origin.port, path: rawPath, method: options.method ?? 'GET', headers: options.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const body = Buffer.concat(chunks);
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body, text: () => body.toString('utf8') });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(options.body);
  });
}
