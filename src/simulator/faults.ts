import { STATUS_CODES } from 'node:http';
import { detail, indexPage, serverError, type Reply } from './http/reply.js';
import { createRandom, type Random } from './random.js';

// Fault injection: rules that make chosen routes misbehave the way Treeherder, its load
// balancer or the network do (error pages, throttling, stalls, dropped connections, bodies
// cut short). Whether a rule hits a request is drawn from a seeded stream per rule, so a
// run with the same rules, seed and request order misbehaves the same way every time.

export const FAULT_KINDS = ['status', 'latency', 'rate-limit', 'reset', 'truncated', 'html200', 'drip'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

interface FaultRuleBase {
  /**
   * The request path the rule applies to (the query string is ignored): exact, or with `*`
   * for any text inside one segment and `**` for anything, several segments included.
   * `/api/project/*\/jobs/*\/bug_suggestions/`, `/api/**`, `/**`.
   */
  path: string;
  /** Only requests with this method; any method when absent. */
  method?: string;
  /** The share of matching requests the fault hits, 0 to 1 (default 1). */
  rate?: number;
  /** Hit at most this many requests, then stay quiet (default: no limit). */
  times?: number;
}

export type FaultRule = FaultRuleBase &
  (
    | {
        /** Answer with this status instead of the real response. */
        kind: 'status';
        status: number;
        /** `html`: an error page like Django's or the load balancer's (default for 5xx); `json`: `{"detail": …}` (default otherwise). */
        body?: 'json' | 'html';
      }
    | {
        /** Wait before answering: `ms`, or `spikeMs` instead for a `spikeRate` share of the hits. */
        kind: 'latency';
        ms: number;
        spikeMs?: number;
        spikeRate?: number;
      }
    | {
        /** 429 with `Retry-After: retryAfter` (seconds, default 1) and DRF's throttling message. */
        kind: 'rate-limit';
        retryAfter?: number;
      }
    | {
        /** Send the real headers (full Content-Length) and `afterBytes` of the body (default half), then destroy the connection. */
        kind: 'reset';
        afterBytes?: number;
      }
    | {
        /** Send only `keepBytes` of the body (default half, always short of the whole) with a Content-Length that matches: well-formed HTTP, broken JSON. */
        kind: 'truncated';
        keepBytes?: number;
      }
    | {
        /** 200 with the web app's `index.html`, as Treeherder answers unknown paths. */
        kind: 'html200';
      }
    | {
        /** The real response, its body sent `chunkBytes` (default 16) at a time every `intervalMs` (default 200). */
        kind: 'drip';
        chunkBytes?: number;
        intervalMs?: number;
      }
  );

/** A rule as reported by `faults()` and `GET /__simulator/faults`: with how often it has hit. */
export type FaultRuleStatus = FaultRule & { hits: number };

/** What was decided for one request. */
export type AppliedFault =
  | { kind: 'status'; status: number; body: 'json' | 'html' }
  | { kind: 'latency'; delayMs: number; spike: boolean }
  | { kind: 'rate-limit'; retryAfter: number }
  | { kind: 'reset'; afterBytes: number | null }
  | { kind: 'truncated'; keepBytes: number | null }
  | { kind: 'html200' }
  | { kind: 'drip'; chunkBytes: number; intervalMs: number };

export class FaultRuleError extends Error {
  override readonly name = 'FaultRuleError';
  constructor(readonly problems: string[]) {
    super(`invalid fault rules: ${problems.join(' ')}`);
  }
}

const KNOWN_KEYS: Readonly<Record<FaultKind, readonly string[]>> = {
  status: ['status', 'body'],
  latency: ['ms', 'spikeMs', 'spikeRate'],
  'rate-limit': ['retryAfter'],
  reset: ['afterBytes'],
  truncated: ['keepBytes'],
  html200: [],
  drip: ['chunkBytes', 'intervalMs'],
};
// `hits` is what `faults()` reports; accepted and dropped, so a listing can be sent back edited.
const COMMON_KEYS = ['kind', 'path', 'method', 'rate', 'times', 'hits'];
const MAX_DELAY_MS = 600_000;

/** Checks rules from JSON (the control API, a CLI file); reports every problem at once. */
export function parseFaultRules(input: unknown): FaultRule[] {
  if (!Array.isArray(input)) throw new FaultRuleError(['Expected an array of rules.']);
  const problems: string[] = [];
  const rules = input.map((raw, index): FaultRule | null => {
    const at = `Rule ${index}:`;
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      problems.push(`${at} expected an object.`);
      return null;
    }
    const rule = raw as Record<string, unknown>;
    const kind = rule['kind'];
    if (typeof kind !== 'string' || !(FAULT_KINDS as readonly string[]).includes(kind)) {
      problems.push(`${at} kind must be one of ${FAULT_KINDS.join(', ')}.`);
      return null;
    }
    const known = [...COMMON_KEYS, ...KNOWN_KEYS[kind as FaultKind]];
    for (const key of Object.keys(rule)) if (!known.includes(key)) problems.push(`${at} unknown field "${key}" for kind ${kind}.`);
    const path = rule['path'];
    if (typeof path !== 'string' || !path.startsWith('/')) problems.push(`${at} path must be a string starting with "/".`);
    const method = rule['method'];
    if (method !== undefined && (typeof method !== 'string' || !/^[A-Za-z]+$/.test(method))) problems.push(`${at} method must be an HTTP method name.`);
    const number = (key: string, min: number, max: number, integer: boolean): void => {
      const value = rule[key];
      if (value === undefined) return;
      if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max || (integer && !Number.isInteger(value))) {
        problems.push(`${at} ${key} must be ${integer ? 'an integer' : 'a number'} from ${min} to ${max}.`);
      }
    };
    const required = (key: string): void => {
      if (rule[key] === undefined) problems.push(`${at} ${key} is required for kind ${kind}.`);
    };
    number('rate', 0, 1, false);
    number('times', 0, Number.MAX_SAFE_INTEGER, true);
    if (kind === 'status') {
      required('status');
      number('status', 100, 599, true);
      if (rule['body'] !== undefined && rule['body'] !== 'json' && rule['body'] !== 'html') problems.push(`${at} body must be "json" or "html".`);
    } else if (kind === 'latency') {
      required('ms');
      number('ms', 0, MAX_DELAY_MS, true);
      number('spikeMs', 0, MAX_DELAY_MS, true);
      number('spikeRate', 0, 1, false);
    } else if (kind === 'rate-limit') {
      number('retryAfter', 0, 86_400, true);
    } else if (kind === 'reset') {
      number('afterBytes', 0, Number.MAX_SAFE_INTEGER, true);
    } else if (kind === 'truncated') {
      number('keepBytes', 0, Number.MAX_SAFE_INTEGER, true);
    } else if (kind === 'drip') {
      number('chunkBytes', 1, 1_000_000, true);
      number('intervalMs', 0, MAX_DELAY_MS, true);
    }
    const { hits: _hits, ...kept } = rule;
    return kept as unknown as FaultRule;
  });
  if (problems.length > 0) throw new FaultRuleError(problems);
  return rules as FaultRule[];
}

/** A path pattern as a regular expression: `**` anything, `*` anything but `/`, the rest literal. */
export function pathMatcher(pattern: string): RegExp {
  const source = pattern
    .split('**')
    .map((part) =>
      part
        .split('*')
        .map((literal) => literal.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
        .join('[^/]*'),
    )
    .join('.*');
  return new RegExp(`^${source}$`);
}

export interface FaultInjector {
  /** Decides the fault for one request (at most one: the first matching rule that hits). */
  pick(method: string, path: string): AppliedFault | null;
  /** The rules with their hit counts. */
  status(): FaultRuleStatus[];
}

/**
 * The first rule that matches the request's method and path and whose draw hits decides the
 * request's fault; a rule that matches but misses lets later rules try. So a specific rule
 * can go before a general one (`/api/**` latency after a `bug_suggestions` 503).
 */
export function createFaultInjector(rules: readonly FaultRule[], seed: number): FaultInjector {
  const states = rules.map((rule, index) => ({
    rule,
    matcher: pathMatcher(rule.path),
    method: rule.method?.toUpperCase() ?? null,
    // One stream per rule: adding a rule does not change what the others decide.
    random: createRandom('simulator-faults', seed, index),
    hits: 0,
  }));
  return {
    pick(method, path) {
      for (const state of states) {
        const { rule } = state;
        if (state.method !== null && state.method !== method) continue;
        if (!state.matcher.test(path)) continue;
        if (rule.times !== undefined && state.hits >= rule.times) continue;
        const draw = state.random.next();
        if (draw >= (rule.rate ?? 1)) continue;
        state.hits += 1;
        return decide(rule, state.random);
      }
      return null;
    },
    status: () => states.map(({ rule, hits }) => ({ ...rule, hits })),
  };
}

function decide(rule: FaultRule, random: Random): AppliedFault {
  switch (rule.kind) {
    case 'status':
      return { kind: 'status', status: rule.status, body: rule.body ?? (rule.status >= 500 ? 'html' : 'json') };
    case 'latency': {
      const spike = rule.spikeMs !== undefined && random.next() < (rule.spikeRate ?? 1);
      return { kind: 'latency', delayMs: spike ? rule.spikeMs! : rule.ms, spike };
    }
    case 'rate-limit':
      return { kind: 'rate-limit', retryAfter: rule.retryAfter ?? 1 };
    case 'reset':
      return { kind: 'reset', afterBytes: rule.afterBytes ?? null };
    case 'truncated':
      return { kind: 'truncated', keepBytes: rule.keepBytes ?? null };
    case 'html200':
      return { kind: 'html200' };
    case 'drip':
      return { kind: 'drip', chunkBytes: rule.chunkBytes ?? 16, intervalMs: rule.intervalMs ?? 200 };
  }
}

/** The page Google's load balancer serves when no backend answers (502/503/504 in front of Treeherder). */
function loadBalancerPage(status: number): string {
  return `<!DOCTYPE html>\n<html lang=en>\n<meta charset=utf-8>\n<title>Error ${status} (Server Error)!!1</title>\n<p><b>${status}.</b> <ins>That\u2019s an error.</ins>\n<p>The server encountered a temporary error and could not complete your request.<p>Please try again in 30 seconds. <ins>That\u2019s all we know.</ins>\n`;
}

/** The answer that replaces the real one for `status`, `rate-limit` and `html200`; null for the other kinds. */
export function replacementReply(fault: AppliedFault): Reply | null {
  switch (fault.kind) {
    case 'status': {
      const reason = STATUS_CODES[fault.status] ?? 'Error';
      if (fault.body === 'json') return detail(`${reason} (simulated fault).`, fault.status);
      if (fault.status === 500) return serverError();
      if (fault.status === 502 || fault.status === 503 || fault.status === 504) return { kind: 'html', status: fault.status, body: loadBalancerPage(fault.status) };
      return { kind: 'html', status: fault.status, body: `<!doctype html>\n<html lang="en">\n<head>\n  <title>${fault.status} ${reason}</title>\n</head>\n<body>\n  <h1>${fault.status} ${reason}</h1><p></p>\n</body>\n</html>\n` };
    }
    case 'rate-limit':
      // DRF's Throttled exception, as a throttle class would answer.
      return detail(`Request was throttled. Expected available in ${fault.retryAfter} second${fault.retryAfter === 1 ? '' : 's'}.`, 429);
    case 'html200':
      return indexPage();
    default:
      return null;
  }
}
