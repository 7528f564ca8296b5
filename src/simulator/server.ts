import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
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
import type { RequestLogEntry, Simulator, SimulatorOptions } from './types.js';

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
  let server: Server | null = null;
  let baseUrl = '';

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

  async function dispatch(req: IncomingMessage, path: string, rawQuery: string, entry: RequestLogEntry | null): Promise<Rendered> {
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
    const host = req.headers.host ?? 'localhost';
    const ctx: HandlerContext = {
      model,
      method,
      path,
      query: new Query(rawQuery),
      rawQuery,
      params,
      origin: `http://${host}`,
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
  async function adminRequest(req: IncomingMessage, res: ServerResponse, path: string): Promise<boolean> {
    const sendJson = (status: number, value: unknown): void => {
      const body = JSON.stringify(value);
      res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) }).end(body);
    };
    if (path === '/__simulator/requests') {
      if (req.method === 'DELETE') {
        log.length = 0;
        res.writeHead(204).end();
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
        res.writeHead(405, { Allow: 'GET, POST' }).end();
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
      res.writeHead(204).end();
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
      res.writeHead(405, { Allow: 'GET, PUT, DELETE' }).end();
    }
    return true;
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const receivedAt = Date.now();
    const started = performance.now();
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const rawPath = q < 0 ? url : url.slice(0, q);
    const rawQuery = q < 0 ? '' : url.slice(q + 1);
    const path = decodePath(rawPath);
    if (path.startsWith('/__simulator/') && (await adminRequest(req, res, path))) return;
    const requestLineBytes = Buffer.byteLength(`${req.method ?? 'GET'} ${url} HTTP/${req.httpVersion}`, 'latin1');
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
    };
    log.push(entry);
    if (requestLineBytes > LIMIT_REQUEST_LINE) {
      // Gunicorn refuses the line before Django (or a fault) sees the request.
      req.resume();
      const rendered = requestLineTooLarge(requestLineBytes);
      entry.status = rendered.status;
      res.writeHead(rendered.status, { ...rendered.headers, 'Content-Length': String(Buffer.byteLength(rendered.body)) }).end(rendered.body);
      entry.durationMs = elapsedSince(started);
      return;
    }
    const fault = faults.pick(entry.method, path);
    entry.fault = fault?.kind ?? null;
    // Drain any request body; the API never reads one.
    req.resume();
    const delayMs = latencyMs + (fault?.kind === 'latency' ? fault.delayMs : 0);
    if (delayMs > 0) await waitUnlessClosed(delayMs, res);
    if (res.destroyed) {
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
      // Node's own header limit (16 KiB) would answer a long URL with a 431 before gunicorn's
      // rule could: let requests far past the request-line limit reach it.
      const srv = createServer({ maxHeaderSize: 1 << 20 }, (req, res) => {
        handle(req, res).catch((error: unknown) => {
          process.emitWarning(`treeherder simulator: ${String(error)}`);
          if (!res.headersSent) res.writeHead(500);
          res.end();
        });
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
      baseUrl = `http://${shownHost}:${address.port}`;
      return baseUrl;
    },
    async close() {
      setLive(null);
      const srv = server;
      if (!srv) return;
      server = null;
      await new Promise<void>((resolve, reject) => {
        srv.close((error) => (error ? reject(error) : resolve()));
        srv.closeAllConnections();
      });
    },
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
function waitUnlessClosed(ms: number, res: ServerResponse): Promise<void> {
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
async function deliver(req: IncomingMessage, res: ServerResponse, rendered: Rendered, fault: AppliedFault | null): Promise<void> {
  let body = Buffer.from(rendered.body, 'utf8');
  const head = req.method === 'HEAD';
  // Always short of the whole body, so the result cannot be the complete document by accident.
  const part = (bytes: number | null): number => Math.max(0, Math.min(bytes ?? Math.floor(body.length / 2), body.length - 1));
  if (fault?.kind === 'truncated' && !head) body = body.subarray(0, part(fault.keepBytes));
  res.writeHead(rendered.status, { ...rendered.headers, 'Content-Length': String(body.length) });
  if (head) {
    res.end();
    return;
  }
  if (fault?.kind === 'reset') {
    res.flushHeaders();
    const cut = part(fault.afterBytes);
    await new Promise<void>((resolve) => (cut > 0 ? res.write(body.subarray(0, cut), () => resolve()) : setImmediate(resolve)));
    res.socket?.destroy();
    return;
  }
  if (fault?.kind === 'drip') {
    res.flushHeaders();
    for (let offset = 0; offset < body.length && !res.destroyed; offset += fault.chunkBytes) {
      if (offset > 0) await waitUnlessClosed(fault.intervalMs, res);
      if (res.destroyed) return;
      res.write(body.subarray(offset, offset + fault.chunkBytes));
    }
    res.end();
    return;
  }
  res.end(body);
}
