import { Agent, request } from 'undici';
import { startGateway, startSimulator } from './processes.js';

// `npm run bench -- --fairness`: an innocent one-push query's latency, idle and while four
// abusive clients keep the gateway's upstream slots busy (each of their queries spends its
// whole budget of upstream requests). Upstream slots are shared round-robin between GraphQL
// requests, so the innocent query should wait about one slot per abusive request, not behind
// their hundreds of queued calls. Reports medians and their ratio from one run.

export interface FairnessOptions {
  latencyMs: number;
  jobsPerPush: number;
  /** Innocent queries measured idle, then again under load. */
  iterations: number;
  abusiveClients: number;
  seed: number;
  now: number;
}

const INNOCENT = `query Innocent($revision: String!) {
  push(repository: "autoland", revision: $revision) {
    id revision author
    jobCounts { pending running completed }
    jobs(result: "testfailed", first: 20) { nodes { id jobType { name } platform } }
  }
}`;

// Error lines of every job of 3 pushes: estimated under the refusal line, really over the budget,
// so each one sends MAX_OPERATION_COST upstream requests and is cut there.
const ABUSIVE = '{ pushes(repository: "autoland", first: 3) { nodes { id jobs { nodes { id textLogErrors { line } } } } } }';

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
};

export async function runFairness(options: FairnessOptions): Promise<void> {
  const simulator = await startSimulator({ latencyMs: options.latencyMs, jobsPerPush: options.jobsPerPush, seed: options.seed, now: options.now });
  const gateway = await startGateway({ TREEHERDER_URL: simulator.url, USER_AGENT_CONTACT: 'mailto:bench@example.test', GRAPHIQL: 'false', CACHE: 'false' });
  const agent = new Agent({ connections: 64, keepAliveTimeout: 30_000 });
  const post = async (query: string, variables: Record<string, unknown> = {}) => {
    const response = await request(`${gateway.url}/graphql`, {
      method: 'POST',
      dispatcher: agent,
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.body.json()) as { errors?: Array<{ extensions?: { code?: string } }> };
  };
  try {
    const pushes = (await (await fetch(`${simulator.url}/api/project/autoland/push/?count=${2 * options.iterations + 2}`)).json()) as { results: Array<{ revision: string }> };
    const revisions = pushes.results.map((push) => push.revision);
    const innocent = async (revision: string): Promise<number> => {
      const started = performance.now();
      const body = await post(INNOCENT, { revision });
      if (body.errors) throw new Error(`the innocent query failed: ${JSON.stringify(body.errors).slice(0, 300)}`);
      return performance.now() - started;
    };
    await innocent(revisions.at(-1)!); // warm-up: connections, JIT, what the gateway learns of pushes
    const idle: number[] = [];
    for (let index = 0; index < options.iterations; index += 1) idle.push(await innocent(revisions[index]!));

    let running = true;
    let abusiveRuns = 0;
    const codes = new Map<string, number>();
    const abusers = Array.from({ length: options.abusiveClients }, async () => {
      while (running) {
        const body = await post(ABUSIVE);
        abusiveRuns += 1;
        for (const error of body.errors ?? []) codes.set(String(error.extensions?.code), (codes.get(String(error.extensions?.code)) ?? 0) + 1);
      }
    });
    // Let the abusive queries fill the slots and the queue first.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const loaded: number[] = [];
    for (let index = 0; index < options.iterations; index += 1) loaded.push(await innocent(revisions[options.iterations + index]!));
    running = false;
    await Promise.all(abusers);

    // /health while four clients send the widest introspection the limits allow, back to back.
    const health = async (): Promise<number> => {
      const started = performance.now();
      const response = await request(`${gateway.url}/health`, { dispatcher: agent });
      await response.body.dump();
      return performance.now() - started;
    };
    const healthIdle: number[] = [];
    for (let index = 0; index < options.iterations; index += 1) healthIdle.push(await health());
    const wide = '__schema { types { name fields { name type { name fields { name type { name kind } } } } } }';
    let introspecting = true;
    let introspections = 0;
    let introspectionBytes = 0;
    const introspectors = Array.from({ length: options.abusiveClients }, async () => {
      while (introspecting) {
        const response = await request(`${gateway.url}/graphql`, {
          method: 'POST',
          dispatcher: agent,
          headers: { 'content-type': 'application/json', accept: 'application/json' },
          body: JSON.stringify({ query: `{ a: ${wide} b: ${wide} }` }),
        });
        introspectionBytes = Math.max(introspectionBytes, (await response.body.arrayBuffer()).byteLength);
        introspections += 1;
      }
    });
    await new Promise((resolve) => setTimeout(resolve, 500));
    const healthLoaded: number[] = [];
    for (let index = 0; index < options.iterations; index += 1) healthLoaded.push(await health());
    introspecting = false;
    await Promise.all(introspectors);

    const idleMedian = median(idle);
    const loadedMedian = median(loaded);
    process.stdout.write(
      [
        `Fair sharing: simulator latency ${options.latencyMs} ms, ${options.jobsPerPush} jobs/push, UPSTREAM_MAX_CONCURRENCY 16, MAX_OPERATION_COST 500, caches off`,
        `innocent one-push query (3 upstream requests), ${options.iterations} runs each`,
        `| | median ms | max ms |`,
        `|---|---|---|`,
        `| idle | ${idleMedian.toFixed(0)} | ${Math.max(...idle).toFixed(0)} |`,
        `| with ${options.abusiveClients} abusive clients | ${loadedMedian.toFixed(0)} | ${Math.max(...loaded).toFixed(0)} |`,
        `ratio (median under load / idle): ${(loadedMedian / idleMedian).toFixed(2)}x`,
        `abusive queries answered meanwhile: ${abusiveRuns}; their error codes: ${JSON.stringify(Object.fromEntries(codes))}`,
        '',
        `/health with ${options.abusiveClients} clients sending the widest introspection allowed (${introspections} answers, ${(introspectionBytes / 1024).toFixed(0)} KiB each):`,
        `| | median ms | max ms |`,
        `|---|---|---|`,
        `| idle | ${median(healthIdle).toFixed(1)} | ${Math.max(...healthIdle).toFixed(1)} |`,
        `| under introspection | ${median(healthLoaded).toFixed(1)} | ${Math.max(...healthLoaded).toFixed(1)} |`,
        '',
      ].join('\n'),
    );
  } finally {
    await agent.close();
    await gateway.stop();
    await simulator.stop();
  }
}
