import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page, type Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaticCredentialStore } from '../src/auth/credential-store.js';
import { createHawkEdge } from '../src/auth/edge.js';
import { startStack, type Stack } from './support/stack.js';

// GraphiQL in a real browser: Debian's Chromium, driven by playwright-core (which downloads
// nothing). The page must load and work with no request leaving this machine, run the
// welcome query against the simulator-backed gateway, show the schema's descriptions, and
// sign requests with Hawk from the headers editor.

const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = join(import.meta.dirname, '..', 'test-artifacts');
const credentials = { id: 'graphiql-user', key: 'a-long-secret-key-for-the-browser-test', algorithm: 'sha256' as const };

const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) {
  const banner = `\n${'!'.repeat(78)}\n!! GraphiQL browser test SKIPPED: ${CHROMIUM} is missing. Install it: apt-get install -y chromium\n${'!'.repeat(78)}\n`;
  // CI installs Chromium (.ci/run): there, its absence is a broken CI, not a reason to skip.
  if (process.env['CI']) throw new Error(banner);
  console.warn(banner);
}

// Each page load parses GraphiQL's 9 MB of inlined script: seconds on a shared 2-core machine.
describe.skipIf(!hasChromium)('GraphiQL in Chromium', { timeout: 120_000 }, () => {
  let stack: Stack;
  let context: BrowserContext;
  // One page for the whole suite, as a person would use it: a second page would restore
  // the first one's tabs from localStorage instead of opening on the defaults.
  let page: Page;
  let profile: string;
  const requested: string[] = [];

  beforeAll(async () => {
    stack = await startStack({
      listen: true,
      // Short enough that the @defer test's request (Treeherder told to take a minute) ends soon.
      // A short poll interval (real timers) for the live-updates tab.
      env: { REQUEST_DEADLINE_MS: '8000', LIVE_POLL_INTERVAL_MS: '1000' },
      simulator: { scale: { pushesPerRepository: 6, jobsPerPush: 60 }, hawkCredentials: [credentials] },
      hawkEdge: createHawkEdge({ store: createStaticCredentialStore([credentials]) }),
    });
    profile = mkdtempSync(join(tmpdir(), 'th-chromium-'));
    // A fresh profile per run: nothing GraphiQL stored in an earlier run (tabs, headers) leaks in.
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 1400, height: 900 },
      // Without the background-networking flags Chromium phones home at start-up, and on a
      // closed network those connections are refused (or, worse, hang).
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    context.on('request', (request) => requested.push(request.url()));
    page = await context.newPage();
    await page.goto(`${stack.gatewayUrl}/graphql`);
    await page.locator('.graphiql-execute-button').waitFor({ timeout: 90_000 });
  }, 180_000);

  afterAll(async () => {
    await context?.close();
    await stack?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  async function responseText(contains: string): Promise<string> {
    const response = page.locator('.graphiql-response');
    await expect.poll(async () => (await response.innerText()).replace(/\s+/g, ' '), { timeout: 60_000 }).toContain(contains);
    return (await response.innerText()).replace(/\s+/g, ' ');
  }

  /**
   * Switches to the tab of `operation` and waits until GraphiQL will run it. GraphiQL sends
   * the operation name from the tab's state, which it updates 100 ms after the editor's text
   * changes (debounced): a run in that window sends the new text with the old tab's name and
   * fails with "Cannot infer operation". So wait for the stored tab state, not for the text.
   */
  async function openTab(operation: string): Promise<void> {
    // A dispatched click: tabs are drag-and-drop items, and a pointer click can start a drag.
    await page.getByRole('button', { name: operation, exact: true }).dispatchEvent('click');
    await expect
      .poll(
        () =>
          page.evaluate(() => {
            const state = JSON.parse(localStorage.getItem('graphiql:tabState') ?? 'null') as {
              activeTabIndex: number;
              tabs: Array<{ operationName: string | null }>;
            } | null;
            return state?.tabs[state.activeTabIndex]?.operationName ?? null;
          }),
        { timeout: 30_000 },
      )
      .toBe(operation);
  }

  /** Presses Run and resolves to the gateway's HTTP response to `operation`. */
  async function run(operation: string): Promise<Response> {
    const [response] = await Promise.all([
      page.waitForResponse((candidate) => candidate.request().method() === 'POST' && (candidate.request().postData() ?? '').includes(operation)),
      page.locator('.graphiql-execute-button').click(),
    ]);
    return response;
  }

  it('runs the welcome query against the gateway and shows the pushes, with no request leaving loopback', async () => {
    stack.resetLog();

    await page.locator('.graphiql-execute-button').click();
    const newest = [...stack.simulator.data.pushesOf('autoland')].sort((a, b) => b.id - a.id)[0]!;
    const text = await responseText(newest.revision);
    expect(text).toContain('"pushes"');
    expect(stack.upstream().some((entry) => entry.path.includes('/push/'))).toBe(true);

    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'graphiql.png') });

    const offLoopback = requested.filter((url) => {
      if (url.startsWith('blob:') || url.startsWith('data:')) return false;
      return !['127.0.0.1', 'localhost', '[::1]'].includes(new URL(url).hostname);
    });
    expect(offLoopback).toEqual([]);
  });

  it('shows the descriptions of the schema in the Docs pane', async () => {
    await page.getByRole('button', { name: /documentation explorer/i }).click();
    const docs = page.locator('.graphiql-doc-explorer');
    await docs.getByText('Query', { exact: true }).first().click();
    await expect.poll(() => docs.innerText(), { timeout: 30_000 }).toContain('The entry points of the graph');
    await docs.getByText('pushes', { exact: true }).first().click();
    await expect.poll(() => docs.innerText(), { timeout: 30_000 }).toContain('The pushes of a repository, newest first');
  });

  it("opens with the SDK's operations as tabs, ready to run with their example variables", async () => {
    await openTab('PushesWithJobs');
    const response = await run('PushesWithJobs');
    const body = (await response.json()) as { errors?: unknown; data?: { pushes: { nodes: Array<{ jobs: unknown }> } } };
    expect(body.errors).toBeUndefined();
    expect(body.data?.pushes.nodes).toHaveLength(3);
    // The welcome query aliases its jobs as "failures": a "jobs" key means the pane shows the new answer.
    const text = await responseText('"jobs"');
    expect(text).toContain('"jobCounts"');
    expect(text).toContain('"pageInfo"');
    expect(text).not.toContain('"errors"');
  });

  it('shows the first part of a @defer answer while Treeherder is still busy with the rest', async () => {
    stack.resetLog();
    // The job list takes a minute: whatever the pane shows before then came in the first part.
    stack.simulator.setFaults([{ path: '/api/jobs/', kind: 'latency', ms: 60_000 }]);
    const newest = [...stack.simulator.data.pushesOf('autoland')].sort((a, b) => b.id - a.id)[0]!;
    try {
      await openTab('PushInParts');
      await page.locator('.graphiql-execute-button').click();
      // The id, not the revision: the pane wraps long strings, and a wrapped one no longer matches.
      const text = await responseText(`"${newest.id}"`);
      expect(text).not.toContain('"jobType"');
      await expect.poll(() => stack.upstream().filter((entry) => entry.path === '/api/jobs/').length, { timeout: 30_000 }).toBe(1);
      const jobs = stack.upstream().find((entry) => entry.path === '/api/jobs/')!;
      expect(jobs.status, 'the deferred part is still waiting for Treeherder').toBe(0);

      // Stop ends GraphiQL's wait but not its connection (its fetcher does not abort an answer
      // in parts): the request's deadline is what gives up the upstream request, long before
      // Treeherder's minute is over.
      await page.locator('.graphiql-execute-button').click();
      const now = () => stack.upstream().find((entry) => entry.seq === jobs.seq)!;
      await expect.poll(() => now().durationMs, { timeout: 30_000 }).toBeGreaterThan(0);
      expect(now().status).toBe(0);
      expect(now().durationMs).toBeLessThan(30_000);
    } finally {
      stack.simulator.setFaults([]);
    }
    // Without the delay the later parts follow: the pane shows the jobs merged into the push.
    await page.locator('.graphiql-execute-button').click();
    const whole = await responseText('"jobType"');
    expect(whole).toContain(`"${newest.id}"`);
    expect(whole).not.toContain('"errors"');
  });

  it('runs the live-updates tab: the page shows an event after the simulator moves, and Stop ends the poller', async () => {
    stack.resetLog();
    await openTab('WatchAutoland');
    await page.locator('.graphiql-execute-button').click();
    await expect.poll(() => stack.gateway.live.registry.stats().subscribers, { timeout: 30_000 }).toBe(1);
    // The poller's first poll finds where "now" is; what moves after it is an event.
    const polled = () => stack.upstream().some((entry) => entry.path === '/api/project/autoland/jobs/' && entry.status === 200);
    await expect.poll(polled, { timeout: 30_000 }).toBe(true);
    const since = stack.simulator.data.clockMs() * 1000;
    let changed: number[] = [];
    while (changed.length === 0) {
      stack.simulator.advance(1);
      changed = stack.simulator.data
        .pushesOf('autoland')
        .flatMap((push) => stack.simulator.data.jobsOfPush(push.id))
        .filter((job) => job.lastModifiedUs > since)
        .map((job) => job.id);
    }
    const text = await responseText(`"${Math.min(...changed)}"`);
    expect(text).toContain('"jobsChanged"');
    expect(text).not.toContain('"errors"');
    // Stop: the subscription ends, and with its only subscriber the topic's poller.
    await page.locator('.graphiql-execute-button').click();
    await expect.poll(() => stack.gateway.live.registry.stats().pollers, { timeout: 30_000 }).toBe(0);
  });

  /** Puts `headers` in the headers editor, runs the open tab, and resolves to the gateway's answer. */
  async function runWithHeaders(headers: Record<string, string>) {
    await page.locator('.graphiql-editor-tools button[data-name="headers"]').click();
    const editor = page.locator('.graphiql-editor-tool .monaco-editor:visible');
    await editor.click();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.press('Delete');
    // insertText, not typing: the editor would add closing quotes and braces of its own.
    await page.keyboard.insertText(JSON.stringify(headers));
    const response = await run('LatestPushes');
    return { status: response.status(), body: (await response.json()) as { data?: { pushes: { nodes: Array<{ revision: string }> } } } };
  }

  it('signs requests with Hawk from Hawk-Id and Hawk-Key in the headers editor, and the key never leaves the page', async () => {
    const sentHeaders: Array<Record<string, string>> = [];
    page.on('request', (request) => {
      if (request.method() === 'POST') sentHeaders.push(request.headers());
    });
    await openTab('LatestPushes');
    stack.resetLog();

    const signed = await runWithHeaders({ 'Hawk-Id': credentials.id, 'Hawk-Key': credentials.key });
    const newest = [...stack.simulator.data.pushesOf('autoland')].sort((a, b) => b.id - a.id)[0]!;
    expect(signed.status).toBe(200);
    expect(signed.body.data?.pushes.nodes[0]?.revision).toBe(newest.revision);

    // The gateway verified the caller and signed its upstream requests with the same id.
    expect(stack.upstream().length).toBeGreaterThan(0);
    expect(new Set(stack.upstream().map((entry) => entry.hawkId))).toEqual(new Set([credentials.id]));
    expect(sentHeaders.length).toBeGreaterThan(0);
    for (const headers of sentHeaders) {
      expect(headers['authorization']).toMatch(/^Hawk id="graphiql-user", ts="\d+", nonce="[^"]+", hash="[^"]+", mac="[^"]+"$/);
      expect(JSON.stringify(headers)).not.toContain(credentials.key);
    }

    const refused = await runWithHeaders({ 'Hawk-Id': credentials.id, 'Hawk-Key': 'not-the-key' });
    expect(refused.status).toBe(401);
    await responseText('HAWK_BAD_MAC');
  });
});
