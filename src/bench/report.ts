import type { ConnectionCounts } from '../simulator/types.js';
import type { Scenario } from './scenarios.js';

// The benchmark's tables, in Markdown so the README can show them as printed.

export interface Figures {
  /** Median upstream requests of one run (and the most any run made). */
  requests: number;
  requestsMax: number;
  /** Median connections one run's requests came on (from the simulator's log). */
  connections: number;
  median: number;
  p95: number;
  /** CPU per run, milliseconds. */
  simulatorCpu: number;
  gatewayCpu: number;
}

export interface Row {
  scenario: Scenario;
  gateway: Figures;
  naive: Figures;
  ideal: Figures;
  /** The gateway again, caches left warm by the previous runs. */
  warm: Figures;
}

const ms = (value: number): string => value.toFixed(1);
const ratio = (value: number): string => (Number.isFinite(value) ? value.toFixed(2) : '—');
const count = (figures: Figures): string => (figures.requests === figures.requestsMax ? String(figures.requests) : `${figures.requests}–${figures.requestsMax}`);

export function formatTables(
  rows: readonly Row[],
  run: { latencyMs: number; jobsPerPush: number; iterations: number; seconds: number; protocol: string; connections: ConnectionCounts },
): string {
  const lines: string[] = [];
  lines.push(
    `Upstream latency ${run.latencyMs} ms per response, ~${run.jobsPerPush} jobs per push, ${run.iterations} measured runs per way, ${run.protocol} to the simulator; cold = the gateway's caches emptied before every run.`,
    '',
    '| Scenario | Upstream requests: gateway / ideal / naive | Median ms: gateway / ideal / naive | p95 ms: gateway / ideal / naive | gateway ÷ ideal (requests, time) | naive ÷ gateway (requests, time) | gateway ÷ faster REST (time), cold | Warm gateway: requests, median / p95 ms | gateway ÷ faster REST (time), warm |',
    '|---|---|---|---|---|---|---|---|---|',
  );
  for (const row of rows) {
    const { gateway, ideal, naive, warm } = row;
    const faster = Math.min(ideal.median, naive.median);
    lines.push(
      `| ${row.scenario.id} ${row.scenario.title} | ${count(gateway)} / ${count(ideal)} / ${count(naive)} | ${ms(gateway.median)} / ${ms(ideal.median)} / ${ms(naive.median)} | ${ms(gateway.p95)} / ${ms(ideal.p95)} / ${ms(naive.p95)} | ${ratio(gateway.requests / ideal.requests)}, ${ratio(gateway.median / ideal.median)} | ${ratio(naive.requests / gateway.requests)}, ${ratio(naive.median / gateway.median)} | ${ratio(gateway.median / faster)} | ${count(warm)}, ${ms(warm.median)} / ${ms(warm.p95)} | ${ratio(warm.median / faster)} |`,
    );
  }
  lines.push(
    '',
    'CPU per run (ms, from /proc; 10 ms ticks averaged over the runs):',
    '',
    '| Scenario | Gateway process (cold) | Simulator behind the gateway (cold) | Simulator behind ideal REST | Simulator behind naive REST | Gateway process (warm) | Simulator behind the gateway (warm) |',
    '|---|---|---|---|---|---|---|',
  );
  for (const row of rows) {
    lines.push(
      `| ${row.scenario.id} | ${ms(row.gateway.gatewayCpu)} | ${ms(row.gateway.simulatorCpu)} | ${ms(row.ideal.simulatorCpu)} | ${ms(row.naive.simulatorCpu)} | ${ms(row.warm.gatewayCpu)} | ${ms(row.warm.simulatorCpu)} |`,
    );
  }
  lines.push(
    '',
    `Connections per run (median; the requests of one run, from the simulator's log), ${run.protocol}:`,
    '',
    '| Scenario | Gateway (cold) | Ideal REST | Naive REST | Gateway (warm) |',
    '|---|---|---|---|---|',
  );
  for (const row of rows) {
    lines.push(`| ${row.scenario.id} | ${row.gateway.connections} | ${row.ideal.connections} | ${row.naive.connections} | ${row.warm.connections} |`);
  }
  const { accepted, tls, h2 } = run.connections;
  lines.push(
    '',
    `Connections the simulator accepted in the whole run (the clients' keep-alive pools, control requests included): ${accepted}` +
      (tls > 0 || h2 > 0 ? `, ${tls} TLS handshakes, ${h2} of them HTTP/2.` : '.'),
  );
  lines.push('', `Run time: ${run.seconds.toFixed(0)} s.`, '');
  return lines.join('\n');
}
