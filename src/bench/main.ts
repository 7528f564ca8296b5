import { parseArgs } from 'node:util';
import { createGraphQLClient } from './graphql-client.js';
import { runFairness } from './fairness.js';
import { runLoad } from './load.js';
import { runLive } from './live.js';
import { runParts } from './parts.js';
import { runReplicaBench } from './replicas.js';
import { cpuMs, startGateway, startSimulator, treeherderEnv, type GatewayProcess, type SimulatorProcess } from './processes.js';
import { createRestClient, type RestClient } from './rest.js';
import { createScenarios, readFixtures, type Scenario, type Way } from './scenarios.js';
import { formatTables, type Row } from './report.js';

// `npm run bench`: the simulator (with a per-response latency standing for the network) and
// the gateway in processes of their own; each scenario run three ways in the same run, cold
// caches for every gateway iteration, then warm. `--load` drives the gateway with concurrent
// clients instead. See README § Performance.

const { values } = parseArgs({
  options: {
    iterations: { type: 'string', default: '15' },
    warmup: { type: 'string', default: '3' },
    latency: { type: 'string', default: '20' },
    'jobs-per-push': { type: 'string', default: '250' },
    load: { type: 'boolean', default: false },
    parts: { type: 'boolean', default: false },
    fairness: { type: 'boolean', default: false },
    live: { type: 'boolean', default: false },
    interval: { type: 'string', default: '5000' },
    subscribers: { type: 'string', default: '1,10,100,1000' },
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '8' },
    replicas: { type: 'string' },
    http2: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (values.help) {
  process.stdout.write(`Usage: npm run bench [-- options]
  --iterations <n>     measured runs per scenario and way (default 15)
  --warmup <n>         unmeasured runs first (default 3)
  --latency <ms>       simulator delay per response (default 20)
  --jobs-per-push <n>  simulator scale (default 250)
  --http2              the table with the simulator on TLS: the gateway and both REST clients
                       speak HTTP/2 to it (by ALPN), one connection each
  --load               drive the gateway with concurrent clients (S1, S3) instead
  --parts              time to the first part of S1 and S2 with @defer, against the whole answer
  --fairness           an innocent query's latency, idle and with four abusive clients (fair sharing)
  --live               N subscribers through the gateway against N UI-like pollers (see --subscribers)
  --interval <ms>      --live: poll interval of both (default 5000)
  --subscribers <list> --live: the values of N (default 1,10,100,1000)
  --duration <s>       seconds per load run (default 10; --live: per N and way, default 30)
  --connections <n>    concurrent clients per load run (default 8)
  --replicas <n>       the load against 1 replica, n replicas alone and n sharing a Redis
                       (redis-server on PATH), and the Redis hop on a cache hit
`);
  process.exit(0);
}
const positive = (name: string, value: string | undefined): number => {
  const parsed = Number(value);
  if (!Number.isSafeInteger(parsed) || parsed < 0) throw new Error(`--${name} must be a non-negative integer`);
  return parsed;
};

/** The same anchor as the tests: generated data does not depend on the day the bench runs. */
const BENCH_NOW = Date.UTC(2026, 10, 20, 12, 0, 0);
const SEED = 1;

const percentile = (sorted: readonly number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

async function measure(
  scenario: Scenario,
  way: Way | 'warm',
  run: () => Promise<string>,
  simulator: SimulatorProcess,
  gateway: GatewayProcess,
  options: { iterations: number; warmup: number; cold: boolean },
): Promise<{ times: number[]; requests: number[]; connections: number[]; versions: Set<string>; simulatorCpu: number; gatewayCpu: number; digest: string }> {
  const times: number[] = [];
  const requests: number[] = [];
  const connections: number[] = [];
  const versions = new Set<string>();
  let simulatorCpu = 0;
  let gatewayCpu = 0;
  let digest = '';
  for (let index = 0; index < options.warmup + options.iterations; index += 1) {
    if (options.cold) await gateway.clearCaches();
    await simulator.clearLog();
    const cpuBefore = [cpuMs(simulator.pid), cpuMs(gateway.pid)] as const;
    const started = performance.now();
    digest = await run();
    const elapsed = performance.now() - started;
    const cpuAfter = [cpuMs(simulator.pid), cpuMs(gateway.pid)] as const;
    const log = await simulator.requests();
    if (index < options.warmup) continue;
    times.push(elapsed);
    requests.push(log.length);
    connections.push(new Set(log.map((entry) => entry.connection)).size);
    for (const entry of log) versions.add(entry.httpVersion);
    simulatorCpu += cpuAfter[0] - cpuBefore[0];
    gatewayCpu += cpuAfter[1] - cpuBefore[1];
  }
  void scenario;
  void way;
  return { times, requests, connections, versions, simulatorCpu: simulatorCpu / options.iterations, gatewayCpu: gatewayCpu / options.iterations, digest };
}

async function table(): Promise<void> {
  const iterations = Math.max(1, positive('iterations', values.iterations));
  const warmup = positive('warmup', values.warmup);
  const { latencyMs, jobsPerPush } = shared;
  const started = performance.now();

  const http2 = values.http2;
  const simulator = await startSimulator({ latencyMs, jobsPerPush, seed: SEED, now: BENCH_NOW, tls: http2 });
  const gateway = await startGateway({ ...treeherderEnv(simulator), USER_AGENT_CONTACT: 'mailto:bench@example.test', GRAPHIQL: 'false' });
  const rest: RestClient = createRestClient(simulator.url, { ca: simulator.ca });
  const graphql = createGraphQLClient(gateway.url);
  try {
    const scenarios = createScenarios(await readFixtures(rest));
    const rows: Row[] = [];
    for (const scenario of scenarios) {
      const ways: Record<Way, () => Promise<string>> = {
        gateway: async () => scenario.digestGateway(await graphql.query(scenario)),
        naive: () => scenario.naive(rest),
        ideal: () => scenario.ideal(rest),
      };
      const results = {} as Record<Way | 'warm', Awaited<ReturnType<typeof measure>>>;
      // Interleaving would mix one way's connections into another's timing; each way runs
      // its iterations in a row, after its own warm-up.
      for (const way of ['ideal', 'naive', 'gateway'] as const) {
        results[way] = await measure(scenario, way, ways[way], simulator, gateway, { iterations, warmup, cold: true });
      }
      // Warm: the same query again with the caches the previous run left.
      await ways.gateway();
      results.warm = await measure(scenario, 'warm', ways.gateway, simulator, gateway, { iterations, warmup: 0, cold: false });
      const digests = new Set([results.gateway.digest, results.naive.digest, results.ideal.digest, results.warm.digest]);
      if (digests.size !== 1) throw new Error(`${scenario.id}: the three ways fetched different data (${[...digests].join(', ')})`);
      const versions = new Set(Object.values(results).flatMap((result) => [...result.versions]));
      const expected = http2 ? '2.0' : '1.1';
      if ([...versions].some((version) => version !== expected)) throw new Error(`${scenario.id}: requests over HTTP ${[...versions].join(', ')}, not only ${expected}`);
      const summary = (way: Way | 'warm') => {
        const sorted = [...results[way].times].sort((a, b) => a - b);
        const requests = [...results[way].requests].sort((a, b) => a - b);
        const connections = [...results[way].connections].sort((a, b) => a - b);
        return {
          requests: requests[Math.floor(requests.length / 2)]!,
          requestsMax: requests.at(-1)!,
          connections: connections[Math.floor(connections.length / 2)]!,
          median: percentile(sorted, 50),
          p95: percentile(sorted, 95),
          simulatorCpu: results[way].simulatorCpu,
          gatewayCpu: results[way].gatewayCpu,
        };
      };
      rows.push({ scenario, gateway: summary('gateway'), naive: summary('naive'), ideal: summary('ideal'), warm: summary('warm') });
      process.stderr.write(`${scenario.id} done\n`);
    }
    const seconds = (performance.now() - started) / 1000;
    process.stdout.write(formatTables(rows, { latencyMs, jobsPerPush, iterations, seconds, protocol: http2 ? 'HTTP/2 over TLS' : 'HTTP/1.1', connections: await simulator.connections() }));
  } finally {
    await graphql.close();
    await rest.close();
    await gateway.stop();
    await simulator.stop();
  }
}

// What every mode takes alike: the simulator's latency, scale, seed and clock.
const shared = {
  latencyMs: positive('latency', values.latency),
  jobsPerPush: positive('jobs-per-push', values['jobs-per-push']),
  seed: SEED,
  now: BENCH_NOW,
};

if (values.http2 && (values.fairness || values.live || values.parts || values.load || values.replicas !== undefined)) {
  process.stderr.write('--http2 runs the table only (no --load, --parts, --fairness, --live or --replicas)\n');
  process.exit(2);
}

if (values.fairness) {
  await runFairness({
    ...shared,
    iterations: Math.max(1, positive('iterations', values.iterations)),
    abusiveClients: 4,
  });
} else if (values.live) {
  await runLive({
    ...shared,
    // --duration's default is the load runs'; a live run needs several intervals.
    durationS: process.argv.some((arg) => arg.startsWith('--duration')) ? Math.max(1, positive('duration', values.duration)) : 30,
    intervalMs: Math.max(1000, positive('interval', values.interval)),
    changeEveryMs: 1_700,
    counts: (values.subscribers ?? '').split(',').map((n) => Math.max(1, positive('subscribers', n.trim()))),
  });
} else if (values.parts) {
  await runParts({
    ...shared,
    iterations: Math.max(1, positive('iterations', values.iterations)),
    warmup: positive('warmup', values.warmup),
  });
} else if (values.replicas !== undefined) {
  await runReplicaBench({
    replicas: Math.max(2, positive('replicas', values.replicas)),
    ...shared,
    durationS: Math.max(1, positive('duration', values.duration)),
    connections: Math.max(1, positive('connections', values.connections)),
  });
} else if (values.load) {
  await runLoad({
    ...shared,
    durationS: Math.max(1, positive('duration', values.duration)),
    connections: Math.max(1, positive('connections', values.connections)),
  });
} else {
  await table();
}
