#!/usr/bin/env node
// `npm run bench:browser`: builds the app, generates the synthetic district (generate.mjs), and measures it in
// headless Chromium through the app's own UI (measure.mjs), each figure the median of --runs runs (default 3) with
// min and max, on a fresh profile per run. Prints a table with PASS/FAIL against the targets of issue #10 and writes
// the figures as JSON to bench/browser/results/ (latest.json and one file per run).
//
// Size: --units=200 --entries=1000000 (the district; env BENCH_UNITS / BENCH_ENTRIES too), --runs=3, --settle=0
// (seconds to wait after the bulk load before the other steps).
// By hand: the full size takes minutes a run on two cores. The small size runs in npm test (tests/e2e/bench-small.e2e.ts).
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, preview } from 'vite';
import { districtFile } from './generate.mjs';
import { CHROMIUM, ensureDir, runOnce, summarise, table } from './measure.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '../..');
const arg = (name, env, dflt) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? process.env[env] ?? dflt);
const units = arg('units', 'BENCH_UNITS', 200);
const entries = arg('entries', 'BENCH_ENTRIES', 1_000_000);
const runs = arg('runs', 'BENCH_RUNS', 3);
/** Seconds to wait after the bulk load before the other steps (0: measure the browser as the restore leaves it). */
const settleS = arg('settle', 'BENCH_SETTLE_S', 0);
/** --loaded=DIR: measure the steps after the load on copies of a profile that already holds the district (see measure.mjs). */
const loadedProfile = process.argv.find((a) => a.startsWith('--loaded='))?.slice(9) ?? null;
const port = arg('port', 'BENCH_PORT', 0);

if (!existsSync(CHROMIUM)) {
  console.error(`${CHROMIUM} is missing (apt-get install -y chromium).`);
  process.exit(1);
}

const started = Date.now();
console.log(`district: ${units} units × 5 plans × 10 三级 indicators, ${entries.toLocaleString('en')} entries`);
const file = await districtFile({ units, entries });
console.log(`file: ${file}`);

const scratch = mkdtempSync(join(tmpdir(), 'jixiao-bench-dist-'));
const dist = join(scratch, 'dist');
process.chdir(ROOT);
await build({ configFile: 'vite.config.ts', logLevel: 'warn', build: { outDir: dist, emptyOutDir: true } });
const server = await preview({ configFile: 'vite.config.ts', build: { outDir: dist }, preview: { host: '127.0.0.1', port, strictPort: port !== 0 }, logLevel: 'warn' });
const address = server.httpServer.address();
const baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 4173}/`;

const first = spawnSync(process.execPath, ['scripts/first-screen.mjs', dist], { encoding: 'utf8' });
const firstScreenGzipKb = Number(/([\d.]+) KB {2}first-screen JavaScript/.exec(first.stdout)?.[1] ?? NaN);

const results = [];
try {
  for (let r = 1; r <= runs; r++) {
    console.log(`run ${r} of ${runs}`);
    results.push(await runOnce({ baseUrl, file, counts: { units, plans: units * 5, indicators: units * 50, entries }, settleS, log: console.log, loadedProfile }));
    // Each run kept as it ends: a full-size run takes long, and a stopped series still leaves its finished runs.
    writeFileSync(join(ensureDir(join(HERE, 'results')), `partial-${loadedProfile ? 'steps-' : ''}u${units}-e${entries}.json`), JSON.stringify(results, null, 2));
  }
} finally {
  await new Promise((resolve) => server.httpServer.close(() => resolve()));
  rmSync(scratch, { recursive: true, force: true });
}

const chromiumVersion = spawnSync(CHROMIUM, ['--version'], { encoding: 'utf8' }).stdout.trim();
const fig = summarise(results, { firstScreenGzipKb });
const report = {
  at: new Date().toISOString(),
  machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? null, memGb: Math.round(totalmem() / 1024 ** 3), node: process.version },
  browser: chromiumVersion || results[0]?.browser,
  size: { units, plans: units * 5, indicators3: units * 50, entries, fileBytes: (await import('node:fs')).statSync(file).size },
  runs,
  ...fig,
  perRun: results,
  minutes: (Date.now() - started) / 60_000,
};
console.log(`\n${table(fig)}`);
const dir = ensureDir(join(HERE, 'results'));
// A run on a loaded profile lacks the load and the raw write: kept apart from the full runs' files.
const kind = loadedProfile ? 'steps' : 'bench';
const name = `${kind}-u${units}-e${entries}-${report.at.replace(/[:.]/g, '-')}.json`;
writeFileSync(join(dir, name), JSON.stringify(report, null, 2));
if (!loadedProfile) writeFileSync(join(dir, `latest-u${units}-e${entries}.json`), JSON.stringify(report, null, 2));
console.log(`\nJSON: bench/browser/results/${name}`);
process.exit(fig.checks.some((c) => c.verdict === 'FAIL') ? 2 : 0);
