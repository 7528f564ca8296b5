#!/usr/bin/env node
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { FaultRuleError, parseFaultRules, type FaultRule } from './faults.js';
import { DEFAULT_SCALE } from './model.js';
import { createSimulator } from './server.js';
import type { SimulatorScale } from './types.js';

// `node dist/simulator/cli.js --port 8000 --seed 1 --latency 20 --jobs-per-push 300`
// Runs the Treeherder simulator until interrupted and prints its base URL.

const USAGE = `Usage: node dist/simulator/cli.js [options]

  --port <n>                    port to listen on (default 8000; 0 picks a free one)
  --host <addr>                 address to bind (default 127.0.0.1)
  --seed <n>                    data seed (default 1)
  --now <ISO date | epoch ms>   anchor time of the generated data (default: now)
  --latency <ms>                delay before every response (default 0)
  --pushes-per-repository <n>   (default ${DEFAULT_SCALE.pushesPerRepository})
  --jobs-per-push <n>           mean jobs per push (default ${DEFAULT_SCALE.jobsPerPush})
  --revisions-per-push <n>      max commits per push (default ${DEFAULT_SCALE.revisionsPerPush})
  --signatures-per-framework <n> (default ${DEFAULT_SCALE.signaturesPerFramework})
  --alert-summaries <n>         (default ${DEFAULT_SCALE.alertSummaries})
  --hawk <id:key>               enable Hawk verification with these credentials (repeatable)
  --clock-skew <ms>             offset of the simulator clock for Hawk checks
  --faults <file.json>          fault rules (a JSON array; see src/simulator/README.md);
                                change them later with PUT /__simulator/faults
  --fault-seed <n>              seed of the faults' random streams (default: --seed)
  --live <ms>                   take a live step every <ms> real milliseconds (default: frozen;
                                POST /__simulator/advance and /__simulator/live move it)
  --step <ms>                   simulated time one step covers (default 60000)
  --tls                         serve HTTPS: HTTP/2 by ALPN, HTTP/1.1 for clients without it,
                                with a self-signed certificate made at start-up for localhost,
                                127.0.0.1 and ::1 (written to --ca-out, for clients to trust)
  --ca-out <file>               where --tls writes the certificate (PEM; default: a file in the
                                temporary directory, named on stderr)
  -h, --help`;

function fail(message: string): never {
  process.stderr.write(`${message}\n\n${USAGE}\n`);
  process.exit(2);
}

function integer(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) fail(`--${name} must be a non-negative integer, got ${value}`);
  return n;
}

const { values } = (() => {
  try {
    return parseArgs({
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        seed: { type: 'string' },
        now: { type: 'string' },
        latency: { type: 'string' },
        'pushes-per-repository': { type: 'string' },
        'jobs-per-push': { type: 'string' },
        'revisions-per-push': { type: 'string' },
        'signatures-per-framework': { type: 'string' },
        'alert-summaries': { type: 'string' },
        hawk: { type: 'string', multiple: true },
        'clock-skew': { type: 'string' },
        faults: { type: 'string' },
        'fault-seed': { type: 'string' },
        live: { type: 'string' },
        step: { type: 'string' },
        tls: { type: 'boolean' },
        'ca-out': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    });
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
})();

if (values.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}

const scale: Partial<SimulatorScale> = {};
const scaleFlags: Array<[keyof SimulatorScale, string]> = [
  ['pushesPerRepository', 'pushes-per-repository'],
  ['jobsPerPush', 'jobs-per-push'],
  ['revisionsPerPush', 'revisions-per-push'],
  ['signaturesPerFramework', 'signatures-per-framework'],
  ['alertSummaries', 'alert-summaries'],
];
for (const [key, flag] of scaleFlags) {
  const value = integer(flag, values[flag as keyof typeof values] as string | undefined);
  if (value !== undefined) scale[key] = value;
}

let now: number | undefined;
if (values.now !== undefined) {
  now = /^\d+$/.test(values.now) ? Number(values.now) : Date.parse(values.now);
  if (!Number.isFinite(now)) fail(`--now must be an ISO date or epoch milliseconds, got ${values.now}`);
}

const hawkCredentials = (values.hawk ?? []).map((pair) => {
  const colon = pair.indexOf(':');
  if (colon <= 0) fail(`--hawk expects id:key, got ${pair}`);
  return { id: pair.slice(0, colon), key: pair.slice(colon + 1), algorithm: 'sha256' as const };
});

const skew = values['clock-skew'] === undefined ? undefined : Number(values['clock-skew']);
if (skew !== undefined && !Number.isFinite(skew)) fail(`--clock-skew must be a number, got ${values['clock-skew']}`);

let faults: FaultRule[] | undefined;
if (values.faults !== undefined) {
  try {
    faults = parseFaultRules(JSON.parse(readFileSync(values.faults, 'utf8')));
  } catch (error) {
    fail(`--faults ${values.faults}: ${error instanceof FaultRuleError ? error.problems.join(' ') : error instanceof Error ? error.message : String(error)}`);
  }
}
const faultSeed = integer('fault-seed', values['fault-seed']);

const simulator = createSimulator({
  seed: integer('seed', values.seed) ?? 1,
  scale,
  latencyMs: integer('latency', values.latency) ?? 0,
  ...(now === undefined ? {} : { now }),
  ...(hawkCredentials.length > 0 ? { hawkCredentials } : {}),
  ...(skew === undefined ? {} : { clockSkewMs: skew }),
  ...(faults === undefined ? {} : { faults }),
  ...(faultSeed === undefined ? {} : { faultSeed }),
  ...(values.live === undefined ? {} : { liveStepMs: integer('live', values.live) ?? 0 }),
  ...(values.step === undefined ? {} : { stepMs: integer('step', values.step) ?? 0 }),
  ...(values.tls ? { tls: true } : {}),
});
if (values['ca-out'] !== undefined && !values.tls) fail('--ca-out needs --tls');

const url = await simulator.listen(integer('port', values.port) ?? 8000, values.host ?? '127.0.0.1');
const data = simulator.data;
let certificateFile: string | null = null;
if (simulator.tls) {
  certificateFile = values['ca-out'] ?? join(tmpdir(), `treeherder-simulator-${new URL(url).port}.pem`);
  writeFileSync(certificateFile, simulator.tls.cert);
}
process.stdout.write(`${url}\n`);
process.stderr.write(
  `Treeherder simulator (seed ${data.seed}): ${data.repositories.length} repositories, ${data.pushes.length} pushes, ` +
    `${data.totalJobs} jobs, ${data.signatures.length} perf signatures, ${data.alertSummaries.length} alert summaries.\n` +
    `Request log: ${url}/__simulator/requests\n` +
    `Fault rules: ${url}/__simulator/faults (${simulator.faults().length} in force)\n` +
    `Live: ${simulator.liveStepMs === null ? 'frozen (POST /__simulator/advance moves it)' : `a step every ${simulator.liveStepMs} ms`}\n` +
    (certificateFile ? `TLS (HTTP/2 and HTTP/1.1), certificate to trust: ${certificateFile}\n` : ''),
);

function shutdown(): void {
  void simulator.close().finally(() => process.exit(0));
}
process.once('SIGINT', shutdown);
process.once('SIGTERM', shutdown);
