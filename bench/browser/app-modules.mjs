// The app's own TypeScript modules, loaded in Node through Vite (vite.config.ts: the `@/` alias, the same transform
// as the build), so the benchmark's scripts use the app's real domain code instead of a copy of it that could drift.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer } from 'vite';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * Calls `fn` with the modules at `paths` (root-relative, e.g. '/src/domain/monitoring/round.ts') and returns what it
 * returns. A Vite server in middleware mode does the loading — no port, no file watcher, no HMR — and is closed
 * afterwards, whether `fn` succeeds or throws.
 * withAppModules(['/src/domain/evaluation/build.ts'], ({ yearEnd }) => yearEnd(2026)) → '2026-12-31'
 */
export async function withAppModules(paths, fn) {
  const server = await createServer({
    root: ROOT,
    configFile: join(ROOT, 'vite.config.ts'),
    logLevel: 'warn',
    server: { middlewareMode: true, hmr: false, watch: null },
    appType: 'custom',
    // Nothing is served to a browser: no dependency scan or pre-bundling.
    optimizeDeps: { noDiscovery: true, include: [] },
  });
  try {
    const modules = [];
    for (const p of paths) modules.push(await server.ssrLoadModule(p));
    return await fn(...modules);
  } finally {
    await server.close();
  }
}
