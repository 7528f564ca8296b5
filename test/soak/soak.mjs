#!/usr/bin/env node
// A bounded soak of the gateway under injected upstream faults (`npm run soak`, not part of
// `npm test`). The compiled gateway (`dist/src/main.js`) runs in a child process, so a crash
// is a child exit; the simulator (faults on) and the load run here. Mixed valid, invalid,
// deep and expensive queries are sent concurrently for --seconds; every so often Treeherder
// "goes down" for a few seconds so the circuit breaker opens and recovers.
//
// Passes when the gateway never crashed, had no unhandled rejection or uncaught exception,
// answered every request (no client-side timeout), shut down cleanly on SIGTERM, and its
// heap after GC (and, more loosely, RSS) did not grow from the middle of the run to its end.
//
//   npm run soak                         # build, then 150 s
//   npm run soak -- --seconds 30 --concurrency 8

import { fork } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Agent, request } from 'undici';
import { createSimulator } from '../../dist/src/simulator/index.js';

const { values: flags } = parseArgs({
  options: {
    seconds: { type: 'string', default: '150' },
    concurrency: { type: 'string', default: '12' },
    seed: { type: 'string', default: '1' },
    'max-heap-growth-mb': { type: 'string', default: '16' },
    'max-rss-growth-mb': { type: 'string', default: '64' },
    help: { type: 'boolean', short: 'h' },
  },
});
if (flags.help) {
  process.stdout.write('Usage: npm run soak -- [--seconds 150] [--concurrency 12] [--seed 1] [--max-heap-growth-mb 16] [--max-rss-growth-mb 64]\n');
  process.exit(0);
}
const SECONDS = Number(flags.seconds);
const CONCURRENCY = Number(flags.concurrency);
const MAX_HEAP_GROWTH = Number(flags['max-heap-growth-mb']) * 1024 * 1024;
const MAX_RSS_GROWTH = Number(flags['max-rss-growth-mb']) * 1024 * 1024;
if (!(SECONDS > 0) || !(CONCURRENCY > 0) || !(MAX_HEAP_GROWTH > 0) || !(MAX_RSS_GROWTH > 0)) {
  process.stderr.write('--seconds, --concurrency and the growth limits must be positive numbers\n');
  process.exit(2);
}

// ---------------------------------------------------------------------------------------
// The parent's own health: the simulator and the load generator must not misbehave either.

let parentUnhandled = 0;
process.on('unhandledRejection', (reason) => {
  parentUnhandled += 1;
  process.stderr.write(`soak: unhandled rejection in the soak process: ${reason instanceof Error ? reason.stack : String(reason)}\n`);
});

/** mulberry32: a small seeded PRNG, so a run's query mix repeats. */
function createRandom(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = createRandom(Number(flags.seed));
const pick = (items) => items[Math.floor(random() * items.length)];

// ---------------------------------------------------------------------------------------
// Treeherder, misbehaving: steady faults on several routes, and periodic outages.

const STEADY_FAULTS = [
  { path: '/api/project/*/jobs/*/bug_suggestions/', kind: 'status', status: 503, rate: 0.1 },
  { path: '/api/project/*/jobs/*/text_log_errors/', kind: 'reset', rate: 0.1 },
  { path: '/api/project/*/jobs/*/', kind: 'status', status: 500, rate: 0.05 },
  { path: '/api/jobs/', kind: 'truncated', rate: 0.03 },
  { path: '/api/project/*/push/', kind: 'html200', rate: 0.03 },
  { path: '/api/project/*/note/', kind: 'drip', chunkBytes: 8, intervalMs: 300, rate: 0.2 },
  { path: '/api/performance/**', kind: 'rate-limit', retryAfter: 1, rate: 0.1 },
  { path: '/api/**', kind: 'status', status: 502, body: 'json', rate: 0.02 },
  { path: '/api/**', kind: 'latency', ms: 5, spikeMs: 4_000, spikeRate: 0.03 },
];
const OUTAGE_FAULTS = [{ path: '/api/**', kind: 'status', status: 503 }, ...STEADY_FAULTS];
const OUTAGE_EVERY_MS = 40_000;
const OUTAGE_FOR_MS = 6_000;

const simulator = createSimulator({
  seed: 7,
  now: Date.UTC(2026, 10, 20, 12),
  scale: { pushesPerRepository: 30, jobsPerPush: 40 },
  faults: STEADY_FAULTS,
  faultSeed: Number(flags.seed),
});
const simulatorUrl = await simulator.listen(0, '127.0.0.1');
/** Hits per fault kind across every rule set the run used (setFaults restarts the counts). */
const faultHits = {};
function switchFaults(rules) {
  for (const rule of simulator.faults()) if (rule.hits > 0) faultHits[rule.kind] = (faultHits[rule.kind] ?? 0) + rule.hits;
  simulator.setFaults(rules, Number(flags.seed));
}
const data = simulator.data;
const listed = data.repositories.map((repository) => repository.name);
const jobsOf = (repository) => data.pushesOf(repository).slice(0, 10).flatMap((push) => data.jobsOfPush(push.id));
const jobPool = ['autoland', 'mozilla-central', 'mozilla-beta'].flatMap(jobsOf);
const failedJobs = jobPool.filter((job) => job.result === 'testfailed');
const pushPool = ['autoland', 'mozilla-central'].flatMap((repository) => data.pushesOf(repository).map((push) => ({ repository, push })));

// ---------------------------------------------------------------------------------------
// The query mix. Each kind says what a healthy gateway may answer, to catch soak mistakes
// (a "valid" query the schema refuses would test nothing).

const ids = (count, pool = jobPool) => Array.from({ length: count }, () => pick(pool).id);
const deepQuery = () => {
  // 11 levels: job → push → jobs → nodes → push → jobs → nodes → jobType → name, with the
  // repository between: close to MAX_DEPTH (12) without crossing it.
  const { repository, push } = pick(pushPool);
  return `{ push(repository: "${repository}", id: ${push.id}) { jobs(first: 3) { nodes { push { jobs(first: 2) { nodes { repository { name } jobType { name symbol } push { revision } } } } } } } }`;
};

const MIX = [
  // kind, weight, build() → { body | raw }
  ['valid', 6, () => ({ query: '{ repositories { name dvcsType isTryRepo } }' })],
  ['valid', 8, () => ({ query: `{ pushes(repository: "${pick(['autoland', 'mozilla-central', 'try'])}", first: 5) { nodes { id revision author jobs(result: "testfailed") { nodes { id jobType { name symbol } platform } } } pageInfo { hasNextPage endCursor } } }` })],
  ['valid', 8, () => ({ query: 'query($ids: [ID!]!) { jobs(ids: $ids) { id result state push { revision author } repository { name } logs { name url } } }', variables: { ids: ids(5).map(String) } })],
  ['valid', 8, () => ({ query: 'query($id: ID!) { job(id: $id) { id result bugSuggestions { search openRecentBugs { id summary } } textLogErrors { line lineNumber } notes { text } taskclusterMetadata { taskId } } }', variables: { id: String(pick(failedJobs.length ? failedJobs : jobPool).id) } })],
  ['valid', 4, () => ({ query: `{ pushes(repository: "autoland", first: 3) { nodes { id jobCounts { pending running completed } notes { text } decisionTask { taskId } } } }` })],
  ['valid', 4, () => ({ query: '{ performanceSignatures(repository: "mozilla-central", framework: 1, first: 20) { id suite test platform framework { name } parent { suite } } }' })],
  ['valid', 3, () => ({ query: '{ alertSummaries(first: 5) { nodes { id status revision framework { name } alerts { id isRegression amountPct series { suite } } } pageInfo { hasNextPage } } }' })],
  ['valid', 2, () => ({ query: `{ repository(name: "${pick(listed)}") { name } }` })],
  ['deep', 5, () => ({ query: deepQuery() })],
  ['expensive', 4, () => ({ query: 'query($ids: [ID!]!) { jobs(ids: $ids) { id bugSuggestions { search } textLogErrors { line } notes { text } } }', variables: { ids: ids(40).map(String) } })],
  ['expensive', 2, () => ({ query: `{ pushes(repository: "autoland", first: 20) { nodes { id jobs { nodes { id result } } jobCounts { completed } } } }` })],
  ['refused', 2, () => ({ query: '{ pushes(repository: "autoland", first: 50) { nodes { jobs { nodes { notes { text } bugSuggestions { search } } } } } }' })],
  ['refused', 2, () => ({ query: `{ push(repository: "autoland", id: 1) { jobs { nodes { push { jobs { nodes { push { jobs { nodes { push { jobs { nodes { id } } } } } } } } } } } } }` })],
  ['refused', 1, () => ({ query: `{ ${Array.from({ length: 120 }, (_, i) => `a${i}: repositories { name }`).join(' ')} }` })],
  ['invalid', 3, () => ({ query: '{ repositories { name ' })],
  ['invalid', 3, () => ({ query: '{ repositories { nom } }' })],
  ['invalid', 3, () => ({ query: `{ push(repository: "${pick(['../../admin', 'a/b', '%2e%2e', ''])}", id: 1) { id } }` })],
  ['invalid', 2, () => ({ query: 'query($id: ID!) { job(id: $id) { id } }', variables: { id: pick(['1; DROP TABLE job', '-5', '0x10', 'abc']) } })],
  ['invalid', 1, () => ({ query: 'mutation { repositories { name } }' })],
  ['invalid', 2, () => ({ raw: '{"query": ' })],
  ['invalid', 1, () => ({ raw: JSON.stringify({ query: `{ repositories { name } } # ${'x'.repeat(120_000)}` }) })],
  ['invalid', 1, () => ({ raw: 'query=%7B%7D', contentType: 'text/plain' })],
];
const totalWeight = MIX.reduce((sum, [, weight]) => sum + weight, 0);
function nextQuery() {
  let roll = random() * totalWeight;
  for (const [kind, weight, build] of MIX) {
    roll -= weight;
    if (roll < 0) return { kind, ...build() };
  }
  return { kind: MIX[0][0], ...MIX[0][2]() };
}

// ---------------------------------------------------------------------------------------
// The gateway in a child process.

const root = fileURLToPath(new URL('../../', import.meta.url));
const GATEWAY_ENV = {
  TREEHERDER_URL: simulatorUrl,
  HOST: '127.0.0.1',
  PORT: '0',
  USER_AGENT_CONTACT: 'mailto:soak@example.test',
  // Short enough that drips and latency spikes end within the run's pace.
  REQUEST_DEADLINE_MS: '5000',
  UPSTREAM_HEADERS_TIMEOUT_MS: '2500',
  UPSTREAM_BODY_TIMEOUT_MS: '1000',
  UPSTREAM_RETRY_AFTER_MAX_MS: '2000',
  UPSTREAM_BREAKER_THRESHOLD: '10',
  UPSTREAM_BREAKER_COOLDOWN_MS: '2000',
  // Caches are bounded; keep them small so that "memory flat" is not "cache still filling".
  CACHE_MAX_BYTES: String(8 * 1024 * 1024),
  SHUTDOWN_TIMEOUT_MS: '10000',
};
const child = fork(`${root}dist/src/main.js`, [], {
  cwd: root,
  env: { ...process.env, ...GATEWAY_ENV },
  execArgv: ['--expose-gc', '--import', new URL('./probe.mjs', import.meta.url).href],
  stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
});
let stopping = false;
let crashed = null;
const stderrTail = [];
child.stderr.setEncoding('utf8');
child.stderr.on('data', (chunk) => {
  stderrTail.push(chunk);
  if (stderrTail.length > 50) stderrTail.shift();
});
const exited = once(child, 'exit');
child.on('exit', (code, signal) => {
  if (!stopping) crashed = { code, signal };
});
const logLevels = {};
/** The breaker's changes of state as the gateway logged them, with the second of the run. */
const breakerTransitions = [];
let startedAt = null;
const logMessages = {};
let gatewayUrl = null;
const listening = new Promise((resolve, reject) => {
  createInterface({ input: child.stdout }).on('line', (line) => {
    let parsed;
    try {
      parsed = JSON.parse(line);
    } catch {
      return;
    }
    logLevels[parsed.level] = (logLevels[parsed.level] ?? 0) + 1;
    // What the gateway warned about or logged as an error (a masked error's original, a breaker change).
    if (parsed.level !== 'info') {
      const key = `${parsed.level}: ${String(parsed.message).slice(0, 80)}`;
      if (key in logMessages || Object.keys(logMessages).length < 30) logMessages[key] = (logMessages[key] ?? 0) + 1;
    }
    if (typeof parsed.message === 'string' && parsed.message.startsWith('upstream circuit breaker') && breakerTransitions.length < 100) {
      breakerTransitions.push(`${parsed.breaker}@${Math.round((Date.now() - (startedAt ?? Date.now())) / 1000)}s`);
    }
    if (parsed.message === 'treeherder-graphql listening') {
      gatewayUrl = parsed.url.replace(/\/graphql$/, '');
      resolve();
    }
  });
  child.once('exit', () => reject(new Error(`the gateway exited before listening:\n${stderrTail.join('')}`)));
});
await listening;

let sampleId = 0;
/** Memory and problem counts of the gateway process (after a full GC when asked). */
function sampleGateway(gc) {
  const id = ++sampleId;
  return new Promise((resolve, reject) => {
    const onMessage = (message) => {
      if (message?.type === 'sample' && message.id === id) {
        child.off('message', onMessage);
        resolve(message);
      }
    };
    child.on('message', onMessage);
    if (!child.send({ type: 'sample', id, gc })) reject(new Error('the gateway is gone'));
    setTimeout(() => reject(new Error('no memory sample within 10 s')), 10_000).unref();
  });
}

// ---------------------------------------------------------------------------------------
// The load.

const agent = new Agent({ connections: CONCURRENCY * 2, keepAliveTimeout: 10_000 });
const stats = {
  requests: 0,
  byKind: {},
  httpStatuses: {},
  errorCodes: {},
  partial: 0,
  clientTimeouts: 0,
  networkErrors: 0,
  /** Answers a healthy gateway should never give: a 5xx, a masked error, a valid query refused by the schema. */
  unexpected: [],
};
const count = (table, key) => (table[key] = (table[key] ?? 0) + 1);
const CLIENT_TIMEOUT_MS = 30_000;

async function send(item) {
  const body = item.raw ?? JSON.stringify({ query: item.query, variables: item.variables });
  const response = await request(`${gatewayUrl}/graphql`, {
    method: 'POST',
    dispatcher: agent,
    headers: { 'content-type': item.contentType ?? 'application/json', accept: 'application/json', 'user-agent': 'treeherder-graphql-soak' },
    body,
    signal: AbortSignal.timeout(CLIENT_TIMEOUT_MS),
  });
  const text = await response.body.text();
  let parsed = null;
  try {
    parsed = JSON.parse(text);
  } catch {
    // 413, 415: not always JSON.
  }
  return { status: response.statusCode, body: parsed };
}

function record(item, result) {
  stats.requests += 1;
  count(stats.byKind, item.kind);
  count(stats.httpStatuses, String(result.status));
  const errors = Array.isArray(result.body?.errors) ? result.body.errors : [];
  const codes = [...new Set(errors.map((error) => error?.extensions?.code ?? 'NONE'))];
  for (const code of codes) count(stats.errorCodes, code);
  if (errors.length > 0 && result.body?.data) stats.partial += 1;
  const problem =
    result.status >= 500
      ? `HTTP ${result.status}`
      : codes.includes('INTERNAL_SERVER_ERROR') || errors.some((error) => error?.message === 'Unexpected error.')
        ? 'masked error'
        : (item.kind === 'valid' || item.kind === 'deep' || item.kind === 'expensive') && codes.some((code) => /^(GRAPHQL_|BAD_USER_INPUT|BAD_REQUEST|OPERATION_)/.test(code))
          ? `valid query refused: ${codes.join(',')}`
          : null;
  if (problem && stats.unexpected.length < 20) stats.unexpected.push({ problem, kind: item.kind, query: (item.query ?? item.raw).slice(0, 160), errors: errors.slice(0, 2) });
}

startedAt = Date.now();
const endsAt = startedAt + SECONDS * 1000;
async function worker() {
  while (Date.now() < endsAt && crashed === null) {
    const item = nextQuery();
    try {
      record(item, await send(item));
    } catch (error) {
      if (error?.name === 'TimeoutError') stats.clientTimeouts += 1;
      else stats.networkErrors += 1;
      if (stats.unexpected.length < 20) stats.unexpected.push({ problem: `client error: ${error?.code ?? error?.name}: ${error?.message}`, kind: item.kind });
    }
  }
}

// Outages: Treeherder answers 503 to everything for a while; the breaker should open, fail
// fast, probe and close again.
const outages = [];
const outageTimer = setInterval(() => {
  switchFaults(OUTAGE_FAULTS);
  outages.push(Math.round((Date.now() - startedAt) / 1000));
  setTimeout(() => switchFaults(STEADY_FAULTS), OUTAGE_FOR_MS).unref();
}, OUTAGE_EVERY_MS);

// The simulator's request log would grow for the whole run: count it and let it go.
let simulatorRequests = 0;
const drainLog = () => {
  simulatorRequests += simulator.requests().length;
  simulator.clearRequests();
};
const logTimer = setInterval(drainLog, 5_000);

const memory = {};
const heartbeat = setInterval(() => {
  const elapsed = Math.round((Date.now() - startedAt) / 1000);
  process.stderr.write(`soak: ${elapsed}/${SECONDS} s, ${stats.requests} requests, codes ${JSON.stringify(stats.errorCodes)}\n`);
}, 15_000);

// Memory: after warm-up (10% of the run), at half time, and after the load has stopped.
const warmupAt = Math.max(5_000, SECONDS * 100);
const timers = [
  setTimeout(async () => (memory.start = await sampleGateway(true).catch(() => null)), warmupAt),
  setTimeout(async () => (memory.middle = await sampleGateway(true).catch(() => null)), SECONDS * 500),
];

await Promise.all(Array.from({ length: CONCURRENCY }, () => worker()));
clearInterval(outageTimer);
clearInterval(heartbeat);
clearInterval(logTimer);
for (const timer of timers) clearTimeout(timer);
const loadSeconds = (Date.now() - startedAt) / 1000;

// ---------------------------------------------------------------------------------------
// After the load: health, metrics, memory, a clean shutdown.

let healthStatus = null;
let metricsText = '';
switchFaults([]);
if (crashed === null) {
  healthStatus = (await request(`${gatewayUrl}/health`, { dispatcher: agent }).then(async (r) => (await r.body.dump(), r.statusCode)).catch(() => null));
  metricsText = await request(`${gatewayUrl}/metrics`, { dispatcher: agent }).then((r) => r.body.text()).catch(() => '');
  // Let timers of cut requests (deadlines, drips) run out before the last sample.
  await new Promise((resolve) => setTimeout(resolve, 2_000));
  memory.end = await sampleGateway(true).catch(() => null);
}
const metricSum = (name) =>
  metricsText
    .split('\n')
    .filter((line) => line.startsWith(`${name}{`) || line.startsWith(`${name} `))
    .reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);

stopping = true;
let shutdown = null;
if (crashed === null) {
  child.kill('SIGTERM');
  const [code, signal] = await exited;
  shutdown = { code, signal };
}
await agent.close();
drainLog();
await simulator.close();

// ---------------------------------------------------------------------------------------
// The verdict.

const mb = (bytes) => (bytes === undefined || bytes === null ? null : Math.round((bytes / 1024 / 1024) * 10) / 10);
const last = memory.end ?? memory.middle ?? memory.start;
const failures = [];
if (crashed) failures.push(`the gateway crashed: ${JSON.stringify(crashed)}\n${stderrTail.join('')}`);
if (last && last.unhandledRejections > 0) failures.push(`${last.unhandledRejections} unhandled rejections in the gateway`);
if (last && last.uncaughtExceptions > 0) failures.push(`${last.uncaughtExceptions} uncaught exceptions in the gateway`);
if (parentUnhandled > 0) failures.push(`${parentUnhandled} unhandled rejections in the soak process (simulator or load)`);
if (stats.clientTimeouts > 0) failures.push(`${stats.clientTimeouts} requests got no answer within ${CLIENT_TIMEOUT_MS / 1000} s`);
if (stats.unexpected.length > 0) failures.push(`${stats.unexpected.length} unexpected answers (see "unexpected")`);
if (!crashed && healthStatus !== 200) failures.push(`/health answered ${healthStatus} after the run`);
if (shutdown && shutdown.code !== 0) failures.push(`SIGTERM ended the gateway with ${JSON.stringify(shutdown)}`);
if (!memory.start || !memory.middle || !memory.end) failures.push('a memory sample is missing');
else {
  // From the middle on: warm-up fills bounded caches and pools; a leak keeps growing after.
  // Heap after GC is the leak signal; RSS also holds the allocator's high-water mark.
  const heapGrowth = memory.end.heapUsed - memory.middle.heapUsed;
  const rssGrowth = memory.end.rss - memory.middle.rss;
  if (heapGrowth > MAX_HEAP_GROWTH) failures.push(`heap after GC grew ${mb(heapGrowth)} MB from the middle of the run to its end (limit ${mb(MAX_HEAP_GROWTH)} MB)`);
  if (rssGrowth > MAX_RSS_GROWTH) failures.push(`RSS grew ${mb(rssGrowth)} MB from the middle of the run to its end (limit ${mb(MAX_RSS_GROWTH)} MB)`);
}

const summary = {
  seconds: Math.round(loadSeconds),
  concurrency: CONCURRENCY,
  requests: stats.requests,
  requestsPerSecond: Math.round(stats.requests / loadSeconds),
  byKind: stats.byKind,
  httpStatuses: stats.httpStatuses,
  errorCodes: Object.fromEntries(Object.entries(stats.errorCodes).sort(([, a], [, b]) => b - a)),
  partialResponses: stats.partial,
  clientTimeouts: stats.clientTimeouts,
  networkErrors: stats.networkErrors,
  upstream: {
    requests: metricSum('upstream_requests_total'),
    retries: metricSum('upstream_retries_total'),
    outagesAtSeconds: outages,
    breakerTransitions,
    simulatorRequests,
    faultHits,
  },
  gateway: {
    crashed,
    unhandledRejections: last?.unhandledRejections ?? null,
    uncaughtExceptions: last?.uncaughtExceptions ?? null,
    firstProblems: last?.firstProblems ?? [],
    logLines: logLevels,
    logMessages,
    healthAfter: healthStatus,
    shutdown,
  },
  memoryMB: {
    rss: { start: mb(memory.start?.rss), middle: mb(memory.middle?.rss), end: mb(memory.end?.rss) },
    heapUsed: { start: mb(memory.start?.heapUsed), middle: mb(memory.middle?.heapUsed), end: mb(memory.end?.heapUsed) },
  },
  soakProcessUnhandledRejections: parentUnhandled,
  gatewayEnv: { ...GATEWAY_ENV, TREEHERDER_URL: '(simulator)' },
  unexpected: stats.unexpected,
  verdict: failures.length === 0 ? 'pass' : 'fail',
  failures,
};
process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
process.exit(failures.length === 0 ? 0 : 1);
