// Structured logs: one JSON object per line on stdout. Callers pass fields, never
// credentials; `redact` strips anything that looks like one as a second line of defence.

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface Logger {
  log(level: LogLevel, message: string, fields?: Record<string, unknown>): void;
}

const SECRET_FIELD = /authorization|key|secret|password|token|cookie/i;
const MAX_DEPTH = 4;

/** A string with Hawk headers and URL query strings (which carry filters, ids, and in signed URLs `bewit`s) cut out. */
export function redactText(text: string): string {
  return text
    // A Hawk header has `name="value"` attributes; prose such as "Hawk credentials loaded" has no `=` and stays readable.
    .replace(/\bHawk\s+(?=[^\n]*=)[^\n]*/gi, 'Hawk [redacted]')
    .replace(/\b(https?:\/\/[^\s?#"'<>]+)\?[^\s"'<>]*/g, '$1?[redacted]');
}

function redactValue(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return redactText(value);
  if (value instanceof Error) return redactValue({ name: value.name, message: value.message, stack: value.stack }, depth);
  if (value === null || typeof value !== 'object') return value;
  if (depth >= MAX_DEPTH) return '[nested]';
  if (Array.isArray(value)) return value.map((item) => redactValue(item, depth + 1));
  return redactFields(value as Record<string, unknown>, depth + 1);
}

function redactFields(fields: Record<string, unknown>, depth: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(fields)) {
    out[name] = SECRET_FIELD.test(name) ? '[redacted]' : redactValue(value, depth);
  }
  return out;
}

export function redact(fields: Record<string, unknown>): Record<string, unknown> {
  return redactFields(fields, 0);
}

export function createJsonLogger(write: (line: string) => void = (line) => process.stdout.write(line)): Logger {
  return {
    log(level, message, fields = {}) {
      write(`${JSON.stringify({ time: new Date().toISOString(), level, message: redactText(message), ...redact(fields) })}\n`);
    },
  };
}

/** Yoga's logger interface on top of ours, so what Yoga logs (a masked error's original) is JSON and redacted too. */
export function toYogaLogger(logger: Logger): Record<LogLevel, (...args: unknown[]) => void> {
  const forward =
    (level: LogLevel) =>
    (...args: unknown[]): void => {
      const [first, ...rest] = args;
      const message = typeof first === 'string' ? first : first instanceof Error ? 'unexpected error' : 'graphql-yoga';
      // Plain objects, so that any logger can serialise them (an Error's fields are not enumerable).
      const details = (typeof first === 'string' ? rest : args).map((detail) =>
        detail instanceof Error ? { name: detail.name, message: detail.message, stack: detail.stack } : detail,
      );
      logger.log(level, message, details.length > 0 ? { details } : {});
    };
  // Yoga narrates every request at debug level; the request log already has one line per request.
  return { debug: () => undefined, info: forward('info'), warn: forward('warn'), error: forward('error') };
}
