// Structured logs: one JSON object per line on stdout. Callers pass fields, never
// credentials; `redact` strips anything that looks like one as a second line of defence.

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface Logger {
  log(level: LogLevel, message: string, fields?: Record<string, unknown>): void;
}

const SECRET_FIELD = /authorization|key|secret|password|token|cookie/i;

export function redact(fields: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(fields)) {
    if (SECRET_FIELD.test(name)) out[name] = '[redacted]';
    else if (typeof value === 'string') out[name] = value.replace(/\bHawk\s+[^\n]*/g, 'Hawk [redacted]');
    else out[name] = value;
  }
  return out;
}

export function createJsonLogger(write: (line: string) => void = (line) => process.stdout.write(line)): Logger {
  return {
    log(level, message, fields = {}) {
      write(`${JSON.stringify({ time: new Date().toISOString(), level, message, ...redact(fields) })}\n`);
    },
  };
}
