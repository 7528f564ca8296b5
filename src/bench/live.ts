import { Agent, request } from 'undici';
import { cpuMs, memoryMiB, startGateway, startSimulator, type GatewayProcess, type SimulatorProcess } from './processes.js';

// `npm run bench -- --live`: N subscribers of one topic through the gateway against N clients
// polling Treeherder themselves the way the Treeherder UI does, for N = 1, 10, 100, 1000. The
// simulator is frozen and moved one step every `changeEveryMs` (each step changes some autoland
// jobs); every subscriber or poller records when it first sees each change. Both sides poll at
// the same interval. Reports upstream requests per minute, the delay from a change to each
// client seeing it (p50, p99), and the gateway's CPU and resident memory per subscriber.

export interface LiveBenchOptions {
  latencyMs: number;
  jobsPerPush: number;
  durationS: number;
  intervalMs: number;
  changeEveryMs: number;
  counts: readonly number[];
  seed: number;
  now: number;
}

interface Side {
  requestsPerMinute: number;
  p50: number;
  p99: number;
  events: number;
  cpuMsPerSubscriber: number | null;
  rssKiBPerSubscriber: number | null;
}

const SUBSCRIPTION = JSON.stringify({ query: 'subscription { jobsChanged(repository: "autoland") { id state result lastModified } }' });

const percentile = (sorted: readonly number[], p: number): number =>
  sorted.length === 0 ? Number.NaN : sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;

/** Change times, and per client the delay to the first sighting of each change. */
class Delays {
  readonly changes: number[] = [];
  readonly samples: number[] = [];
  /** Per client: the index of the first change it has not seen yet. */
  private readonly next = new Map<number, number>();

  change(at: number): void {
    this.changes.push(at);
  }

  /** Client `client` saw changes at `at`: every change before the request that found them is now seen. */
  seen(client: number, at: number, askedAt: number): void {
    let index = this.next.get(client) ?? this.firstAfterStart(client);
    // One sample per change: from when it happened to when this client first saw it.
    while (index < this.changes.length && this.changes[index]! <= askedAt) {
      this.samples.push(at - this.changes[index]!);
      index += 1;
    }
    this.next.set(client, index);
  }

  private readonly started = new Map<number, number>();
  begin(client: number, at: number): void {
    this.started.set(client, at);
  }

  private firstAfterStart(client: number): number {
    const start = this.started.get(client) ?? 0;
    const index = this.changes.findIndex((t) => t >= start);
    return index < 0 ? this.changes.length : index;
  }
}

async function advance(simulator: SimulatorProcess): Promise<void> {
  const response = await fetch(`${simulator.url}/__simulator/advance`, { method: 'POST', body: '{"steps":1}', headers: { 'content-type': 'application/json' } });
  await response.arrayBuffer();
}

/** Runs `body` while the simulator moves every `everyMs`; returns the change times. */
async function withChanges(simulator: SimulatorProcess, everyMs: number, durationMs: number, delays: Delays): Promise<void> {
  const end = performance.now() + durationMs;
  while (performance.now() < end) {
    await new Promise((resolve) => setTimeout(resolve, everyMs));
    await advance(simulator);
    delays.change(performance.now());
  }
}

async function subscribers(options: LiveBenchOptions, simulator: SimulatorProcess, count: number): Promise<Side> {
  const gateway: GatewayProcess = await startGateway({
    TREEHERDER_URL: simulator.url,
    HOST: '127.0.0.1',
    LIVE_POLL_INTERVAL_MS: String(options.intervalMs),
    LIVE_MAX_SUBSCRIPTIONS_PER_CALLER: String(Math.max(200, count)),
    METRICS: 'false',
  });
  const agent = new Agent({ connections: count + 10, pipelining: 0 });
  const delays = new Delays();
  const abort = new AbortController();
  try {
    // One subscriber first, gone again, so the baseline includes what any first subscription loads.
    const warm = new AbortController();
    const warmup = request(`${gateway.url}/graphql`, { method: 'POST', dispatcher: agent, headers: { 'content-type': 'application/json', accept: 'text/event-stream' }, body: SUBSCRIPTION, signal: warm.signal })
      .then((response) => response.body.dump())
      .catch(() => undefined);
    await until(async () => (await gateway.liveStats()).subscribers === 1);
    warm.abort();
    await warmup;
    await until(async () => (await gateway.liveStats()).pollers === 0);
    const rssBefore = memoryMiB(gateway.pid).rss;
    const streams = Array.from({ length: count }, async (_, client) => {
      const response = await request(`${gateway.url}/graphql`, {
        method: 'POST',
        dispatcher: agent,
        headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
        body: SUBSCRIPTION,
        signal: abort.signal,
      });
      delays.begin(client, performance.now());
      let buffer = '';
      try {
        for await (const chunk of response.body) {
          buffer += chunk.toString();
          let cut: number;
          while ((cut = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, cut);
            buffer = buffer.slice(cut + 2);
            if (block.startsWith('event: next')) {
              const now = performance.now();
              // The poll that found the changes was sent at least one upstream latency earlier.
              delays.seen(client, now, now - options.latencyMs);
            }
          }
        }
      } catch {
        // Aborted at the end of the run.
      }
    });
    // Everyone subscribed, and the poller's first poll (where "now" is) done.
    await until(async () => (await gateway.liveStats()).subscribers === count);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const rssAfter = memoryMiB(gateway.pid).rss;
    await simulator.clearLog();
    const cpuBefore = cpuMs(gateway.pid);
    const started = performance.now();
    await withChanges(simulator, options.changeEveryMs, options.durationS * 1000, delays);
    // The last change gets one more interval to arrive.
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs + 200));
    const elapsedMin = (performance.now() - started) / 60_000;
    const cpu = cpuMs(gateway.pid) - cpuBefore;
    const upstream = (await simulator.requests()).length;
    abort.abort();
    await Promise.allSettled(streams);
    const sorted = delays.samples.slice().sort((a, b) => a - b);
    return {
      requestsPerMinute: upstream / elapsedMin,
      p50: percentile(sorted, 50),
      p99: percentile(sorted, 99),
      events: delays.samples.length,
      cpuMsPerSubscriber: cpu / count,
      rssKiBPerSubscriber: ((rssAfter - rssBefore) * 1024) / count,
    };
  } finally {
    abort.abort();
    await agent.close().catch(() => undefined);
    await gateway.stop();
  }
}

/** What a Treeherder UI tab does: the newest pushes once, then their changed jobs every interval. */
async function pollers(options: LiveBenchOptions, simulator: SimulatorProcess, count: number): Promise<Side> {
  const agent = new Agent({ connections: Math.min(count, 256), pipelining: 1 });
  const delays = new Delays();
  const get = async (path: string): Promise<any> => {
    const response = await request(`${simulator.url}${path}`, { dispatcher: agent, headers: { accept: 'application/json', 'user-agent': 'bench-ui-poller/1.0' } });
    return response.body.json();
  };
  const pushes = (await get('/api/project/autoland/push/?count=10')) as { results: Array<{ id: number }> };
  const ids = pushes.results.map((p) => p.id).join(',');
  const initial = (await get(`/api/jobs/?push_id__in=${ids}&count=2000`)) as { results: unknown[][]; job_property_names: string[] };
  const at = initial.job_property_names.indexOf('last_modified');
  const startWatermark = initial.results.reduce((max, row) => ((row[at] as string) > max ? (row[at] as string) : max), '');
  let running = true;
  try {
    await simulator.clearLog();
    const started = performance.now();
    const loops = Array.from({ length: count }, async (_, client) => {
      let watermark = startWatermark;
      // Tabs were opened at different moments: their polls are spread over the interval.
      await new Promise((resolve) => setTimeout(resolve, (client / count) * options.intervalMs));
      delays.begin(client, started);
      while (running) {
        const askedAt = performance.now();
        const page = (await get(`/api/jobs/?push_id__in=${ids}&last_modified__gt=${encodeURIComponent(watermark)}&count=2000`)) as { results: unknown[][] };
        if (page.results.length > 0) {
          delays.seen(client, performance.now(), askedAt);
          for (const row of page.results) if ((row[at] as string) > watermark) watermark = row[at] as string;
        }
        await new Promise((resolve) => setTimeout(resolve, Math.max(0, options.intervalMs - (performance.now() - askedAt))));
      }
    });
    await withChanges(simulator, options.changeEveryMs, options.durationS * 1000, delays);
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs + 200));
    const elapsedMin = (performance.now() - started) / 60_000;
    const upstream = (await simulator.requests()).length;
    running = false;
    await Promise.allSettled(loops);
    const sorted = delays.samples.slice().sort((a, b) => a - b);
    return { requestsPerMinute: upstream / elapsedMin, p50: percentile(sorted, 50), p99: percentile(sorted, 99), events: delays.samples.length, cpuMsPerSubscriber: null, rssKiBPerSubscriber: null };
  } finally {
    running = false;
    await agent.close().catch(() => undefined);
  }
}

async function until(condition: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the subscribers did not all register within a minute');
}

const fmt = (value: number | null, digits = 0): string => (value === null || Number.isNaN(value) ? '—' : value.toFixed(digits));

export async function runLive(options: LiveBenchOptions): Promise<void> {
  const started = performance.now();
  const lines = [
    `Live updates: N subscribers of jobsChanged(autoland) through the gateway (SSE) against N UI-like pollers`,
    `(GET /api/jobs/?push_id__in=<10 newest pushes>&last_modified__gt=… per client), both every ${options.intervalMs} ms;`,
    `the simulator moves a step every ${options.changeEveryMs} ms for ${options.durationS} s (latency ${options.latencyMs} ms, ${options.jobsPerPush} jobs/push).`,
    '',
    '| N | Way | Upstream req/min | Change → client p50 (ms) | p99 (ms) | Changes seen | Gateway CPU ms/subscriber | Gateway RSS KiB/subscriber |',
    '|---:|---|---:|---:|---:|---:|---:|---:|',
  ];
  for (const count of options.counts) {
    // A fresh simulator per N, so every run sees the same changes.
    const simulator = await startSimulator({ latencyMs: options.latencyMs, jobsPerPush: options.jobsPerPush, seed: options.seed, now: options.now });
    try {
      const live = await subscribers(options, simulator, count);
      lines.push(`| ${count} | subscribers | ${fmt(live.requestsPerMinute, 1)} | ${fmt(live.p50)} | ${fmt(live.p99)} | ${live.events} | ${fmt(live.cpuMsPerSubscriber, 2)} | ${fmt(live.rssKiBPerSubscriber, 1)} |`);
      process.stderr.write(`N=${count} subscribers done\n`);
    } finally {
      await simulator.stop();
    }
    const again = await startSimulator({ latencyMs: options.latencyMs, jobsPerPush: options.jobsPerPush, seed: options.seed, now: options.now });
    try {
      const ui = await pollers(options, again, count);
      lines.push(`| ${count} | UI pollers | ${fmt(ui.requestsPerMinute, 1)} | ${fmt(ui.p50)} | ${fmt(ui.p99)} | ${ui.events} | — | — |`);
      process.stderr.write(`N=${count} pollers done\n`);
    } finally {
      await again.stop();
    }
  }
  lines.push('', `(${((performance.now() - started) / 1000).toFixed(0)} s; Node ${process.version}.)`);
  process.stdout.write(`${lines.join('\n')}\n`);
}
