import { Agent, request } from 'undici';
import { startGateway, startSimulator } from './processes.js';
import { createRestClient } from './rest.js';
import { createScenarios, readFixtures, type Scenario } from './scenarios.js';

// `npm run bench -- --parts`: how soon the first part of a big answer arrives with `@defer`
// against the same query answered whole, over real HTTP to a gateway in its own process (the
// bytes GraphiQL receives), caches off, each query's runs in a row. Reports medians.

export interface PartsOptions {
  latencyMs: number;
  jobsPerPush: number;
  iterations: number;
  warmup: number;
  seed: number;
  now: number;
}

/** S1 and S2 with the job lists deferred: what a dashboard shows first does not wait for them. */
function deferred(scenario: Scenario): string {
  const query = deferredText(scenario);
  // A scenario whose text changed shape would otherwise be timed undeferred, as one part.
  if (!query.includes('@defer')) throw new Error(`${scenario.id}: its query no longer has the shape the deferred form is made from`);
  return query;
}

function deferredText(scenario: Scenario): string {
  if (scenario.id === 'S1') {
    return scenario.query.replace(/jobs \{ nodes \{/, '... @defer(label: "jobs") { jobs { nodes {').replace(/\} \} \} \} \}$/, '} } } } } }');
  }
  if (scenario.id === 'S2') {
    return scenario.query
      .replace(/jobs \{ nodes \{ id result state \} \}/, '... @defer(label: "jobs") { jobs { nodes { id result state } } }')
      .replace(/failed: jobs\(([^)]*)\) \{ nodes \{ (.*) \} \} \} \}$/, '... @defer(label: "failed") { failed: jobs($1) { nodes { $2 } } } } }');
  }
  throw new Error(`no deferred form of ${scenario.id}`);
}

interface Timing {
  first: number;
  complete: number;
  parts: number;
}

async function timeQuery(url: string, agent: Agent, query: string, variables: Record<string, unknown>, accept: string): Promise<Timing> {
  const started = performance.now();
  const response = await request(`${url}/graphql`, {
    method: 'POST',
    dispatcher: agent,
    headers: { 'content-type': 'application/json', accept },
    body: JSON.stringify({ query, variables }),
  });
  let first = 0;
  let parts = 0;
  let text = '';
  for await (const chunk of response.body) {
    if (first === 0) first = performance.now() - started;
    text += chunk.toString();
  }
  const complete = performance.now() - started;
  if (response.statusCode !== 200 || text.includes('"errors"')) throw new Error(`gateway: HTTP ${response.statusCode}: ${text.slice(0, 300)}`);
  parts = accept === 'application/json' ? 1 : text.split('\r\n---').length - 2;
  return { first, complete, parts };
}

const median = (values: readonly number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

export async function runParts(options: PartsOptions): Promise<void> {
  const simulator = await startSimulator({ latencyMs: options.latencyMs, jobsPerPush: options.jobsPerPush, seed: options.seed, now: options.now });
  const gateway = await startGateway({ TREEHERDER_URL: simulator.url, USER_AGENT_CONTACT: 'mailto:bench@example.test', GRAPHIQL: 'false', CACHE: 'false' });
  const rest = createRestClient(simulator.url);
  const agent = new Agent({ connections: 8, keepAliveTimeout: 30_000 });
  const lines = [
    `Time to the first part, @defer against the whole answer (${options.latencyMs} ms per upstream response, ${options.jobsPerPush} jobs per push, caches off, medians of ${options.iterations}):`,
    '',
    '| scenario | whole answer: first byte / complete | @defer: first part / complete | parts | first part ÷ whole |',
    '|---|---|---|---|---|',
  ];
  try {
    const scenarios = createScenarios(await readFixtures(rest)).filter((scenario) => scenario.id === 'S1' || scenario.id === 'S2');
    for (const scenario of scenarios) {
      const ways = {
        whole: () => timeQuery(gateway.url, agent, scenario.query, scenario.variables, 'application/json'),
        parts: () => timeQuery(gateway.url, agent, deferred(scenario), scenario.variables, 'multipart/mixed'),
      };
      const results: Record<keyof typeof ways, Timing[]> = { whole: [], parts: [] };
      for (const way of ['whole', 'parts'] as const) {
        for (let index = 0; index < options.warmup + options.iterations; index += 1) {
          const timing = await ways[way]();
          if (index >= options.warmup) results[way].push(timing);
        }
      }
      const ms = (value: number) => `${Math.round(value)} ms`;
      const whole = { first: median(results.whole.map((t) => t.first)), complete: median(results.whole.map((t) => t.complete)) };
      const parts = { first: median(results.parts.map((t) => t.first)), complete: median(results.parts.map((t) => t.complete)), count: median(results.parts.map((t) => t.parts)) };
      lines.push(`| ${scenario.id} ${scenario.title} | ${ms(whole.first)} / ${ms(whole.complete)} | ${ms(parts.first)} / ${ms(parts.complete)} | ${parts.count} | ${(parts.first / whole.first).toFixed(2)} |`);
      process.stderr.write(`${scenario.id} done\n`);
    }
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    await agent.close();
    await rest.close();
    await gateway.stop();
    await simulator.stop();
  }
}
