import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

// A hostile or broken Treeherder: a proxy in front of the simulator that answers chosen paths
// with huge bodies, or rewrites the `count` of job pages into a lie. Real HTTP on loopback.

export interface Tampering {
  /** Paths answered with a JSON body of about this many bytes, streamed (chunked, or with its Content-Length when `declare`). */
  huge?: { path: string; bytes: number; declare?: boolean };
  /** `/api/jobs/` pages claim this many jobs, and always a next page. */
  jobCount?: number;
  /** Called when a request arrives (its path). */
  onRequest?: (path: string) => void;
}

export interface TamperingProxy {
  url: string;
  /** Body bytes the proxy managed to write for huge answers (the gateway stops reading early). */
  hugeBytesWritten(): number;
  /** Requests that reached the proxy. */
  requests(): string[];
  set(tampering: Tampering): void;
  close(): Promise<void>;
}

async function streamHuge(response: ServerResponse, bytes: number, declare: boolean, count: (n: number) => void): Promise<void> {
  const head = '{"padding":"';
  const tail = '"}';
  const headers: Record<string, string | number> = { 'content-type': 'application/json' };
  if (declare) headers['content-length'] = bytes;
  response.writeHead(200, headers);
  const chunk = Buffer.alloc(64 * 1024, 'a');
  let closed = false;
  let wake: () => void = () => {};
  response.on('close', () => {
    closed = true;
    wake();
  });
  response.write(head);
  let sent = head.length;
  while (sent < bytes - tail.length && !closed) {
    const part = chunk.subarray(0, Math.min(chunk.length, bytes - tail.length - sent));
    sent += part.length;
    count(part.length);
    // Written only as fast as the reader takes it (a socket buffer or two ahead).
    if (!response.write(part)) await new Promise<void>((resolve) => ((wake = resolve), response.once('drain', resolve)));
  }
  if (!closed) response.end(tail);
}

export async function startTamperingProxy(simulatorUrl: string, initial: Tampering = {}): Promise<TamperingProxy> {
  let tampering = initial;
  let hugeBytes = 0;
  const seen: string[] = [];
  const server: Server = createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://proxy.test');
    seen.push(url.pathname);
    tampering.onRequest?.(url.pathname);
    response.on('error', () => {});
    if (tampering.huge && url.pathname === tampering.huge.path) {
      await streamHuge(response, tampering.huge.bytes, tampering.huge.declare ?? false, (n) => (hugeBytes += n));
      return;
    }
    const upstream = await fetch(`${simulatorUrl}${request.url}`, { headers: { accept: 'application/json' } });
    let body = Buffer.from(await upstream.arrayBuffer());
    if (tampering.jobCount !== undefined && url.pathname === '/api/jobs/' && upstream.ok) {
      const page = JSON.parse(body.toString('utf8')) as { count: number; next: string | null };
      page.count = tampering.jobCount;
      const pageNumber = Number(url.searchParams.get('page') ?? '1');
      url.searchParams.set('page', String(pageNumber + 1));
      page.next = `${simulatorUrl}${url.pathname}?${url.searchParams}`;
      body = Buffer.from(JSON.stringify(page));
    }
    response.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'application/json' });
    response.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    hugeBytesWritten: () => hugeBytes,
    requests: () => [...seen],
    set(next) {
      tampering = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
