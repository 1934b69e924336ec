/**
 * Live sync in Chromium (issue #11): two browser profiles on one unit database of pouchdb-server, reached through the
 * app's own origin (/couchdb proxied, as production puts CouchDB behind the intranet host: the CSP allows 'self'
 * only). A gate in front of the server stands for the server going away and coming back.
 */
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { preview, type PreviewServer } from 'vite';
import type { BrowserContext, Page } from 'playwright-core';
import { SEED_VERSION } from '@/domain/seed/yantian-2022';
import { freshProfile, launch, screenshot } from './browser';
import { ActivityPage } from './pages/ActivityPage';
import { DashboardPage } from './pages/DashboardPage';
import { IndicatorsPage } from './pages/IndicatorsPage';
import { setupUnit, startServer, type TestServer, type TestUnit } from '../sync/server-harness';

const distDir = inject('distDir');
const COUNT = '开展职工权益保障和职工服务等活动（人次）';
const UNIT_ID = `sample-${SEED_VERSION}-0001`;

let server: TestServer;
let unit: TestUnit;
let gate: Server;
let gateDown = false;
let app: PreviewServer;
let baseUrl = '';
const contexts: BrowserContext[] = [];
const profiles = new Map<BrowserContext, string>();

/** Forwards to pouchdb-server, or drops every connection while "down". */
function startGate(target: string): Promise<Server> {
  const t = new URL(target);
  const s = createServer((req, res) => {
    if (gateDown) {
      req.socket.destroy();
      return;
    }
    const up = request({ host: t.hostname, port: t.port, method: req.method, path: req.url, headers: req.headers }, (r) => {
      res.writeHead(r.statusCode ?? 502, r.headers);
      r.pipe(res);
    });
    up.on('error', () => res.destroy());
    req.pipe(up);
  });
  return new Promise((resolve) => s.listen(0, '127.0.0.1', () => resolve(s)));
}

beforeAll(async () => {
  server = await startServer();
  unit = await setupUnit(server, { unitId: UNIT_ID, users: ['alice', 'bob'] });
  gate = await startGate(server.url);
  const gatePort = (gate.address() as AddressInfo).port;
  app = await preview({
    configFile: 'vite.config.ts',
    build: { outDir: distDir },
    preview: { host: '127.0.0.1', port: 0, strictPort: false, proxy: { '/couchdb': { target: `http://127.0.0.1:${gatePort}`, rewrite: (p: string) => p.replace(/^\/couchdb/, '') || '/' } } },
    // 'silent': the proxy would log every connection the gate drops while the server is "down".
    logLevel: 'silent',
  });
  const address = app.httpServer.address() as AddressInfo;
  baseUrl = `http://127.0.0.1:${address.port}/`;
}, 120_000);

afterAll(async () => {
  await new Promise<void>((r) => (app ? app.httpServer.close(() => r()) : r()));
  await new Promise<void>((r) => (gate ? gate.close(() => r()) : r()));
  await server?.stop();
});

afterEach(async () => {
  gateDown = false;
  await Promise.all(contexts.splice(0).map((c) => c.close()));
});

async function open(profile = freshProfile()): Promise<Page> {
  const ctx = await launch(profile);
  contexts.push(ctx);
  profiles.set(ctx, profile);
  const page = ctx.pages()[0] ?? (await ctx.newPage());
  await page.goto(`${baseUrl}#/dashboard`);
  await page.locator('[data-test=gauge-overall]').waitFor();
  return page;
}

const chip = (p: Page) => p.locator('[data-test=sync-chip]');

async function connect(page: Page, user: 'alice' | 'bob') {
  await page.goto(`${baseUrl}#/data`);
  const card = page.locator('[data-test=sync-card]');
  await card.locator('[data-test=sync-server]').fill(`${baseUrl}couchdb`);
  await card.locator('[data-test=sync-db]').fill(unit.db);
  await card.locator('[data-test=sync-user]').fill(unit.users[user]!.name);
  await card.locator('[data-test=sync-password]').fill(unit.users[user]!.password);
  await card.locator('[data-test=sync-connect]').click();
  await expect.poll(() => chip(page).getAttribute('data-phase'), { timeout: 30_000 }).toBe('upToDate');
}

async function logEntry(page: Page, amount: string, who: string) {
  const log = new ActivityPage(page, baseUrl);
  await page.goto(`${baseUrl}#/data`);
  await log.open();
  await expect.poll(() => log.focused()).toBe('picker');
  const before = await log.rows().count();
  await log.type('权益保障和职工服务等');
  await expect.poll(() => log.focused()).toBe('amount');
  await log.type(amount);
  if ((await log.focused()) === 'recorded-by') await log.type(who);
  await expect.poll(() => log.rows().count()).toBe(before + 1);
}

async function actualOn(page: Page): Promise<string | null> {
  const dash = new DashboardPage(page, baseUrl);
  if (!page.url().includes('#/dashboard')) await dash.open();
  return dash.actualOf(COUNT);
}

describe('two browser profiles on one unit database', () => {
  it('an entry logged in one appears in the other’s dashboard; the server going away and back loses nothing', async () => {
    const a = await open();
    const b = await open();
    const start = await actualOn(b);
    await connect(a, 'alice');
    await connect(b, 'bob');
    await logEntry(a, '40', '张敏');
    await b.goto(`${baseUrl}#/dashboard`);
    await expect.poll(() => actualOn(b), { timeout: 20_000 }).not.toBe(start);
    const withFirst = await actualOn(b);
    expect(withFirst).toContain('40');
    await screenshot(b, 'sync-received');

    // The server goes away: A keeps working and says it is offline with a change waiting.
    gateDown = true;
    await logEntry(a, '25', '张敏');
    await expect.poll(() => chip(a).getAttribute('data-phase'), { timeout: 30_000 }).toBe('offline');
    expect(await chip(a).textContent()).toMatch(/离线/);
    await screenshot(a, 'sync-offline');
    // A restart of A's browser in between: the queued change is still there and goes when the server is back.
    const profile = profiles.get(a.context())!;
    await a.context().close();
    contexts.splice(contexts.indexOf(a.context()), 1);
    const a2 = await open(profile);
    await expect.poll(() => chip(a2).getAttribute('data-phase'), { timeout: 30_000 }).toBe('offline');
    gateDown = false;
    // pouchdb-server's session cookie ends with the browser (CouchDB 3's lasts its timeout, 8 hours by default):
    // the chip asks to sign in again, the password is typed once more, and the queued change goes.
    await expect.poll(() => chip(a2).getAttribute('data-phase'), { timeout: 30_000 }).toBe('error');
    expect(await chip(a2).textContent()).toMatch(/重新登录/);
    await a2.goto(`${baseUrl}#/data`);
    await a2.locator('[data-test=sync-card] [data-test=sync-password]').fill(unit.users.alice!.password);
    await a2.locator('[data-test=sync-card] [data-test=sync-connect]').click();
    await b.goto(`${baseUrl}#/dashboard`);
    await expect.poll(() => actualOn(b), { timeout: 40_000 }).toContain('65');
    await expect.poll(() => chip(a2).getAttribute('data-phase'), { timeout: 30_000 }).toBe('upToDate');
  }, 180_000);

  it('the same target changed on both PCs is a clash, resolved side by side, and both end alike', async () => {
    const a = await open();
    const b = await open();
    await connect(a, 'alice');
    await connect(b, 'bob');
    gateDown = true;
    for (const [page, target] of [[a, '不少于900人次'], [b, '不少于1000人次']] as const) {
      const tree = new IndicatorsPage(page, baseUrl);
      await tree.open();
      await tree.startEdit(COUNT);
      await tree.typeTarget(target);
      await tree.pressEnter();
      await expect.poll(() => tree.targetOf(COUNT).textContent()).toBe(target);
    }
    gateDown = false;
    // Whichever sends second finds the clash; give A a head start.
    await expect.poll(() => chip(a).getAttribute('data-phase'), { timeout: 40_000 }).toBe('upToDate');
    await expect.poll(() => chip(b).locator('[data-test=sync-clashes]').count(), { timeout: 40_000 }).toBe(1);
    await b.goto(`${baseUrl}#/data`);
    const clash = b.locator('[data-test=sync-card] [data-test=clash]');
    await clash.first().waitFor();
    const row = clash.locator('[data-test=clash-field][data-field=targetText]');
    expect(await row.locator('td').nth(0).textContent()).toContain('不少于1000人次');
    expect(await row.locator('td').nth(1).textContent()).toContain('不少于900人次');
    await screenshot(b, 'sync-clash');
    await row.locator('[data-test=pick-remote]').check();
    await b.locator('[data-test=sync-resolve]').click();
    await expect.poll(() => chip(b).locator('[data-test=sync-clashes]').count(), { timeout: 20_000 }).toBe(0);
    for (const page of [a, b]) {
      const tree = new IndicatorsPage(page, baseUrl);
      await tree.open();
      await expect.poll(() => tree.targetOf(COUNT).textContent(), { timeout: 30_000 }).toBe('不少于900人次');
    }
  }, 180_000);
});
