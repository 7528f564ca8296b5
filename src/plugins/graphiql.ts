import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import type { GraphiQLOptions } from 'graphql-yoga';
import * as operations from '../operations.generated.js';
import { toPersistedDocument } from '../persisted-documents.js';

// GraphiQL as the gateway serves it: Yoga's renderer (GraphiQL and its editor workers are
// inlined in the page, so it works offline and behind a firewall), one tab per SDK
// operation, and Hawk signing in the page so the headers editor can authenticate.

/** Variables each SDK operation opens with, chosen to return data from the demo's simulator. */
const EXAMPLE_VARIABLES: Record<string, Record<string, unknown>> = {
  PushesWithJobs: { repository: 'autoland', first: 3, result: 'testfailed' },
  // A failed autoland job with error lines in the demo (simulator seed 1).
  JobFailure: { id: '480084745' },
  SignaturesWithSeries: { repository: 'mozilla-central', framework: 1, first: 3, interval: 1209600 },
  AlertSummaries: { repository: 'autoland', first: 5 },
  Repositories: {},
};

const HAWK_HEADERS_HINT = JSON.stringify({ 'Hawk-Id': '', 'Hawk-Key': '' }, null, 2);

/**
 * Signs GraphiQL's requests with Hawk in the browser. With `Hawk-Id` and `Hawk-Key` in the
 * headers editor, each request (introspection included) gets its own `Authorization: Hawk`
 * header — fresh timestamp and nonce, body hash — and the two pseudo-headers are dropped, so
 * the key never leaves the page. A static header pasted into the editor could not work: the
 * gateway refuses a nonce it has seen and a timestamp older than a minute. It wraps `fetch`
 * before GraphiQL loads, because GraphiQL's fetcher keeps the `fetch` it finds at start-up.
 * WebCrypto needs a secure context: https, or http on localhost.
 */
export const HAWK_SIGNER_SCRIPT = `(() => {
  const plainFetch = window.fetch.bind(window);
  const utf8 = new TextEncoder();
  const base64 = (buffer) => btoa(String.fromCharCode(...new Uint8Array(buffer)));
  const sha256 = async (text) => base64(await crypto.subtle.digest('SHA-256', utf8.encode(text)));
  const hmacSha256 = async (key, text) => {
    const cryptoKey = await crypto.subtle.importKey('raw', utf8.encode(key), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    return base64(await crypto.subtle.sign('HMAC', cryptoKey, utf8.encode(text)));
  };
  window.fetch = async (input, init = {}) => {
    const request = new Request(input, init);
    const id = request.headers.get('hawk-id');
    const key = request.headers.get('hawk-key');
    if (!id && !key) return plainFetch(input, init);
    if (!id || !key) throw new Error('Hawk signing needs both Hawk-Id and Hawk-Key in the headers editor.');
    if (!crypto.subtle) throw new Error('Hawk signing needs a secure context: open GraphiQL over https or on localhost.');
    const headers = new Headers(request.headers);
    headers.delete('hawk-id');
    headers.delete('hawk-key');
    const method = request.method.toUpperCase();
    const body = method === 'GET' || method === 'HEAD' ? null : await request.text();
    const url = new URL(request.url);
    const port = url.port || (url.protocol === 'https:' ? '443' : '80');
    const contentType = (headers.get('content-type') || '').split(';')[0].trim().toLowerCase();
    const hash = body === null ? '' : await sha256('hawk.1.payload\\n' + contentType + '\\n' + body + '\\n');
    const ts = Math.floor(Date.now() / 1000);
    const nonce = base64(crypto.getRandomValues(new Uint8Array(12))).replace(/[+/=]/g, 'x');
    const normalized = ['hawk.1.header', ts, nonce, method, url.pathname + url.search, url.hostname.toLowerCase(), port, hash, '', ''].join('\\n');
    const mac = await hmacSha256(key, normalized);
    headers.set('authorization', 'Hawk id="' + id + '", ts="' + ts + '", nonce="' + nonce + '"' + (hash ? ', hash="' + hash + '"' : '') + ', mac="' + mac + '"');
    return plainFetch(url, { method, headers, body, credentials: request.credentials, signal: request.signal });
  };
})();`;

/** The SDK's operations as GraphiQL tabs, after the welcome query and the other examples. */
export function toExampleTabs(welcomeQuery: string, headers?: string, examples: readonly string[] = []): NonNullable<GraphiQLOptions['defaultTabs']> {
  // Tabs in the order of EXAMPLE_VARIABLES (the common questions first), then any others.
  const order = Object.keys(EXAMPLE_VARIABLES);
  const rank = (name: string) => (order.includes(name) ? order.indexOf(name) : order.length);
  const tabs = Object.entries(operations)
    .filter(([name]) => name.endsWith('Document'))
    .sort(([a], [b]) => rank(a.slice(0, -'Document'.length)) - rank(b.slice(0, -'Document'.length)))
    .map(([name, document]) => {
      const operation = name.slice(0, -'Document'.length);
      const method = operation.charAt(0).toLowerCase() + operation.slice(1);
      const variables = EXAMPLE_VARIABLES[operation] ?? {};
      return {
        query: `# The SDK's ${operation} operation: sdk.${method}(variables) in treeherder-graphql-sdk.\n${toPersistedDocument(document).query}\n`,
        variables: JSON.stringify(variables, null, 2),
        ...(headers ? { headers } : {}),
      };
    });
  return [welcomeQuery, ...examples].map((query) => ({ query, ...(headers ? { headers } : {}) })).concat(tabs);
}

export interface GraphiQLSetup {
  options: GraphiQLOptions;
  render: (options: GraphiQLOptions) => string;
}

export function createGraphiQL(setup: { title: string; welcomeQuery: string; examples?: readonly string[]; hawk: boolean }): GraphiQLSetup {
  const headers = setup.hawk ? HAWK_HEADERS_HINT : undefined;
  return {
    options: {
      title: setup.title,
      defaultQuery: setup.welcomeQuery,
      defaultTabs: toExampleTabs(setup.welcomeQuery, headers, setup.examples),
      // Opens the variables pane, where each SDK tab keeps its example variables.
      defaultEditorToolsVisibility: 'variables',
      ...(headers ? { headers } : {}),
      // Hawk keys typed into the headers editor stay in the page, not in localStorage.
      shouldPersistHeaders: false,
    },
    render(options) {
      // Before any other script: GraphiQL must find the signing fetch when it starts.
      return renderGraphiQL(options).replace('<head>', () => `<head>\n<script>${HAWK_SIGNER_SCRIPT}</script>`);
    },
  };
}
