import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGraphQLClient, type GraphQLClient } from './graphql-client.js';
import { startGateway, startSimulator, type GatewayProcess, type SimulatorProcess } from './processes.js';
import { createRestClient } from './rest.js';
import { createScenarios, readFixtures, type Scenario } from './scenarios.js';

// `npm run bench -- --replicas N`: the same closed-loop load (S1 and S3, as `--load`) against
// one replica, N replicas each on its own, and N replicas sharing a Redis (redis-server from
// PATH, on a free loopback port, stopped by PID), the clients spread over the replicas
// round-robin as a load balancer would. Then the cost of the Redis hop on a cache hit: one
// query answered from a replica's own cache, from Redis (that replica's in-process cache
// emptied before each run), and from Treeherder.

export interface ReplicaBenchOptions {
  replicas: number;
  latencyMs: number;
  jobsPerPush: number;
  durationS: number;
  connections: number;
  seed: number;
  now: number;
}

const percentile = (sorted: readonly number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN;

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function startRedisServer(): Promise<{ url: string; stop(): Promise<void> }> {
  const port = await freePort();
  const dir = await mkdtemp(join(tmpdir(), 'treeherder-graphql-bench-redis-'));
  const child: ChildProcess = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('Ready to accept connections')) resolve();
    });
    child.once('error', (error) => reject(new Error(`redis-server could not start (is it installed?): ${error.message}`)));
    child.once('exit', (code) => reject(new Error(`redis-server exited with ${code}`)));
  });
  return {
    url: `redis://127.0.0.1:${port}`,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        process.kill(child.pid!, 'SIGTERM');
        await exited;
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
}

interface LoadRow {
  setup: string;
  scenario: string;
  requests: number;
  errors: number;
  perSecond: number;
  p50: number;
  upstreamPerRequest: number;
}

/** `connections` clients, each sending its next request to the next replica when the last one is answered. */
async function drive(scenario: Scenario, clients: readonly GraphQLClient[], options: ReplicaBenchOptions): Promise<{ latencies: number[]; errors: number }> {
  const latencies: number[] = [];
  let errors = 0;
  let next = 0;
  const deadline = performance.now() + options.durationS * 1000;
  await Promise.all(
    Array.from({ length: options.connections }, async () => {
      while (performance.now() < deadline) {
        const client = clients[next++ % clients.length]!;
        const started = performance.now();
        try {
          await client.query(scenario);
          latencies.push(performance.now() - started);
        } catch (error) {
          errors += 1;
          if (errors <= 3) process.stderr.write(`${scenario.id}: ${error instanceof Error ? error.message : String(error)}\n`);
        }
      }
    }),
  );
  return { latencies, errors };
}

async function withFleet<T>(count: number, env: Record<string, string>, work: (gateways: GatewayProcess[], clients: GraphQLClient[]) => Promise<T>): Promise<T> {
  const gateways = await Promise.all(Array.from({ length: count }, () => startGateway(env)));
  const clients = gateways.map((gateway) => createGraphQLClient(gateway.url));
  try {
    return await work(gateways, clients);
  } finally {
    await Promise.all(clients.map((client) => client.close()));
    await Promise.all(gateways.map((gateway) => gateway.stop()));
  }
}

async function loadRows(setup: string, clients: GraphQLClient[], scenarios: Scenario[], simulator: SimulatorProcess, options: ReplicaBenchOptions): Promise<LoadRow[]> {
  const rows: LoadRow[] = [];
  for (const scenario of scenarios) {
    await simulator.clearLog();
    const { latencies, errors } = await drive(scenario, clients, options);
    const upstream = (await simulator.requests()).length;
    const done = latencies.length + errors;
    rows.push({
      setup,
      scenario: scenario.id,
      requests: done,
      errors,
      perSecond: done / options.durationS,
      p50: percentile([...latencies].sort((a, b) => a - b), 50),
      upstreamPerRequest: upstream / Math.max(1, done),
    });
    process.stderr.write(`${setup} ${scenario.id} done\n`);
  }
  return rows;
}

interface Way {
  label: string;
  client: GraphQLClient;
  /** Run before each timed query (emptying a replica's in-process caches). */
  before: () => Promise<void>;
}

/**
 * p50 of one query answered each way, and the upstream requests each cost per run. The ways
 * take turns run by run, so the machine's load (other processes, other sessions) weighs on all alike.
 */
async function timeWays(scenario: Pick<Scenario, 'query' | 'variables'>, simulator: SimulatorProcess, runs: number, ways: readonly Way[]): Promise<Array<[string, { p50: number; upstream: number }]>> {
  const times = ways.map((): number[] => []);
  const upstream = ways.map(() => 0);
  for (let run = 0; run < runs; run += 1) {
    for (const [index, way] of ways.entries()) {
      await way.before();
      await simulator.clearLog();
      const started = performance.now();
      await way.client.query(scenario);
      times[index]!.push(performance.now() - started);
      upstream[index]! += (await simulator.requests()).length;
    }
  }
  return ways.map((way, index) => [way.label, { p50: percentile(times[index]!.sort((a, b) => a - b), 50), upstream: upstream[index]! / runs }]);
}

export async function runReplicaBench(options: ReplicaBenchOptions): Promise<void> {
  const started = performance.now();
  const simulator = await startSimulator({ latencyMs: options.latencyMs, jobsPerPush: options.jobsPerPush, seed: options.seed, now: options.now });
  const redis = await startRedisServer();
  const rest = createRestClient(simulator.url);
  const base = { TREEHERDER_URL: simulator.url, USER_AGENT_CONTACT: 'mailto:bench@example.test', GRAPHIQL: 'false' };
  const n = options.replicas;
  try {
    const all = createScenarios(await readFixtures(rest));
    const scenarios = all.filter((scenario) => ['S1', 'S3'].includes(scenario.id));
    const rows: LoadRow[] = [];
    rows.push(...(await withFleet(1, base, (_gateways, clients) => loadRows('1 replica', clients, scenarios, simulator, options))));
    rows.push(...(await withFleet(n, base, (_gateways, clients) => loadRows(`${n} replicas, no Redis`, clients, scenarios, simulator, options))));
    const redisEnv = { ...base, REDIS_URL: redis.url };
    let hop: Array<[string, { p50: number; upstream: number }]> = [];
    rows.push(
      ...(await withFleet(n, redisEnv, async (gateways, clients) => {
        const loaded = await loadRows(`${n} replicas, one Redis`, clients, scenarios, simulator, options);
        // The Redis hop: 20 pushes by id and the repository list, all cacheable, on replica 2
        // after replica 1 filled the caches; a replica without Redis, its caches emptied each
        // time, stands for a miss.
        const listing = (await clients[0]!.query({ query: '{ pushes(repository: "autoland", first: 20) { nodes { id } } }', variables: {} })) as {
          pushes: { nodes: Array<{ id: string }> };
        };
        const cached = {
          variables: {},
          query: `query Hop { repositories { name } ${listing.pushes.nodes
            .map((push, index) => `p${index}: push(repository: "autoland", id: "${push.id}") { id revision author revisions { revision author } }`)
            .join(' ')} }`,
        };
        await clients[0]!.query(cached);
        hop = await withFleet(1, base, (alone, aloneClients) =>
          timeWays(cached, simulator, 40, [
            { label: "from the replica's own cache", client: clients[1]!, before: async () => {} },
            { label: 'from Redis (its own cache emptied before each run)', client: clients[1]!, before: () => gateways[1]!.clearCaches() },
            { label: 'from Treeherder (no Redis, caches emptied before each run)', client: aloneClients[0]!, before: () => alone[0]!.clearCaches() },
          ]),
        );
        return loaded;
      })),
    );

    const lines = [
      `Replicas: ${options.connections} concurrent clients spread round-robin over the replicas, ${options.durationS} s per row, upstream latency ${options.latencyMs} ms, ~${options.jobsPerPush} jobs per push; every process on this machine's cores.`,
      '',
      '| Setup | Scenario | Requests | Errors | Requests/s | p50 ms | Upstream per GraphQL request |',
      '|---|---|---|---|---|---|---|',
      ...rows.map((row) => `| ${row.setup} | ${row.scenario} | ${row.requests} | ${row.errors} | ${row.perSecond.toFixed(1)} | ${row.p50.toFixed(1)} | ${row.upstreamPerRequest.toFixed(2)} |`),
      '',
      'A cache hit and the Redis hop: one query for 20 pushes by id (with their revisions) and the repository list, on one replica, 40 runs each way, the ways taking turns.',
      '',
      '| Answered | p50 ms | Upstream requests per run |',
      '|---|---|---|',
      ...hop.map(([label, result]) => `| ${label} | ${result.p50.toFixed(2)} | ${result.upstream.toFixed(2)} |`),
      '',
      `Run time: ${((performance.now() - started) / 1000).toFixed(0)} s.`,
      '',
    ];
    process.stdout.write(lines.join('\n'));
  } finally {
    await rest.close();
    await redis.stop();
    await simulator.stop();
  }
}
