import { Agent, request } from 'undici';
import type { Scenario } from './scenarios.js';

// The benchmark's client of the gateway: one POST per operation; an error in the answer fails the run.

export interface GraphQLClient {
  query(scenario: Pick<Scenario, 'query' | 'variables'>): Promise<unknown>;
  close(): Promise<void>;
}

export function createGraphQLClient(url: string): GraphQLClient {
  const agent = new Agent({ connections: 64, keepAliveTimeout: 30_000 });
  return {
    async query({ query, variables }) {
      const response = await request(`${url}/graphql`, {
        method: 'POST',
        dispatcher: agent,
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await response.body.json()) as { data?: unknown; errors?: Array<{ message: string; extensions?: { code?: string } }> };
      if (response.statusCode !== 200 || body.errors) {
        throw new Error(`gateway: HTTP ${response.statusCode}: ${JSON.stringify(body.errors ?? body).slice(0, 300)}`);
      }
      return body.data;
    },
    close: () => agent.close(),
  };
}
