import { createSimulator } from '../../src/simulator/index.js';
import type { Simulator, SimulatorOptions } from '../../src/simulator/index.js';

/** A fixed anchor so the generated data is identical on every run. */
export const ANCHOR = Date.UTC(2026, 7, 21, 12, 0, 0);

export interface Fetched {
  status: number;
  headers: Headers;
  text: string;
  /** Parsed body when the response is JSON, else undefined. */
  json: any;
}

export interface Running {
  simulator: Simulator;
  url: string;
  get(path: string, headers?: Record<string, string>): Promise<Fetched>;
  request(method: string, path: string, headers?: Record<string, string>): Promise<Fetched>;
  close(): Promise<void>;
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<Running> {
  const simulator = createSimulator({ seed: 1, now: ANCHOR, ...options });
  const url = await simulator.listen(0);
  const request = async (method: string, path: string, headers: Record<string, string> = {}): Promise<Fetched> => {
    const response = await fetch(`${url}${path}`, { method, headers: { 'user-agent': 'simulator-tests/1.0', ...headers } });
    const text = await response.text();
    const isJson = (response.headers.get('content-type') ?? '').startsWith('application/json');
    return { status: response.status, headers: response.headers, text, json: isJson && text ? JSON.parse(text) : undefined };
  };
  return {
    simulator,
    url,
    get: (path, headers) => request('GET', path, headers),
    request,
    close: () => simulator.close(),
  };
}

export function expectHtml500(response: Fetched): void {
  if (response.status !== 500 || !response.text.includes('<h1>Server Error (500)</h1>')) {
    throw new Error(`expected the 500 HTML page, got ${response.status}: ${response.text.slice(0, 200)}`);
  }
}
