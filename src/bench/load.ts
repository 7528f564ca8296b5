import { createGraphQLClient } from './graphql-client.js';
import { cpuMs, memoryMiB, startGateway, startSimulator } from './processes.js';
import { createRestClient } from './rest.js';
import { createScenarios, readFixtures, type Scenario } from './scenarios.js';

// `npm run bench -- --load`: concurrent clients against the gateway (caches on, as deployed)
// for a fixed time per scenario; requests/s, latency percentiles, upstream requests per
// GraphQL request, CPU of both processes and the gateway's peak RSS. Then S1 again with
// pushes of 5,000 jobs, to show memory stays bounded as pushes grow.

export interface LoadOptions {
  latencyMs: number;
  jobsPerPush: number;
  durationS: number;
  connections: number;
  seed: number;
  now: number;
}

interface LoadResult {
  label: string;
  requests: number;
  errors: number;
  perSecond: number;
  p50: number;
  p99: number;
  upstreamPerRequest: number;
  gatewayCpuPerRequest: number;
  simulatorCpuPerRequest: number;
  /** Simulator CPU for the ideal REST client's work for one run of the scenario. */
  restWorkCpu: number;
  peakRssMiB: number;
}

const percentile = (sorted: readonly number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN;

async function loadRun(jobsPerPush: number, pick: readonly string[], options: LoadOptions): Promise<LoadResult[]> {
  const simulator = await startSimulator({ latencyMs: options.latencyMs, jobsPerPush, seed: options.seed, now: options.now });
  const gateway = await startGateway({ TREEHERDER_URL: simulator.url, USER_AGENT_CONTACT: 'mailto:bench@example.test', GRAPHIQL: 'false' });
  const rest = createRestClient(simulator.url);
  const graphql = createGraphQLClient(gateway.url);
  const results: LoadResult[] = [];
  try {
    const scenarios = createScenarios(await readFixtures(rest)).filter((scenario) => pick.includes(scenario.id));
    for (const scenario of scenarios) {
      // The REST work behind one run: what the simulator spends serving the ideal client.
      const restRuns = 10;
      const restBefore = cpuMs(simulator.pid);
      for (let run = 0; run < restRuns; run += 1) await scenario.ideal(rest);
      const restWorkCpu = (cpuMs(simulator.pid) - restBefore) / restRuns;

      await simulator.clearLog();
      const before = { gateway: cpuMs(gateway.pid), simulator: cpuMs(simulator.pid) };
      const { latencies, errors } = await drive(scenario, graphql, options);
      const after = { gateway: cpuMs(gateway.pid), simulator: cpuMs(simulator.pid) };
      const upstream = (await simulator.requests()).length;
      const sorted = [...latencies].sort((a, b) => a - b);
      const done = latencies.length + errors;
      results.push({
        label: `${scenario.id} (${jobsPerPush} jobs/push)`,
        requests: done,
        errors,
        perSecond: done / options.durationS,
        p50: percentile(sorted, 50),
        p99: percentile(sorted, 99),
        upstreamPerRequest: upstream / Math.max(1, done),
        gatewayCpuPerRequest: (after.gateway - before.gateway) / Math.max(1, done),
        simulatorCpuPerRequest: (after.simulator - before.simulator) / Math.max(1, done),
        restWorkCpu,
        peakRssMiB: memoryMiB(gateway.pid).peak,
      });
      process.stderr.write(`load ${scenario.id} at ${jobsPerPush} jobs/push done\n`);
    }
  } finally {
    await graphql.close();
    await rest.close();
    await gateway.stop();
    await simulator.stop();
  }
  return results;
}

/** `connections` clients, each sending its next request when the last one is answered. */
async function drive(scenario: Scenario, graphql: ReturnType<typeof createGraphQLClient>, options: LoadOptions): Promise<{ latencies: number[]; errors: number }> {
  const latencies: number[] = [];
  let errors = 0;
  const deadline = performance.now() + options.durationS * 1000;
  await Promise.all(
    Array.from({ length: options.connections }, async () => {
      while (performance.now() < deadline) {
        const started = performance.now();
        try {
          await graphql.query(scenario);
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

export async function runLoad(options: LoadOptions): Promise<void> {
  const started = performance.now();
  const results = [...(await loadRun(options.jobsPerPush, ['S1', 'S3'], options)), ...(await loadRun(5000, ['S1'], options))];
  const lines = [
    `Load: ${options.connections} concurrent clients, ${options.durationS} s per row, upstream latency ${options.latencyMs} ms; the gateway with its default (cached) configuration.`,
    '',
    '| Scenario | Requests | Errors | Requests/s | p50 ms | p99 ms | Upstream per GraphQL request | Gateway CPU ms per request | Simulator CPU ms per request | Simulator CPU ms for the ideal REST work of one run | Gateway peak RSS MiB |',
    '|---|---|---|---|---|---|---|---|---|---|---|',
    ...results.map(
      (row) =>
        `| ${row.label} | ${row.requests} | ${row.errors} | ${row.perSecond.toFixed(1)} | ${row.p50.toFixed(1)} | ${row.p99.toFixed(1)} | ${row.upstreamPerRequest.toFixed(2)} | ${row.gatewayCpuPerRequest.toFixed(1)} | ${row.simulatorCpuPerRequest.toFixed(1)} | ${row.restWorkCpu.toFixed(1)} | ${row.peakRssMiB.toFixed(0)} |`,
    ),
    '',
    `Run time: ${((performance.now() - started) / 1000).toFixed(0)} s.`,
    '',
  ];
  process.stdout.write(lines.join('\n'));
}
