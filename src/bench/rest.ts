import { Agent, request } from 'undici';

// The REST side of the benchmark: a plain JSON client against the simulator, the way a
// front-end without the gateway would talk to Treeherder. No batching help, no cache.

export type Params = ReadonlyArray<readonly [string, string | number]>;

export interface RestClient {
  readonly baseUrl: string;
  get<T>(path: string, params?: Params): Promise<T>;
  /** Rows of `/api/jobs/` as objects (the compact arrays zipped with `job_property_names`). */
  jobRows(params: Params): Promise<Array<Record<string, unknown>>>;
  close(): Promise<void>;
}

interface JobPage {
  count: number;
  next: string | null;
  results: unknown[][];
  job_property_names: string[];
}

const JOB_PAGE = 2000;

function query(params: Params): string {
  return params.map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(String(value)).replace(/%2C/gi, ',')}`).join('&');
}

function zip(page: JobPage): Array<Record<string, unknown>> {
  return page.results.map((row) => Object.fromEntries(page.job_property_names.map((name, index) => [name, row[index]])));
}

export function createRestClient(baseUrl: string, options: { ca?: string | null } = {}): RestClient {
  // Enough sockets that no request of a scenario waits for another: "maximal parallelism".
  // Over https, HTTP/2 when the server offers it (undici's default, as a browser does): then
  // one connection, up to 100 streams at once on it.
  const agent = new Agent({ connections: 256, keepAliveTimeout: 30_000, ...(options.ca ? { connect: { ca: options.ca } } : {}) });
  const origin = new URL(baseUrl).origin;

  async function get<T>(path: string, params: Params = []): Promise<T> {
    const search = query(params);
    const response = await request(`${origin}${path}${search ? `?${search}` : ''}`, {
      dispatcher: agent,
      headers: { accept: 'application/json', 'user-agent': 'treeherder-graphql-bench/1 (REST client)' },
    });
    const text = await response.body.text();
    if (response.statusCode !== 200) throw new Error(`${path}?${search}: HTTP ${response.statusCode}: ${text.slice(0, 200)}`);
    return JSON.parse(text) as T;
  }

  return {
    baseUrl,
    get,
    /** Page 1, then the remaining pages side by side (the count is known after page 1). */
    async jobRows(params) {
      const first = await get<JobPage>('/api/jobs/', [...params, ['count', JOB_PAGE]]);
      const rows = zip(first);
      if (first.next === null) return rows;
      const pages: number[] = [];
      for (let page = 2; (page - 1) * JOB_PAGE < first.count; page += 1) pages.push(page);
      const rest = await Promise.all(pages.map((page) => get<JobPage>('/api/jobs/', [...params, ['count', JOB_PAGE], ['page', page]])));
      for (const page of rest) rows.push(...zip(page));
      return rows;
    },
    close: () => agent.close(),
  };
}
