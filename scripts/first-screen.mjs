#!/usr/bin/env node
// First-screen JavaScript budget (issue #10: ≤ 250 KB gzip). Reads a finished build (default dist/) and sums the gzip
// size of what the browser must load before the dashboard (route /) can draw: index.html's entry script, its
// modulepreloads, every chunk they import statically, and the dashboard route chunk with its static imports. Chunks
// loaded later by a dynamic import() (the chart library, exports, other views) are not counted.
// Usage (after `npx vite build`): node scripts/first-screen.mjs [distDir] [--limit=250]; exits 1 past the limit.
import { readFileSync, readdirSync } from 'node:fs';
import { join, basename } from 'node:path';
import { gzipSync } from 'node:zlib';

const args = process.argv.slice(2);
const dist = args.find((a) => !a.startsWith('--')) ?? 'dist';
const limitKb = Number(args.find((a) => a.startsWith('--limit='))?.slice(8) ?? 250);
const assets = join(dist, 'assets');
const html = readFileSync(join(dist, 'index.html'), 'utf8');
const read = (file) => readFileSync(join(assets, file), 'utf8');

const roots = [...html.matchAll(/<(?:script[^>]*\bsrc|link[^>]*rel="modulepreload"[^>]*\bhref)="\.\/assets\/([^"]+\.js)"/g)].map((m) => m[1]);
const entry = roots[0];
// The dashboard's view chunk: the one route the first screen opens (/ redirects to /dashboard).
const dashboard = readdirSync(assets).find((f) => /^DashboardView-[\w-]+\.js$/.test(f));
if (!entry || !dashboard) throw new Error(`no entry script or dashboard chunk in ${dist}`);

/** Static imports only: `import"./x.js"` and `from"./x.js"`, never `import("./x.js")`. */
const staticImports = (code) => [...code.matchAll(/(?:\bfrom\s*|\bimport\s*)["']\.\/([^"']+\.js)["']/g)].map((m) => m[1]);
const seen = new Set();
const walk = (file) => {
  if (seen.has(file)) return;
  seen.add(file);
  for (const dep of staticImports(read(file))) walk(dep);
};
for (const f of [...roots, dashboard]) walk(f);

const rows = [...seen].map((f) => ({ file: f, gzip: gzipSync(readFileSync(join(assets, f)), { level: 9 }).length })).sort((a, b) => b.gzip - a.gzip);
const total = rows.reduce((a, r) => a + r.gzip, 0);
for (const r of rows) console.log(`${(r.gzip / 1024).toFixed(2).padStart(9)} KB  ${basename(r.file)}`);
console.log(`${(total / 1024).toFixed(2).padStart(9)} KB  first-screen JavaScript (gzip), limit ${limitKb} KB`);
if (total > limitKb * 1024) {
  console.error(`First screen is ${(total / 1024).toFixed(1)} KB gzip, over the ${limitKb} KB budget.`);
  process.exit(1);
}
