import { badUserInput } from './errors.js';
import type { JobFilter } from './loaders.js';
import { filterText, optionalInt } from './validate.js';

interface JobFilterInput {
  result?: string | null;
  state?: string | null;
  tier?: number | null;
  jobTypeName?: string | null;
  jobTypeSymbol?: string | null;
  platform?: string | null;
  lastModifiedSince?: Date | null;
}

/** Validates a `JobFilter` input, merged with the shorthand arguments of `Push.jobs`. */
export function toJobFilter(input: JobFilterInput | null | undefined, shorthand: Pick<JobFilterInput, 'result' | 'state' | 'tier'> = {}): JobFilter {
  const pick = <K extends 'result' | 'state' | 'tier'>(name: K): JobFilterInput[K] => {
    const direct = shorthand[name];
    const nested = input?.[name];
    if (direct != null && nested != null && direct !== nested) {
      throw badUserInput(name, `${name} is given twice with different values (as an argument and in filter).`);
    }
    return direct ?? nested;
  };
  const since = input?.lastModifiedSince ?? null;
  return {
    result: filterText('result', pick('result'), 30),
    state: filterText('state', pick('state'), 30),
    tier: optionalInt('tier', pick('tier'), 1, 3),
    jobTypeName: filterText('filter.jobTypeName', input?.jobTypeName, 200),
    jobTypeSymbol: filterText('filter.jobTypeSymbol', input?.jobTypeSymbol, 50),
    platform: filterText('filter.platform', input?.platform, 100),
    lastModifiedSince: since === null ? null : since.toISOString(),
  };
}
