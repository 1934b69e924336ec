import { build, preview, type PreviewServer } from 'vite';
import type { TestProject } from 'vitest/node';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { SCRATCH } from './browser';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    /** The folder this run built the app into (not dist/, which `npm start` and other runs use). */
    distDir: string;
  }
}

let server: PreviewServer | undefined;

/** Builds the app exactly as `npm start` does and serves dist/ on 127.0.0.1 for the suite. */
export default async function setup(project: TestProject) {
  rmSync(SCRATCH, { recursive: true, force: true });
  const distDir = join(SCRATCH, 'dist');
  // Vitest sets NODE_ENV=test, and Vite takes NODE_ENV over the mode: without this the suite would test a development
  // build (Vue's dev runtime, no service worker) instead of what `npm start` serves.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ configFile: 'vite.config.ts', logLevel: 'warn', build: { outDir: distDir, emptyOutDir: true } });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
  server = await preview({ configFile: 'vite.config.ts', build: { outDir: distDir }, preview: { host: '127.0.0.1', port: 0, strictPort: false }, logLevel: 'warn' });
  project.provide('distDir', distDir);
  const address = server.httpServer.address();
  const port = typeof address === 'object' && address ? address.port : 4173;
  project.provide('baseUrl', `http://127.0.0.1:${port}/`);
  return async () => {
    await new Promise<void>((resolve) => server?.httpServer.close(() => resolve()));
    rmSync(SCRATCH, { recursive: true, force: true });
  };
}
