import { build, preview, type PreviewServer } from 'vite';
import type { TestProject } from 'vitest/node';
import { rmSync } from 'node:fs';
import { SCRATCH } from './browser';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

let server: PreviewServer | undefined;

/** Builds the app exactly as `npm start` does and serves dist/ on 127.0.0.1 for the suite. */
export default async function setup(project: TestProject) {
  rmSync(SCRATCH, { recursive: true, force: true });
  await build({ configFile: 'vite.config.ts', logLevel: 'warn' });
  server = await preview({ configFile: 'vite.config.ts', preview: { host: '127.0.0.1', port: 0, strictPort: false }, logLevel: 'warn' });
  const address = server.httpServer.address();
  const port = typeof address === 'object' && address ? address.port : 4173;
  project.provide('baseUrl', `http://127.0.0.1:${port}/`);
  return async () => {
    await new Promise<void>((resolve) => server?.httpServer.close(() => resolve()));
    rmSync(SCRATCH, { recursive: true, force: true });
  };
}
