import type { SimulatorModel } from '../model.js';
import type { Query } from './query.js';
import type { Reply } from './reply.js';

/** Everything a handler may look at for one request. */
export interface HandlerContext {
  model: SimulatorModel;
  method: string;
  /** Decoded path, e.g. `/api/project/try/push/`. */
  path: string;
  query: Query;
  /** Query string as received, without '?'. */
  rawQuery: string;
  /** Path parameters captured by the route. */
  params: Readonly<Record<string, string>>;
  /** `http://<Host header>`, from which Django builds absolute URLs. */
  origin: string;
  /** The simulator's current time (anchor plus elapsed wall time), epoch microseconds. */
  nowUs(): number;
}

export type Handler = (ctx: HandlerContext) => Reply;

export interface Route {
  pattern: RegExp;
  names: readonly string[];
  /** The `Allow` header DRF sends for this view. */
  allow: string;
  /** Methods the view implements besides GET/HEAD/OPTIONS (writes need a login). */
  writes?: readonly string[];
  handler: Handler;
}

const SEGMENTS: Record<string, string> = {
  // Django's `[\w-]{0,50}` (Unicode word characters) for the project name.
  project: '([\\p{L}\\p{N}_-]{0,50})',
  // DRF routers' default lookup value regex.
  pk: '([^/.]+)',
};

/** `route('/api/project/:project/jobs/:pk/', …)` → an anchored pattern with captures. */
export function route(path: string, handler: Handler, allow = 'GET, HEAD, OPTIONS', writes?: readonly string[]): Route {
  const names: string[] = [];
  const source = path
    .split('/')
    .map((segment) => {
      if (segment.startsWith(':')) {
        const name = segment.slice(1);
        names.push(name);
        return SEGMENTS[name] ?? '([^/]+)';
      }
      return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('/');
  const pattern = new RegExp(`^${source}$`, 'u');
  return writes ? { pattern, names, allow, writes, handler } : { pattern, names, allow, handler };
}
