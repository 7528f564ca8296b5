// The helper TypeScript consumers get from `treeherder-graphql/sdk`.
import { hawkAuthorization, type HawkAuthorizationOptions, type HawkCredentials } from '../../src/auth/index.js';
import type { Logger, LogLevel } from '../../src/log.js';

// Helpers for the Hawk end-to-end tests: callers with their own credentials, signed GraphQL
// requests over real HTTP, and a logger that keeps every line so tests can grep it.

/** Credentials both the gateway and the simulator accept (the simulator knows sha256 only). */
export type Sha256Credentials = HawkCredentials & { algorithm: 'sha256' };

/** `count` callers, each with its own id and a long random-looking key that is easy to grep for. */
export function hawkCallers(count: number, prefix = 'caller'): Sha256Credentials[] {
  return Array.from({ length: count }, (_, index) => ({
    id: `${prefix}-${index}`,
    key: `${prefix}-${index}-secret-${(index + 1) * 7919}-d0-n0t-l0g-me-${'x'.repeat(8)}`,
    algorithm: 'sha256' as const,
  }));
}

export interface GraphQLOverHttp {
  status: number;
  headers: Headers;
  text: string;
  body: { data?: Record<string, any> | null; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> };
}

export interface SignedPostOptions {
  /** Signs as this caller; anonymous without. */
  credentials?: HawkCredentials;
  userAgent?: string;
  /** Replaces the Authorization header entirely (for malformed headers). */
  authorization?: string;
  sign?: Omit<HawkAuthorizationOptions, 'payload'>;
}

/** POSTs a GraphQL operation to `url` over HTTP, signed for exactly that URL and body. */
export async function postGraphQL(url: string, query: string, options: SignedPostOptions = {}): Promise<GraphQLOverHttp> {
  const payload = JSON.stringify({ query });
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
  if (options.userAgent) headers['user-agent'] = options.userAgent;
  if (options.authorization !== undefined) headers['authorization'] = options.authorization;
  else if (options.credentials) headers['authorization'] = hawkAuthorization(url, options.credentials, { ...options.sign, payload });
  const response = await fetch(url, { method: 'POST', headers, body: payload });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, body: JSON.parse(text) as GraphQLOverHttp['body'] };
}

export interface CapturedLogs {
  logger: Logger;
  /** Every line as the logger received it, serialised without any redaction. */
  lines: string[];
}

/**
 * A logger that keeps what callers hand it, unredacted: a secret found here was passed to the
 * logger, which is the mistake to catch (the JSON logger's redaction is only a second line).
 */
export function captureLogs(): CapturedLogs {
  const lines: string[] = [];
  return {
    lines,
    logger: {
      log(level: LogLevel, message: string, fields: Record<string, unknown> = {}) {
        lines.push(JSON.stringify({ level, message, ...fields }, (_name, value: unknown) =>
          value instanceof Error ? { name: value.name, message: value.message, stack: value.stack } : value,
        ));
      },
    },
  };
}

/** The callers whose key appears in `text`. */
export function leakedKeys(text: string, credentials: readonly HawkCredentials[]): string[] {
  return credentials.filter((credential) => text.includes(credential.key)).map((credential) => credential.id);
}

/** What must never show up in a log line: keys, Hawk header fragments, the word Authorization. */
export function logLeaks(lines: readonly string[], credentials: readonly HawkCredentials[]): string[] {
  const text = lines.join('\n');
  const leaks = leakedKeys(text, credentials).map((id) => `key of ${id}`);
  for (const fragment of [/Hawk id=/i, /\bmac=/i, /authorization/i]) {
    if (fragment.test(text)) leaks.push(String(fragment));
  }
  return leaks;
}
