import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import Hawk from 'hawk';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaticCredentialStore } from '../src/auth/credential-store.js';
import { createHawkEdge } from '../src/auth/edge.js';
import { signHawkRequest } from '../src/auth/sign.js';
import { persistedDocuments as gatewayDocuments } from '../src/persisted-documents.js';
import { hawkAuthorization, persistedDocuments, VERSION, type HawkCredentials } from '../packages/sdk/src/index.js';
import { startStack, type Stack } from './support/stack.js';

// The SDK as a package of its own (packages/sdk): web platform APIs only, so it runs in a
// browser bundle as in Node; its WebCrypto Hawk signatures are what the real `hawk` package
// verifies; its operations hash as the gateway's trusted documents do.

const root = join(import.meta.dirname, '..');
const sdkDir = join(root, 'packages/sdk');
const CHROMIUM = '/usr/bin/chromium';
const sheriff = { id: 'sheriff-bot', key: 'a long random secret for the SDK test', algorithm: 'sha256' } as const satisfies HawkCredentials;

/** What `hawk`'s server side makes of a header signed for `url`. */
async function verifyWithHawk(url: string, method: string, authorization: string, body?: { payload: string; contentType: string }) {
  const target = new URL(url);
  const port = target.port || (target.protocol === 'https:' ? '443' : '80');
  const request = {
    method,
    url: target.href.slice(target.origin.length),
    headers: { host: `${target.hostname}:${port}`, authorization, ...(body ? { 'content-type': body.contentType } : {}) },
  };
  const { credentials, artifacts } = await Hawk.server.authenticate(request as never, (id: string) => (id === sheriff.id ? sheriff : undefined), {
    ...(body ? { payload: body.payload } : {}),
  } as never);
  return { id: (credentials as HawkCredentials).id, artifacts: artifacts as { hash?: string; resource: string } };
}

describe('the SDK package', () => {
  it('depends on graphql and @graphql-typed-document-node/core only, and states its version', () => {
    const manifest = JSON.parse(readFileSync(join(sdkDir, 'package.json'), 'utf8')) as Record<string, any>;
    expect(Object.keys(manifest['dependencies']).sort()).toEqual(['@graphql-typed-document-node/core', 'graphql']);
    expect(manifest['devDependencies']).toBeUndefined();
    expect(manifest['peerDependencies']).toBeUndefined();
    expect(VERSION).toBe(manifest['version']);
    expect(manifest['license']).toBe('MPL-2.0');
    expect(readFileSync(join(sdkDir, 'LICENSE'), 'utf8')).toBe(readFileSync(join(root, 'LICENSE'), 'utf8'));
  });

  it('uses no Node built-ins and imports nothing from the gateway', () => {
    for (const file of readdirSync(join(sdkDir, 'src'))) {
      const text = readFileSync(join(sdkDir, 'src', file), 'utf8');
      const imports = [...text.matchAll(/\bfrom\s+'([^']+)'|import\(\s*'([^']+)'/g)].map((match) => match[1] ?? match[2]!);
      for (const specifier of imports) {
        expect(specifier, `${file} imports ${specifier}`).toMatch(/^(\.\/[\w.-]+\.js|graphql|@graphql-typed-document-node\/core)$/);
      }
      expect(text, file).not.toMatch(/\b(process|Buffer|require)\b[.(]/);
    }
  });

  it('hashes every operation as the gateway does, so trusted documents accept the SDK', async () => {
    const sdk = await persistedDocuments();
    expect(sdk.size).toBeGreaterThanOrEqual(5);
    expect([...sdk.entries()].sort()).toEqual([...gatewayDocuments.entries()].sort());
  });
});

describe('Hawk signatures from the WebCrypto signer', () => {
  const cases = [
    { name: 'a POST with its body', url: 'https://graphql.example.org/graphql', method: 'POST', payload: '{"query":"{ repositories { name } }"}' },
    { name: 'a GET with a query string', url: 'http://127.0.0.1:4000/graphql?query=%7B%20repositories%20%7B%20name%20%7D%20%7D', method: 'GET' },
    { name: 'a bare trailing ?', url: 'http://gateway.test:8080/graphql?', method: 'GET' },
    { name: 'an IPv6 host', url: 'http://[::1]:4000/graphql', method: 'POST', payload: '{}' },
    { name: 'non-ASCII in the body', url: 'https://graphql.example.org/graphql', method: 'POST', payload: '{"query":"{ pushes(repository: \\"autoland\\", author: \\"Zoë\\") { nodes { id } } }"}' },
  ];

  it.each(cases)('verify with the hawk package: $name', async ({ url, method, payload }) => {
    const authorization = await hawkAuthorization(url, sheriff, { method, ...(payload === undefined ? {} : { payload }) });
    const verified = await verifyWithHawk(url, method, authorization, payload === undefined ? undefined : { payload, contentType: 'application/json' });
    expect(verified.id).toBe('sheriff-bot');
    expect(Boolean(verified.artifacts.hash)).toBe(payload !== undefined);
  });

  it('are the header the hawk package itself builds (same clock and nonce)', async () => {
    const now = () => 1_764_000_000_123;
    const nonce = () => 'fixed-nonce-0123';
    const payload = '{"query":"{ repositories { name } }"}';
    const url = 'https://graphql.example.org/graphql';
    expect(await hawkAuthorization(url, sheriff, { payload, now, nonce })).toBe(
      signHawkRequest({ method: 'POST', url, credentials: sheriff, payload, contentType: 'application/json', now, nonce }),
    );
    expect(await hawkAuthorization(`${url}?x=1`, sheriff, { method: 'GET', now, nonce })).toBe(signHawkRequest({ method: 'GET', url: `${url}?x=1`, credentials: sheriff, now, nonce }));
  });

  it('fail verification when the body, the key or the URL differ', async () => {
    const url = 'https://graphql.example.org/graphql';
    const authorization = await hawkAuthorization(url, sheriff, { payload: '{"query":"{ a }"}' });
    await expect(verifyWithHawk(url, 'POST', authorization, { payload: '{"query":"{ b }"}', contentType: 'application/json' })).rejects.toThrow(/payload/i);
    await expect(verifyWithHawk('https://graphql.example.org/other', 'POST', authorization, { payload: '{"query":"{ a }"}', contentType: 'application/json' })).rejects.toThrow(/mac/i);
    const forged = await hawkAuthorization(url, { ...sheriff, key: 'not the key' }, { payload: '{"query":"{ a }"}' });
    await expect(verifyWithHawk(url, 'POST', forged, { payload: '{"query":"{ a }"}', contentType: 'application/json' })).rejects.toThrow(/mac/i);
  });

  it('refuses credentials that cannot make a valid header', async () => {
    await expect(hawkAuthorization('https://g.example/graphql', { ...sheriff, id: 'a"b' })).rejects.toThrow(TypeError);
    await expect(hawkAuthorization('https://g.example/graphql', { ...sheriff, key: '' })).rejects.toThrow(TypeError);
    await expect(hawkAuthorization('/relative', sheriff)).rejects.toThrow(TypeError);
  });
});

const hasChromium = existsSync(CHROMIUM);
if (!hasChromium && process.env['CI']) throw new Error(`${CHROMIUM} is missing: CI installs it (.ci/run)`);

// The SDK bundled as a front-end would bundle it (esbuild, platform browser: a `node:` import
// fails the build) and run in Chromium against a gateway that verifies Hawk.
describe.skipIf(!hasChromium)('the SDK in a browser bundle', { timeout: 120_000 }, () => {
  let stack: Stack;
  let page: Server;
  let pageUrl: string;
  let browser: Browser;
  let bundle: string;
  const scratch = mkdtempSync(join(tmpdir(), 'th-sdk-browser-'));

  beforeAll(async () => {
    const result = await build({
      stdin: {
        contents: `export { createSdk, GatewayError, hawkAuthorization } from ${JSON.stringify(join(sdkDir, 'src/index.ts'))};`,
        resolveDir: root,
        loader: 'ts',
      },
      bundle: true,
      format: 'esm',
      platform: 'browser',
      target: 'es2022',
      minify: true,
      write: false,
      logLevel: 'silent',
    });
    bundle = result.outputFiles[0]!.text;

    stack = await startStack({
      listen: true,
      simulator: { seed: 1, scale: { pushesPerRepository: 4, jobsPerPush: 20 }, hawkCredentials: [sheriff] },
      // The gateway checks the Host the browser sends (127.0.0.1:<port>) against what was signed.
      hawkEdge: createHawkEdge({ store: createStaticCredentialStore([sheriff]) }),
    });
    // The page comes from another origin, as a front-end's would: the calls are CORS requests.
    page = createServer((request, response) => {
      if (request.url === '/sdk.js') {
        response.writeHead(200, { 'content-type': 'text/javascript' }).end(bundle);
      } else {
        // The bundle as an application loads it: an ES module, exposed for the test to drive.
        response
          .writeHead(200, { 'content-type': 'text/html' })
          .end('<!doctype html><title>sdk</title><script type="module">import * as sdk from "/sdk.js"; window.sdk = sdk;</script>');
      }
    });
    await new Promise<void>((resolve) => page.listen(0, '127.0.0.1', resolve));
    pageUrl = `http://127.0.0.1:${(page.address() as AddressInfo).port}`;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => page?.close(resolve));
    await stack?.close();
    rmSync(scratch, { recursive: true, force: true });
  });

  it('is a bundle with nothing of Node in it', () => {
    expect(bundle).not.toMatch(/["']node:|require\(["'](crypto|http|buffer)/);
    expect(bundle.length).toBeLessThan(200_000);
  });

  it('runs an operation, signed with Hawk by WebCrypto, and gets a coded error back', async () => {
    const tab = await browser.newPage();
    try {
      await tab.goto(pageUrl);
      await tab.waitForFunction(() => 'sdk' in window);
      const outcome = await tab.evaluate(
        async ({ gateway, credentials }) => {
          const { createSdk, GatewayError } = (window as unknown as { sdk: typeof import('../packages/sdk/src/index.js') }).sdk;
          const anonymous = createSdk({ url: `${gateway}/graphql` });
          const signed = createSdk({ url: `${gateway}/graphql`, credentials });
          const { pushes } = await signed.pushesWithJobs({ repository: 'autoland', first: 2 });
          const { repositories } = await anonymous.repositories();
          const refused = await createSdk({ url: `${gateway}/graphql`, credentials: { ...credentials, key: 'wrong key' } })
            .repositories()
            .then(
              () => null,
              (error: unknown) => (error instanceof GatewayError ? error.code : String(error)),
            );
          return { revisions: pushes.nodes.map((push) => push.revision), repositories: repositories.length, refused, secure: isSecureContext };
        },
        { gateway: stack.gatewayUrl!, credentials: sheriff },
      );
      const expected = [...stack.simulator.data.pushesOf('autoland')].sort((a, b) => b.id - a.id).slice(0, 2);
      expect(outcome.secure).toBe(true);
      expect(outcome.revisions).toEqual(expected.map((push) => push.revision));
      expect(outcome.repositories).toBeGreaterThan(0);
      expect(outcome.refused).toBe('HAWK_BAD_MAC');
      // The signed request reached Treeherder as the caller (the gateway forwards Hawk).
      expect(stack.upstream().some((entry) => entry.hawkId === 'sheriff-bot')).toBe(true);
    } finally {
      await tab.close();
    }
  });
});
