#!/usr/bin/env node
// `npm run bench:sync`: builds the app and measures the first sync of a big unit into a fresh Chromium profile
// (first-sync.mjs, issue #11). Size: --plans=1000 --entries=1000000 (1,000 plans × 10 三级 indicators = 10,000
// indicators; env BENCH_PLANS / BENCH_ENTRIES too). Prints the figures and writes them as JSON to
// bench/sync/results/latest-p<plans>-e<entries>.json. By hand: the full size takes a long while on two cores.
// For the developer: BENCH_PROFILE=file keeps a CPU profile of the page, BENCH_NOMIN=1 builds unminified.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { CHROMIUM, ensureDir } from '../browser/measure.mjs';
import { measureFirstSync } from './first-sync.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const arg = (name, env, dflt) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? process.env[env] ?? dflt);
const plans = arg('plans', 'BENCH_PLANS', 1000);
const entries = arg('entries', 'BENCH_ENTRIES', 1_000_000);

if (!existsSync(CHROMIUM)) {
  console.error(`${CHROMIUM} is missing (apt-get install -y chromium).`);
  process.exit(1);
}

const started = Date.now();
const distDir = mkdtempSync(join(tmpdir(), 'jixiao-sync-bench-dist-'));
try {
  // As the e2e setup does: NODE_ENV decides the build mode, and only production has the service worker.
  process.env.NODE_ENV = 'production';
  await build({ configFile: 'vite.config.ts', logLevel: 'warn', build: { outDir: distDir, emptyOutDir: true, ...(process.env.BENCH_NOMIN ? { minify: false } : {}) } });
  console.log(`first sync of one unit: ${plans} plans × 10 三级 indicators, ${entries.toLocaleString('en')} entries`);
  const fig = await measureFirstSync({ plans, entries, distDir, log: (m) => console.log(`  ${m}`), shot: join(HERE, `results/first-sync-p${plans}-e${entries}.png`) });
  const machine = { cpus: cpus().length, cpu: cpus()[0]?.model, memGb: Math.round(totalmem() / 2 ** 30), node: process.version, chromium: execFileSync(CHROMIUM, ['--version'], { stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim() };
  const ok = Object.keys(fig.expected).every((t) => fig.counts[t] === fig.expected[t]);
  const rows = [
    ['documents on the server', fig.size.documents.toLocaleString('en')],
    ['server filled (_bulk_docs)', `${(fig.uploadMs / 1000).toFixed(0)} s`],
    ['first sync, sign-in to up to date', `${(fig.firstSyncMs / 1000).toFixed(0)} s (${fig.docsPerS.toLocaleString('en')} records/s)`],
    ['longest main-thread task', `${fig.longestTaskMs} ms (${fig.longTasks} over 50 ms) ${fig.longestTaskMs <= 200 ? 'PASS' : 'FAIL'} ≤ 200`],
    ['a page change half-way', fig.navigationMs === null ? 'n/a' : `${fig.navigationMs} ms`],
    ['progress shown', `${fig.progressShown} of the seconds sampled`],
    ['JS heap at the end', `${fig.heapMb} MB`],
    ['every record arrived', `${ok ? 'PASS' : 'FAIL'} ${JSON.stringify(fig.counts)}`],
  ];
  for (const [k, v] of rows) console.log(`${k.padEnd(36)} ${v}`);
  // Where each long task fell and what ran in it (the half-way page change began at navigationAt).
  for (const t of fig.longTaskList) {
    const top = [...t.scripts].sort((a, b) => b.ms - a.ms).slice(0, 3).map((s) => `${s.type} ${s.invoker} ${s.fn || '?'}@${s.src} ${s.ms} ms`);
    console.log(`  task ${t.ms} ms at ${(t.at / 1000).toFixed(1)} s${fig.navigationAt !== null && Math.abs(t.at - fig.navigationAt) < 5000 ? ' (page change)' : ''}: ${top.join('; ') || 'no script attributed'}; frames ${t.frames.map((f) => `${f.ms} ms (render ${f.renderMs})`).join(', ') || 'none'}`);
  }
  ensureDir(join(HERE, 'results'));
  const out = join(HERE, `results/latest-p${plans}-e${entries}.json`);
  writeFileSync(out, `${JSON.stringify({ at: new Date().toISOString(), machine, ...fig }, null, 2)}\n`);
  console.log(`${out} (${((Date.now() - started) / 60000).toFixed(1)} min)`);
  if (!ok) process.exitCode = 1;
} finally {
  rmSync(distDir, { recursive: true, force: true });
}
