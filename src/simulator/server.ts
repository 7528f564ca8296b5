import { createServer, type IncomingMessage, type OutgoingHttpHeaders, type Server, type ServerOptions, type ServerResponse } from 'node:http';
import {
  constants as http2Constants,
  createSecureServer,
  type Http2SecureServer,
  type Http2ServerRequest,
  type Http2ServerResponse,
  type SecureServerOptions,
} from 'node:http2';
import type { AddressInfo, Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { alertRoutes } from './handlers/alerts.js';
import { jobRoutes } from './handlers/jobs.js';
import { logNoteRoutes } from './handlers/logs-notes.js';
import { perfRoutes } from './handlers/perf.js';
import { perfCompareRoutes } from './handlers/perfcompare.js';
import { pushRoutes } from './handlers/pushes.js';
import { referenceRoutes } from './handlers/reference.js';
import { createHawkVerifier, type HawkOutcome } from './hawk-verifier.js';
import { FaultRuleError, createFaultInjector, parseFaultRules, replacementReply, type AppliedFault, type FaultInjector, type FaultRule } from './faults.js';
import type { HandlerContext, Route } from './http/context.js';
import { Query } from './http/query.js';
import { detail, forbiddenPage, indexPage, serverError, type Reply } from './http/reply.js';
import { DEFAULT_SCALE, createModel, type SimulatorModel } from './model.js';
import { sha1Hex } from './random.js';
import { createTlsIdentity, type TlsIdentity } from './tls.js';
import type { ConnectionCounts, RequestLogEntry, Simulator, SimulatorOptions } from './types.js';

/** A request and its response, over HTTP/1.1 (`node:http`) or HTTP/2 (`node:http2`'s compatibility API). */
type Request = IncomingMessage | Http2ServerRequest;
type Response = ServerResponse | Http2ServerResponse;

const isHttp2 = (res: Response): res is Http2ServerResponse => 'stream' in res;

/** Headers HTTP/2 forbids in a response (RFC 9113 §8.2.2): node:http2 throws on them. */
const CONNECTION_HEADERS = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade']);

/** `res.writeHead`, without the connection-specific headers when the response is an HTTP/2 stream. */
function writeHead(res: Response, status: number, headers: OutgoingHttpHeaders = {}): Response {
  if (!isHttp2(res)) return res.writeHead(status, headers);
  const allowed = Object.fromEntries(Object.entries(headers).filter(([name]) => !CONNECTION_HEADERS.has(name.toLowerCase())));
  return res.writeHead(status, allowed);
}

/** Sends the status and headers now (HTTP/2's `writeHead` already does). */
function flushHeaders(res: Response): void {
  if (!isHttp2(res)) res.flushHeaders();
}

function writeChunk(res: Response, chunk: Buffer, done?: () => void): void {
  if (isHttp2(res)) res.write(chunk, done);
  else res.write(chunk, done);
}

/** Whether the client is gone (its connection, or over HTTP/2 its stream, closed). */
function isGone(res: Response): boolean {
  return isHttp2(res) ? res.stream.destroyed : res.destroyed;
}

/** Django's DISALLOWED_USER_AGENTS in Treeherder's settings (`re.search`, so `^` anchors). */
const DISALLOWED_USER_AGENTS = [/^Go-http-client\//, /^Go 1.1 package http/, /^libcurl\//, /^Python-urllib\//, /^python-requests\//];

const ROUTES: readonly Route[] = [
  ...referenceRoutes,
  ...pushRoutes,
  ...jobRoutes,
  ...logNoteRoutes,
  ...perfRoutes,
  ...alertRoutes,
  ...perfCompareRoutes,
];

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const ALLOWED_VERSIONS = new Set(['1.0', '1.1']);

interface Rendered {
  status: number;
  headers: Record<string, string>;
  body: string;
}

interface MediaRange {
  type: string;
  subtype: string;
  params: Map<string, string>;
  raw: string;
}

function parseAccept(header: string): MediaRange[] {
  return header
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part.length > 0)
    .map((raw) => {
      const [full = '', ...rest] = raw.split(';');
      const [type = '', subtype = ''] = full.trim().toLowerCase().split('/');
      const params = new Map<string, string>();
      for (const p of rest) {
        const eq = p.indexOf('=');
        if (eq < 0) continue;
        params.set(p.slice(0, eq).trim(), p.slice(eq + 1).trim().replace(/^"(.*)"$/, '$1'));
      }
      return { type, subtype, params, raw };
    });
}

function precedence(m: MediaRange): number {
  if (m.type === '*') return 0;
  if (m.subtype === '*') return 1;
  const params = [...m.params.keys()].filter((k) => k !== 'q');
  return params.length > 0 ? 3 : 2;
}

/**
 * DRF content negotiation with the single JSON renderer, then AcceptHeaderVersioning. Returns
 * the media type to answer with, or the 406 to send.
 */
function negotiate(accept: string | undefined): { mediaType: string } | { error: Reply } {
  if (!accept || accept.trim() === '') return { mediaType: 'application/json' };
  const ranges = parseAccept(accept);
  for (const level of [3, 2, 1, 0]) {
    for (const range of ranges) {
      if (precedence(range) !== level) continue;
      const matches =
        (range.type === '*' || range.type === 'application') && (range.subtype === '*' || range.subtype === 'json');
      if (!matches) continue;
      const params = [...range.params.entries()].filter(([k]) => k !== 'q');
      const mediaType = level < 2 ? ['application/json', ...params.map(([k, v]) => `${k}=${v}`)].join(';') : range.raw;
      const version = range.params.get('version');
      if (version !== undefined && !ALLOWED_VERSIONS.has(version)) {
        return { error: detail('Invalid version in "Accept" header.', 406) };
      }
      return { mediaType };
    }
  }
  return { error: detail('Could not satisfy the request Accept header.', 406) };
}

function decodePath(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

function matchRoute(path: string): { route: Route; params: Record<string, string> } | null {
  for (const route of ROUTES) {
    const m = route.pattern.exec(path);
    if (!m) continue;
    const params: Record<string, string> = {};
    route.names.forEach((name, i) => {
      params[name] = m[i + 1] ?? '';
    });
    return { route, params };
  }
  return null;
}

const VERSION_INFO = {
  source: 'https://github.com/mozilla/treeherder',
  version: 'simulator',
  commit: sha1Hex('treeherder-graphql simulator'),
  build: 'treeherder-graphql-simulator',
};

export function createSimulator(options: SimulatorOptions = {}): Simulator {
  const createdAt = Date.now();
  const anchor = options.now ?? createdAt;
  const model: SimulatorModel = createModel({
    seed: options.seed ?? 1,
    scale: {
      ...DEFAULT_SCALE,
      ...Object.fromEntries(Object.entries(options.scale ?? {}).filter(([, value]) => value !== undefined)),
    },
    nowMs: anchor,
    ...(options.jobCacheSize === undefined ? {} : { jobCacheSize: options.jobCacheSize }),
    ...(options.stepMs === undefined ? {} : { stepMs: options.stepMs }),
  });
  let liveTimer: NodeJS.Timeout | null = null;
  let liveStepMs: number | null = null;
  const setLive = (stepMs: number | null): void => {
    if (liveTimer) clearInterval(liveTimer);
    liveTimer = null;
    liveStepMs = null;
    if (stepMs === null) return;
    if (!Number.isFinite(stepMs) || stepMs < 10) throw new RangeError('stepMs must be a number of milliseconds, at least 10.');
    liveStepMs = stepMs;
    liveTimer = setInterval(() => model.advance(1), stepMs);
    liveTimer.unref();
  };
  if (options.liveStepMs !== undefined) setLive(options.liveStepMs);
  let latencyMs = Math.max(0, options.latencyMs ?? 0);
  const faultSeed = options.faultSeed ?? options.seed ?? 1;
  let faults: FaultInjector = createFaultInjector(parseFaultRules(options.faults ?? []), faultSeed);
  const setFaults = (rules: readonly FaultRule[], seed = faultSeed): void => {
    faults = createFaultInjector(parseFaultRules(rules), seed);
  };
  const clockSkewMs = options.clockSkewMs ?? 0;
  const verifyHawk = options.hawkCredentials ? createHawkVerifier(options.hawkCredentials, () => clockSkewMs) : null;
  const log: RequestLogEntry[] = [];
  let seq = 0;
  let server: Server | Http2SecureServer | null = null;
  let baseUrl = '';
  // TLS: HTTP/2 by ALPN with HTTP/1.1 for clients that do not offer h2; the certificate is
  // made here unless one is given.
  const tlsIdentity: TlsIdentity | null = options.tls === true ? createTlsIdentity() : options.tls ? options.tls : null;
  const counts: ConnectionCounts = { accepted: 0, tls: 0, h2: 0 };
  const connectionCounts = (): ConnectionCounts => ({ ...counts });
  const sockets = new Set<Socket>();
  // A connection is numbered when its first request arrives: an HTTP/1.1 socket, or an HTTP/2
  // session (its streams all share it).
  const connectionIds = new WeakMap<object, number>();
  let connectionSeq = 0;
  const connectionId = (req: Request): number => {
    const key: object = 'stream' in req ? req.stream.session ?? req.stream : req.socket;
    let id = connectionIds.get(key);
    if (id === undefined) connectionIds.set(key, (id = ++connectionSeq));
    return id;
  };

  /** Simulated current time: the anchor plus the live steps taken (frozen in between). */
  const nowUs = (): number => model.clockMs() * 1000;

  function render(reply: Reply, mediaType: string, origin: string | undefined, allow: string | null): Rendered {
    const headers: Record<string, string> = {
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'origin-when-cross-origin',
      'X-Frame-Options': 'DENY',
    };
    if (origin) headers['Access-Control-Allow-Origin'] = '*';
    if (reply.kind === 'json') {
      headers['Content-Type'] = mediaType;
      headers.Vary = 'Accept, Cookie, Origin';
      if (allow) headers.Allow = allow;
      return { status: reply.status, headers, body: JSON.stringify(reply.body) };
    }
    headers['Content-Type'] = 'text/html; charset=utf-8';
    headers.Vary = 'Origin';
    return { status: reply.status, headers, body: reply.body };
  }

  async function dispatch(req: Request, path: string, rawQuery: string, entry: RequestLogEntry | null): Promise<Rendered> {
    const method = (req.method ?? 'GET').toUpperCase();
    const origin = req.headers.origin;
    const userAgent = req.headers['user-agent'];
    if (userAgent !== undefined && DISALLOWED_USER_AGENTS.some((re) => re.test(userAgent))) {
      return render(forbiddenPage(), 'text/html', origin, null);
    }
    if (method === 'OPTIONS' && origin && req.headers['access-control-request-method']) {
      // django-cors-headers answers pre-flight requests before any view runs.
      return {
        status: 200,
        headers: {
          'Access-Control-Allow-Origin': '*',
          'Access-Control-Allow-Headers': 'accept, authorization, content-type, user-agent, x-csrftoken, x-requested-with',
          'Access-Control-Allow-Methods': 'DELETE, GET, OPTIONS, PATCH, POST, PUT',
          'Access-Control-Max-Age': '86400',
          'Content-Type': 'text/html; charset=utf-8',
          Vary: 'Origin',
        },
        body: '',
      };
    }
    if (path === '/__heartbeat__') {
      return render(
        { kind: 'json', status: 200, body: { status: 'ok', checks: { check_database_connected: 'ok', check_migrations_applied: 'ok', check_redis_connected: 'ok' }, details: {} } },
        'application/json',
        origin,
        null,
      );
    }
    if (path === '/__lbheartbeat__') return render({ kind: 'html', status: 200, body: '' }, 'text/html', origin, null);
    if (path === '/__version__') return render({ kind: 'json', status: 200, body: VERSION_INFO }, 'application/json', origin, null);

    const matched = path.startsWith('/api/') ? matchRoute(path) : null;
    if (!matched) {
      // The SPA catch-all (a TemplateView: GET/HEAD only).
      if (method !== 'GET' && method !== 'HEAD' && method !== 'OPTIONS') {
        return { status: 405, headers: { Allow: 'GET, HEAD, OPTIONS', 'Content-Type': 'text/html; charset=utf-8' }, body: '' };
      }
      return render(indexPage(), 'text/html', origin, null);
    }
    const { route, params } = matched;
    const negotiated = negotiate(req.headers.accept);
    if ('error' in negotiated) return render(negotiated.error, 'application/json', origin, route.allow);
    const { mediaType } = negotiated;

    const hawk: HawkOutcome = verifyHawk ? await verifyHawk(req) : { kind: 'none' };
    if (hawk.kind === 'failed') {
      const rendered = render(detail(hawk.detail, hawk.status), mediaType, origin, route.allow);
      if (hawk.status === 401) rendered.headers['WWW-Authenticate'] = 'Hawk';
      return rendered;
    }
    if (hawk.kind === 'verified' && entry) entry.hawkId = hawk.id;

    if (!SAFE_METHODS.has(method)) {
      // Session authentication sends no challenge, so missing credentials are a 403.
      if (hawk.kind !== 'verified') {
        return render(detail('Authentication credentials were not provided.', 403), mediaType, origin, route.allow);
      }
      if (!route.writes?.includes(method)) {
        return render(detail(`Method "${method}" not allowed.`, 405), mediaType, origin, route.allow);
      }
      // The simulator is read-only: authenticated writes are refused like a non-staff user's.
      return render(detail('You do not have permission to perform this action.', 403), mediaType, origin, route.allow);
    }
    if (method === 'OPTIONS') {
      return render(
        { kind: 'json', status: 200, body: { name: 'Treeherder API', description: '', renders: ['application/json'], parses: ['application/json'] } },
        mediaType,
        origin,
        route.allow,
      );
    }
    // HTTP/2 carries the host in `:authority` (undici sends no Host header there).
    const host = req.headers.host ?? req.headers[':authority'] ?? 'localhost';
    const ctx: HandlerContext = {
      model,
      method,
      path,
      query: new Query(rawQuery),
      rawQuery,
      params,
      origin: `${tlsIdentity ? 'https' : 'http'}://${host}`,
      nowUs,
    };
    let reply: Reply;
    try {
      reply = route.handler(ctx);
    } catch (error) {
      // An exception in a view is Django's 500 page; keep the cause visible to whoever runs us.
      process.emitWarning(`treeherder simulator: ${path}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      reply = serverError();
    }
    const rendered = render(reply, mediaType, origin, route.allow);
    if (hawk.kind === 'verified') {
      rendered.headers['Server-Authorization'] = hawk.sign(rendered.body, rendered.headers['Content-Type'] ?? '');
    }
    return rendered;
  }

  /** The control API under `/__simulator/`: the request log and the fault rules. */
  async function adminRequest(req: Request, res: Response, path: string): Promise<boolean> {
    const sendJson = (status: number, value: unknown): void => {
      const body = JSON.stringify(value);
      writeHead(res, status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) }).end(body);
    };
    if (path === '/__simulator/connections') {
      sendJson(200, connectionCounts());
      return true;
    }
    if (path === '/__simulator/requests') {
      if (req.method === 'DELETE') {
        log.length = 0;
        writeHead(res, 204).end();
      } else {
        sendJson(200, log);
      }
      return true;
    }
    if (path === '/__simulator/advance' || path === '/__simulator/live') {
      const state = () => ({ step: model.step, now: model.clockMs(), liveStepMs });
      if (req.method === 'GET') {
        sendJson(200, state());
        return true;
      }
      if (req.method !== 'POST') {
        writeHead(res, 405, { Allow: 'GET, POST' }).end();
        return true;
      }
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const text = Buffer.concat(chunks).toString('utf8').trim();
      let body: Record<string, unknown> = {};
      try {
        const parsed: unknown = text === '' ? {} : JSON.parse(text);
        if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object');
        body = parsed as Record<string, unknown>;
      } catch {
        sendJson(400, { errors: ['The body must be a JSON object.'] });
        return true;
      }
      if (path === '/__simulator/advance') {
        const steps = body.steps ?? 1;
        if (!Number.isSafeInteger(steps) || (steps as number) < 1 || (steps as number) > 10_000) {
          sendJson(400, { errors: ['steps must be an integer from 1 to 10000.'] });
          return true;
        }
        sendJson(200, model.advance(steps as number));
        return true;
      }
      const stepMs = body.stepMs;
      if (stepMs !== null && (typeof stepMs !== 'number' || !Number.isFinite(stepMs) || stepMs < 10)) {
        sendJson(400, { errors: ['stepMs must be a number of milliseconds (at least 10), or null to freeze.'] });
        return true;
      }
      setLive(stepMs as number | null);
      sendJson(200, state());
      return true;
    }
    if (path !== '/__simulator/faults') return false;
    if (req.method === 'GET') {
      sendJson(200, faults.status());
    } else if (req.method === 'DELETE') {
      setFaults([]);
      writeHead(res, 204).end();
    } else if (req.method === 'PUT') {
      // A JSON array of rules, or {"rules": [...], "seed": n} to choose the random streams.
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      try {
        const parsed: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        const envelope = Array.isArray(parsed) ? { rules: parsed, seed: undefined } : (parsed as { rules?: unknown; seed?: unknown } | null);
        const seed = envelope?.seed;
        if (seed !== undefined && !Number.isSafeInteger(seed)) throw new FaultRuleError(['seed must be an integer.']);
        setFaults(parseFaultRules(envelope?.rules), seed as number | undefined);
        sendJson(200, faults.status());
      } catch (error) {
        sendJson(400, { errors: error instanceof FaultRuleError ? error.problems : ['The body must be JSON: an array of rules or {"rules": [...], "seed": n}.'] });
      }
    } else {
      writeHead(res, 405, { Allow: 'GET, PUT, DELETE' }).end();
    }
    return true;
  }

  async function handle(req: Request, res: Response): Promise<void> {
    const receivedAt = Date.now();
    const started = performance.now();
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const rawPath = q < 0 ? url : url.slice(0, q);
    const rawQuery = q < 0 ? '' : url.slice(q + 1);
    const path = decodePath(rawPath);
    if (path.startsWith('/__simulator/') && (await adminRequest(req, res, path))) return;
    // Over HTTP/2 the line gunicorn would get from the proxy that speaks HTTP/2 to clients
    // (Google's load balancer in front of Treeherder forwards HTTP/1.1): the same limit applies.
    const httpVersion = isHttp2(res) ? '1.1' : req.httpVersion;
    const requestLineBytes = Buffer.byteLength(`${req.method ?? 'GET'} ${url} HTTP/${httpVersion}`, 'latin1');
    const entry: RequestLogEntry = {
      seq: ++seq,
      method: (req.method ?? 'GET').toUpperCase(),
      path,
      query: rawQuery,
      params: new Query(rawQuery).pairs.map(([k, v]) => [k, v]),
      userAgent: req.headers['user-agent'] ?? null,
      authorization: req.headers.authorization ?? null,
      hawkId: null,
      status: 0,
      receivedAt,
      durationMs: 0,
      fault: null,
      requestLineBytes,
      httpVersion: req.httpVersion,
      connection: connectionId(req),
    };
    log.push(entry);
    if (requestLineBytes > LIMIT_REQUEST_LINE) {
      // Gunicorn refuses the line before Django (or a fault) sees the request.
      req.resume();
      const rendered = requestLineTooLarge(requestLineBytes);
      entry.status = rendered.status;
      writeHead(res, rendered.status, { ...rendered.headers, 'Content-Length': String(Buffer.byteLength(rendered.body)) }).end(rendered.body);
      entry.durationMs = elapsedSince(started);
      return;
    }
    const fault = faults.pick(entry.method, path);
    entry.fault = fault?.kind ?? null;
    // Drain any request body; the API never reads one.
    req.resume();
    const delayMs = latencyMs + (fault?.kind === 'latency' ? fault.delayMs : 0);
    if (delayMs > 0) await waitUnlessClosed(delayMs, res);
    if (isGone(res)) {
      // The client gave up while we waited: nothing left to answer.
      entry.durationMs = elapsedSince(started);
      return;
    }
    const replacement = fault ? replacementReply(fault) : null;
    let rendered: Rendered;
    try {
      rendered = replacement ? render(replacement, 'application/json', req.headers.origin, null) : await dispatch(req, path, rawQuery, entry);
    } catch (error) {
      process.emitWarning(`treeherder simulator: ${error instanceof Error ? error.message : String(error)}`);
      rendered = { status: 500, headers: { 'Content-Type': 'text/html; charset=utf-8' }, body: '<h1>Server Error (500)</h1>' };
    }
    if (fault?.kind === 'rate-limit') rendered.headers['Retry-After'] = String(fault.retryAfter);
    entry.status = rendered.status;
    await deliver(req, res, rendered, fault);
    entry.durationMs = elapsedSince(started);
  }

  return {
    get url() {
      return baseUrl;
    },
    data: model,
    async listen(port = 0, host = '127.0.0.1') {
      if (server) return baseUrl;
      const onRequest = (req: Request, res: Response): void => {
        handle(req, res).catch((error: unknown) => {
          process.emitWarning(`treeherder simulator: ${String(error)}`);
          if (!res.headersSent) writeHead(res, 500);
          res.end();
        });
      };
      // Node's own header limit (16 KiB) would answer a long URL with a 431 before gunicorn's
      // rule could: let requests far past the request-line limit reach it (HTTP/2's header
      // list likewise).
      const http1: ServerOptions = { maxHeaderSize: 1 << 20 };
      // The HTTP/1.1 fallback reads node:http's options from the same object.
      const secure: SecureServerOptions & ServerOptions = { ...tlsIdentity, ...http1, allowHTTP1: true, settings: { maxHeaderListSize: 1 << 20 } };
      const srv: Server | Http2SecureServer = tlsIdentity ? createSecureServer(secure, onRequest) : createServer(http1, onRequest);
      srv.on('connection', (socket: Socket) => {
        counts.accepted += 1;
        sockets.add(socket);
        socket.once('close', () => sockets.delete(socket));
      });
      srv.on('secureConnection', (socket: TLSSocket) => {
        counts.tls += 1;
        if (socket.alpnProtocol === 'h2') counts.h2 += 1;
      });
      server = srv;
      await new Promise<void>((resolve, reject) => {
        srv.once('error', reject);
        srv.listen(port, host, () => {
          srv.off('error', reject);
          resolve();
        });
      });
      const address = srv.address() as AddressInfo;
      const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
      baseUrl = `${tlsIdentity ? 'https' : 'http'}://${shownHost}:${address.port}`;
      return baseUrl;
    },
    async close() {
      setLive(null);
      const srv = server;
      if (!srv) return;
      server = null;
      await new Promise<void>((resolve, reject) => {
        srv.close((error?: Error) => (error ? reject(error) : resolve()));
        // Keep-alive connections and HTTP/2 sessions alike (the HTTP/2 server has no closeAllConnections).
        for (const socket of sockets) socket.destroy();
      });
    },
    tls: tlsIdentity,
    connections: connectionCounts,
    requests() {
      return log.map((e) => ({ ...e, params: e.params.map(([k, v]) => [k, v] as [string, string]) }));
    },
    clearRequests() {
      log.length = 0;
    },
    setLatency(ms: number) {
      latencyMs = Math.max(0, ms);
    },
    setFaults,
    faults: () => faults.status(),
    advance: (steps = 1) => model.advance(steps),
    setLive,
    get liveStepMs() {
      return liveStepMs;
    },
  };
}

/** Gunicorn's `limit_request_line` default (Treeherder does not override it: docker/entrypoint_prod.sh). */
export const LIMIT_REQUEST_LINE = 4094;

/** Gunicorn's `util.write_error` page for `LimitRequestLine` (workers/base.py `handle_error`). */
function requestLineTooLarge(bytes: number): Rendered {
  const body =
    '<html>\n  <head>\n    <title>Bad Request</title>\n  </head>\n  <body>\n    <h1><p>Bad Request</p></h1>\n' +
    `    Request Line is too large (${bytes} &gt; ${LIMIT_REQUEST_LINE})\n  </body>\n</html>\n`;
  return { status: 400, headers: { Connection: 'close', 'Content-Type': 'text/html' }, body };
}

const elapsedSince = (started: number): number => Math.round((performance.now() - started) * 1000) / 1000;

/** Waits `ms`, or less when the response is closed first (client gone, server closing). */
function waitUnlessClosed(ms: number, res: Response): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      res.off('close', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    res.once('close', done);
  });
}

/**
 * Writes the response, misbehaving as the fault says: `truncated` sends less body with a
 * Content-Length that matches; `reset` announces the whole body, sends part of it and
 * destroys the connection; `drip` sends it a few bytes at a time.
 */
async function deliver(req: Request, res: Response, rendered: Rendered, fault: AppliedFault | null): Promise<void> {
  let body = Buffer.from(rendered.body, 'utf8');
  const head = req.method === 'HEAD';
  // Always short of the whole body, so the result cannot be the complete document by accident.
  const part = (bytes: number | null): number => Math.max(0, Math.min(bytes ?? Math.floor(body.length / 2), body.length - 1));
  if (fault?.kind === 'truncated' && !head) body = body.subarray(0, part(fault.keepBytes));
  writeHead(res, rendered.status, { ...rendered.headers, 'Content-Length': String(body.length) });
  if (head) {
    res.end();
    return;
  }
  if (fault?.kind === 'reset') {
    flushHeaders(res);
    const cut = part(fault.afterBytes);
    await new Promise<void>((resolve) => (cut > 0 ? writeChunk(res, body.subarray(0, cut), resolve) : setImmediate(resolve)));
    // Over HTTP/2 the stream is reset (RST_STREAM), as a proxy does when its backend drops:
    // destroying the socket would cut every other stream of the connection too.
    if (isHttp2(res)) res.stream.close(http2Constants.NGHTTP2_INTERNAL_ERROR);
    else res.socket?.destroy();
    return;
  }
  if (fault?.kind === 'drip') {
    flushHeaders(res);
    for (let offset = 0; offset < body.length && !isGone(res); offset += fault.chunkBytes) {
      if (offset > 0) await waitUnlessClosed(fault.intervalMs, res);
      if (isGone(res)) return;
      writeChunk(res, body.subarray(offset, offset + fault.chunkBytes));
    }
    res.end();
    return;
  }
  res.end(body);
}
