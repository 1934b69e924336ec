import { execSync } from 'node:child_process';
import { afterEach, describe, expect, inject, it } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import { freshProfile, launch } from './browser';
import { ActivityPage } from './pages/ActivityPage';
import { DashboardPage } from './pages/DashboardPage';

const baseUrl = inject('baseUrl');
const SERVICES = '开展职工权益保障和职工服务等活动（人次）';
/** The bar (#9): a page killed 50 ms after a save keeps it in 20 of 20 runs. */
const RUNS = 20;
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

const note = (run: number) => `断电测试 第${run + 1}次`;

describe('durability in Chromium', () => {
  it(`a browser killed 50 ms after a save was reported keeps the save (${RUNS} runs on one profile, 0 losses)`, async () => {
    // One profile for every run: each relaunch reopens the database the previous kill left behind, so a run checks
    // its own save and that no earlier one was lost (and the seed is done once, which keeps 20 runs fast).
    const profile = freshProfile();
    const kept: number[] = [];
    ctx = await launch(profile);
    let log = new ActivityPage(ctx.pages()[0] ?? (await ctx.newPage()), baseUrl);
    await log.open();
    for (let i = 0; i < RUNS; i++) {
      await log.page.locator('[data-test=picker]').click();
      await log.type('权益保障和职工服务等');
      await log.page.locator('[data-test=recorded-by]').fill('张敏');
      await log.page.locator('[data-test=note]').fill(note(i));
      await log.page.locator('[data-test=amount]').fill(String(10 + i));
      await log.page.keyboard.press('Enter');
      await log.page.locator('.notice-success').filter({ hasText: `${10 + i}人次` }).waitFor();
      await new Promise((r) => setTimeout(r, 50));
      expect(killBrowser(profile)).toBeGreaterThan(0); // the test really killed a running browser
      await waitGone(profile);
      await ctx.close().catch(() => undefined);

      ctx = await launch(profile);
      log = new ActivityPage(ctx.pages()[0] ?? (await ctx.newPage()), baseUrl);
      await log.open();
      // This run's save, and every earlier one, are there after the kill.
      await expect.poll(() => log.rows().count()).toBe(i + 1);
      expect(await log.rows().filter({ hasText: note(i) }).count()).toBe(1);
      kept.push(i);
    }
    expect(kept).toHaveLength(RUNS);

    // The dashboard sums all of them: 10 + 11 + … + 29.
    const dash = new DashboardPage(log.page, baseUrl);
    await dash.open();
    const sum = Array.from({ length: RUNS }, (_, i) => 10 + i).reduce((a, b) => a + b, 0);
    await expect.poll(() => dash.actualOf(SERVICES)).toBe(`${sum}人次`);
  }, 120_000);
});
