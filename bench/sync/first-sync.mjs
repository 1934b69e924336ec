// The first sync of a big unit (issue #11, "What must work" 5): a unit database on the server holds a whole unit —
// plans × 10 三级 indicators and a year of activity entries, generated deterministically by the district generator —
// and a fresh browser profile signs in through the app's own Data page and pulls it. Measured: the time until the
// status says up to date, records per second, the longest main-thread task while it runs (PerformanceObserver
// longtask), a page change in the middle of it, the progress the page showed, and the JS heap at the end.
//
// The server is pouchdb-server in memory (the test stand-in, tests/sync/server-harness.ts), reached through the app's
// origin (/couchdb proxied, as production puts CouchDB behind the intranet host); the unit's documents are written
// there first with _bulk_docs by a member of the unit, in the shape the app's bridge writes (src/sync/docs.ts, loaded
// through Vite, so the bench cannot drift from the app).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { preview } from 'vite';
import { generateData } from '../browser/generate.mjs';
import { withAppModules } from '../browser/app-modules.mjs';
import { CHROMIUM, CHROMIUM_ARGS, longTaskRecorder } from '../browser/measure.mjs';

const TABLES = ['plans', 'indicators', 'entries', 'spending', 'rounds', 'evaluations'];
const APP = ['/tests/sync/server-harness.ts', '/src/sync/docs.ts', '/src/domain/merge/versions.ts', '/src/domain/merge/plan.ts'];

/** What the page shows of the sync, read by the bench every second. */
function shown() {
  const chip = document.querySelector('[data-test=sync-chip]');
  return {
    phase: chip?.getAttribute('data-phase') ?? null,
    chip: chip?.textContent?.trim() ?? '',
    progress: document.querySelector('[data-test=sync-progress]')?.textContent?.trim() ?? '',
    at: performance.now(),
  };
}

/** Rows of a table counted with plain IndexedDB (Dexie's own connection is the app's). */
async function countRows(table) {
  const db = await new Promise((res, rej) => {
    const q = indexedDB.open('jixiao');
    q.onsuccess = () => res(q.result);
    q.onerror = () => rej(q.error);
  });
  try {
    return await new Promise((res, rej) => {
      const q = db.transaction(table).objectStore(table).count();
      q.onsuccess = () => res(q.result);
      q.onerror = () => rej(q.error);
    });
  } finally {
    db.close();
  }
}

/**
 * One first sync, figures in ms. `plans` plans of one unit, `entries` entries over them; `distDir` a built app.
 * `log` reports progress; `shot` (a path) keeps a screenshot taken half-way.
 */
export async function measureFirstSync({ plans = 1000, entries = 1_000_000, distDir, log = () => {}, shot = null, timeoutS = 3 * 3600 }) {
  const data = await generateData({ units: 1, plansPerUnit: plans, entries });
  const unitId = data.units[0].id;
  return withAppModules(APP, async (harness, docs, versions, merge) => {
    // The server keeps a million documents with their revision trees in memory: give its Node room.
    const nodeOptions = process.env.NODE_OPTIONS;
    process.env.NODE_OPTIONS = `${nodeOptions ?? ''} --max-old-space-size=12288`.trim();
    const server = await harness.startServer();
    process.env.NODE_OPTIONS = nodeOptions;
    let app;
    let ctx;
    const profile = mkdtempSync(join(tmpdir(), 'jixiao-first-sync-'));
    try {
      const unit = await harness.setupUnit(server, { unitId, users: ['alice'] });
      const alice = unit.users.alice;
      const auth = `Basic ${Buffer.from(`${alice.name}:${alice.password}`).toString('base64')}`;

      // The unit on the server, as a member's first push would put it there.
      const all = [];
      for (const table of merge.SYNCED_TABLES) for (const rec of data[table] ?? []) all.push([table, rec]);
      const uploadStart = Date.now();
      for (let i = 0; i < all.length; i += 2000) {
        const batch = all.slice(i, i + 2000).map(([table, rec]) => docs.docOf(merge.keyOf(table, rec.id), table, { record: rec, version: versions.implicitVersion(rec.rev ?? 0) }, unitId, alice.name));
        const res = await fetch(`${unit.dbUrl}/_bulk_docs`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: auth }, body: JSON.stringify({ docs: batch }) });
        const out = await res.json();
        const bad = Array.isArray(out) ? out.find((r) => r.error) : out;
        if (!res.ok || bad) throw new Error(`the server refused the unit's documents at ${i}: ${JSON.stringify(bad)}`);
        if (i % 100_000 === 0) log(`server: ${i.toLocaleString('en')} of ${all.length.toLocaleString('en')} documents`);
      }
      const uploadMs = Date.now() - uploadStart;
      log(`server: ${all.length.toLocaleString('en')} documents in ${(uploadMs / 1000).toFixed(0)} s`);

      app = await preview({
        configFile: 'vite.config.ts',
        build: { outDir: distDir },
        preview: { host: '127.0.0.1', port: 0, strictPort: false, proxy: { '/couchdb': { target: server.url, rewrite: (p) => p.replace(/^\/couchdb/, '') || '/' } } },
        logLevel: 'silent',
      });
      const baseUrl = `http://127.0.0.1:${app.httpServer.address().port}/`;
      ctx = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, args: CHROMIUM_ARGS, viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
      await ctx.addInitScript(longTaskRecorder);
      const page = ctx.pages()[0] ?? (await ctx.newPage());
      const cdp = await ctx.newCDPSession(page);
      await page.goto(`${baseUrl}#/dashboard`);
      await page.locator('[data-test=gauge-overall]').waitFor({ timeout: 60_000 });
      // What the fresh profile holds before (the sample plan), so the counts after can be checked exactly.
      const before = {};
      for (const t of TABLES) before[t] = await page.evaluate(countRows, t);
      await page.goto(`${baseUrl}#/data`);
      const card = page.locator('[data-test=sync-card]');
      await card.locator('[data-test=sync-server]').fill(`${baseUrl}couchdb`);
      await card.locator('[data-test=sync-db]').fill(unit.db);
      await card.locator('[data-test=sync-user]').fill(alice.name);
      await card.locator('[data-test=sync-password]').fill(alice.password);
      // BENCH_PROFILE=file: a CPU profile of the page for the whole sync (where a slow sync spends its time).
      if (process.env.BENCH_PROFILE) {
        await cdp.send('Profiler.enable');
        await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
        await cdp.send('Profiler.start');
      }
      const startedAt = await page.evaluate(() => performance.now());
      await card.locator('[data-test=sync-connect]').click();

      // Every second: what the page shows. Half-way (by the records it says it received): a page change, timed.
      const samples = [];
      let navigationMs = null;
      let navigationAt = null;
      const deadline = Date.now() + timeoutS * 1000;
      let upSince = 0;
      for (;;) {
        if (Date.now() > deadline) throw new Error(`first sync not done after ${timeoutS} s: ${JSON.stringify(samples.at(-1))}`);
        await page.waitForTimeout(1000);
        const s = await page.evaluate(shown);
        const received = Number(/(\d[\d,]*)/.exec(s.progress)?.[1]?.replace(/,/g, '') ?? NaN);
        samples.push({ t: Math.round(s.at - startedAt), phase: s.phase, received: Number.isFinite(received) ? received : null, chip: s.chip });
        if (samples.length % 30 === 0) log(`t=${Math.round((s.at - startedAt) / 1000)} s ${s.phase} ${s.progress || s.chip}`);
        if (navigationMs === null && Number.isFinite(received) && received >= all.length / 2) {
          if (shot) await page.screenshot({ path: shot, fullPage: true });
          const t0 = await page.evaluate(() => performance.now());
          navigationAt = Math.round(t0 - startedAt);
          await page.goto(`${baseUrl}#/activity`);
          await page.locator('[data-test=picker]').waitFor();
          navigationMs = Math.round((await page.evaluate(() => performance.now())) - t0);
          await page.goto(`${baseUrl}#/data`);
        }
        // Up to date for three samples running: the replicator also pauses between batches.
        if (s.phase === 'upToDate') upSince ||= samples.length;
        else upSince = 0;
        if (upSince && samples.length - upSince >= 2) break;
      }
      const doneAt = samples[upSince - 1].t;
      if (process.env.BENCH_PROFILE) writeFileSync(process.env.BENCH_PROFILE, JSON.stringify((await cdp.send('Profiler.stop')).profile));
      const counts = {};
      const expected = {};
      for (const t of TABLES) {
        counts[t] = await page.evaluate(countRows, t);
        expected[t] = before[t] + data[t].length;
      }
      const tasks = await page.evaluate((from) => window.__bench.tasks.filter(([s]) => s >= from), startedAt);
      // Each long task with when it fell (ms after sign-in) and the scripts of the long frames that overlap it.
      const frames = await page.evaluate((from) => window.__bench.frames.filter((f) => f.start + f.ms >= from), startedAt);
      const longTaskList = tasks.map(([s, d]) => {
        const around = frames.filter((f) => f.start <= s + d && f.start + f.ms >= s);
        return {
          at: Math.round(s - startedAt),
          ms: Math.round(d),
          frames: around.map((f) => ({ ms: Math.round(f.ms), renderMs: Math.round(f.renderMs) })),
          scripts: around.flatMap((f) => f.scripts),
        };
      });
      const { usedSize } = await cdp.send('Runtime.getHeapUsage');
      return {
        size: { plans, indicators: data.indicators.filter((n) => n.level === 3).length, entries: data.entries.length, documents: all.length },
        uploadMs,
        firstSyncMs: doneAt,
        docsPerS: Math.round(all.length / (doneAt / 1000)),
        longestTaskMs: Math.round(Math.max(0, ...tasks.map(([, d]) => d))),
        longTasks: tasks.length,
        longTaskList,
        navigationAt,
        navigationMs,
        heapMb: Math.round(usedSize / 1048576),
        progressShown: samples.filter((s) => s.received !== null).length,
        counts,
        expected,
        samples: samples.filter((_, i) => i % 10 === 0 || i === samples.length - 1),
      };
    } finally {
      await ctx?.close();
      if (app) await new Promise((r) => app.httpServer.close(() => r()));
      await server.stop();
      rmSync(profile, { recursive: true, force: true });
    }
  });
}
