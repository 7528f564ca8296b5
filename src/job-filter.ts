import { badUserInput } from './errors.js';
import { filterText, optionalInt } from './validate.js';

/** Job filters as Treeherder matches them (exact values); null means "any". */
export interface JobFilter {
  result: string | null;
  state: string | null;
  tier: number | null;
  jobTypeName: string | null;
  jobTypeSymbol: string | null;
  platform: string | null;
  /** ISO-8601 UTC; jobs changed after it. */
  lastModifiedSince: string | null;
}

/** A filter as Treeherder's `/api/jobs/` parameters. */
export function filterParams(filter: JobFilter): Array<[string, string | number]> {
  const params: Array<[string, string | number]> = [];
  if (filter.result !== null) params.push(['result', filter.result]);
  if (filter.state !== null) params.push(['state', filter.state]);
  if (filter.tier !== null) params.push(['tier', filter.tier]);
  if (filter.jobTypeName !== null) params.push(['job_type_name', filter.jobTypeName]);
  if (filter.jobTypeSymbol !== null) params.push(['job_type_symbol', filter.jobTypeSymbol]);
  if (filter.platform !== null) params.push(['platform', filter.platform]);
  // Treeherder compares against a zone-less ISO time in UTC.
  if (filter.lastModifiedSince !== null) params.push(['last_modified__gt', filter.lastModifiedSince.replace(/Z$/, '')]);
  return params;
}

/** A filter as a cache and estimate key. */
export const filterKey = (filter: JobFilter): string =>
  JSON.stringify([filter.result, filter.state, filter.tier, filter.jobTypeName, filter.jobTypeSymbol, filter.platform, filter.lastModifiedSince]);

/** The filter key of a listing without filters: a push's whole job list. */
export const UNFILTERED = filterKey({ result: null, state: null, tier: null, jobTypeName: null, jobTypeSymbol: null, platform: null, lastModifiedSince: null });

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
