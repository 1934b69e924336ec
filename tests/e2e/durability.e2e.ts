import { execSync } from 'node:child_process';
import { afterEach, describe, expect, inject, it } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import { freshProfile, launch } from './browser';
import { ActivityPage } from './pages/ActivityPage';
import { DashboardPage } from './pages/DashboardPage';

const baseUrl = inject('baseUrl');
const SERVICES = '开展职工权益保障和职工服务等活动（人次）';
let ctx: BrowserContext | undefined;

afterEach(async () => {
  await ctx?.close().catch(() => undefined);
  ctx = undefined;
});

/** Kills every Chromium process of this profile at once, as a crash or a killed task would: no clean shutdown. */
function killBrowser(profile: string): number {
  // "[/]" keeps the pattern from matching the shell that runs pgrep/pkill itself.
  const pattern = `'user-data-dir=[/]${profile.slice(1)}'`;
  const running = execSync(`pgrep -f -- ${pattern} || true`).toString().trim().split('\n').filter(Boolean).length;
  execSync(`pkill -KILL -f -- ${pattern} || true`);
  return running;
}

/** pkill returns before the processes are gone; relaunching on the profile before then races its lock. */
async function waitGone(profile: string) {
  const pattern = `'user-data-dir=[/]${profile.slice(1)}'`;
  for (let i = 0; i < 100; i++) {
    if (!execSync(`pgrep -f -- ${pattern} || true`).toString().trim()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('browser did not exit after SIGKILL');
}

describe('durability in Chromium', () => {
  it('a browser killed 50 ms after a save was reported keeps the save (5 runs, 0 losses)', async () => {
    for (let i = 0; i < 5; i++) {
      const profile = freshProfile();
      ctx = await launch(profile);
      const log = new ActivityPage(ctx.pages()[0] ?? (await ctx.newPage()), baseUrl);
      await log.open();
      await log.type('权益保障和职工服务等');
      await log.page.locator('[data-test=recorded-by]').fill('张敏');
      await log.page.locator('[data-test=amount]').fill(String(10 + i));
      await log.page.keyboard.press('Enter');
      await log.page.locator('.notice-success').waitFor();
      await new Promise((r) => setTimeout(r, 50));
      expect(killBrowser(profile)).toBeGreaterThan(0); // the test really killed a running browser
      await waitGone(profile);
      await ctx.close().catch(() => undefined);

      ctx = await launch(profile);
      const dash = new DashboardPage(ctx.pages()[0] ?? (await ctx.newPage()), baseUrl);
      await dash.open();
      await expect.poll(() => dash.actualOf(SERVICES)).toBe(`${10 + i}人次`); // this run's save, not an older one
      await ctx.close();
      ctx = undefined;
    }
  });
});
