import { afterEach, describe, expect, inject, it } from 'vitest';
import { preview, type PreviewServer } from 'vite';
import type { BrowserContext } from 'playwright-core';
import { freshProfile, launch, screenshot, watchErrors } from './browser';

/**
 * Offices serve the built app from an intranet machine that is sometimes off. After one visit the service worker has
 * the app shell, so a reload with the server down still opens the app on the data stored in this browser.
 */
let ctx: BrowserContext | undefined;
let server: PreviewServer | undefined;

afterEach(async () => {
  await ctx?.close();
  ctx = undefined;
  await closeServer();
});

async function closeServer() {
  const s = server;
  server = undefined;
  // The browser keeps connections alive: drop them, or close() would wait for them forever.
  if (s) {
    const closed = new Promise<void>((resolve) => s.httpServer.close(() => resolve()));
    (s.httpServer as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
    await closed;
  }
}

describe('opens with the server unreachable', () => {
  it('visited once, the server stopped, a reload still opens the app with its data; the CSP holds throughout', async () => {
    // Its own server on its own port (the suite's shared one must stay up for the other files).
    server = await preview({ configFile: 'vite.config.ts', build: { outDir: inject('distDir') }, preview: { host: '127.0.0.1', port: 0, strictPort: false }, logLevel: 'warn' });
    const address = server.httpServer.address();
    const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/`;
    ctx = await launch(freshProfile());
    const page = ctx.pages()[0] ?? (await ctx.newPage());
    const errors = watchErrors(page);
    await page.goto(`${url}#/indicators`);
    await page.locator('[data-indicator]').first().waitFor();
    // The service worker installs and takes the precache; wait until it controls a reloaded page.
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await page.reload();
    await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
    // The controller can be set before the reloaded page has read its plan: wait for the rows, not for the worker.
    await expect.poll(() => page.locator('[data-indicator]').count()).toBeGreaterThan(10);
    const rows = await page.locator('[data-indicator]').count();

    await closeServer();
    // The server is gone: a plain fetch of the page fails from Node, yet the browser reopens the app.
    await expect(fetch(url)).rejects.toThrow();
    await page.reload();
    await expect.poll(() => page.locator('[data-indicator]').count()).toBe(rows);
    await page.goto(`${url}#/dashboard`);
    await page.locator('[data-test=gauge-overall]').waitFor();
    await screenshot(page, 'offline-dashboard');
    // No CSP violation (they are console errors) and nothing else went wrong, online or off.
    expect(errors).toEqual([]);
  });
});
