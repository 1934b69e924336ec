import { afterEach, describe, expect, inject, it } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import { freshProfile, launch, screenshot, watchErrors } from './browser';
import { ActivityPage } from './pages/ActivityPage';
import { DashboardPage } from './pages/DashboardPage';

const baseUrl = inject('baseUrl');
const SERVICES = '开展职工权益保障和职工服务等活动（人次）';
const SPORTS = '开展职工趣味运动会、登山等文体活动参与人次';
let ctx: BrowserContext | undefined;

afterEach(async () => {
  await ctx?.close();
  ctx = undefined;
});

describe('activity log and dashboard in Chromium', () => {
  it('logs three entries with the keyboard only; actuals and gauges move, persist, undo, and reach a second tab', async () => {
    ctx = await launch(freshProfile());
    const page = ctx.pages()[0] ?? (await ctx.newPage());
    const errors = watchErrors(page);
    const dash = new DashboardPage(page, baseUrl);
    await dash.open();
    expect(await page.locator('[data-test=dash-empty]').count()).toBe(1);
    await screenshot(page, 'dashboard-empty');
    const outputBefore = await dash.gauge('gauge-产出');

    // A second tab on the dashboard, open all along.
    const tab2 = await ctx.newPage();
    const dash2 = new DashboardPage(tab2, baseUrl);
    await dash2.open();

    const log = new ActivityPage(page, baseUrl);
    await log.open();
    await expect.poll(() => log.focused()).toBe('picker'); // ready to type at once

    // 1: search by part of the name, Enter picks, focus jumps to the amount.
    await log.type('权益保障和职工服务等');
    await expect.poll(() => log.focused()).toBe('amount');
    await log.type('40');
    // First use: nobody recorded yet, so the form asks for a name and puts the cursor there.
    await expect.poll(() => log.focused()).toBe('recorded-by');
    await log.type('张敏');
    await expect.poll(() => log.rows().count()).toBe(1);
    await expect.poll(() => log.focused()).toBe('amount'); // ready for the next one, same indicator

    // 2: same indicator, just the amount.
    await log.type('25');
    await expect.poll(() => log.rows().count()).toBe(2);
    await expect.poll(() => log.actual()).toBe('65人次');

    // 3: another indicator, back to the picker with Shift+Tab.
    await page.keyboard.press('Shift+Tab');
    await expect.poll(() => log.focused()).toBe('picker');
    await log.type('登山等文体活动参与人次');
    await log.type('120');
    await expect.poll(() => log.rows().count()).toBe(3);
    await expect.poll(() => log.actual()).toBe('120人次');

    // An invalid one is refused beside its field and nothing is written.
    await log.type('12.5');
    await expect.poll(() => page.locator('.entry-form [role=alert]').first().textContent()).toContain('整数');
    expect(await log.rows().count()).toBe(3);

    // The dashboard reflects them; the other tab follows without a reload.
    await expect.poll(() => dash2.actualOf(SERVICES), { timeout: 5000 }).toBe('65人次');
    await expect.poll(() => dash2.actualOf(SPORTS)).toBe('120人次');
    await dash.open();
    await expect.poll(() => dash.actualOf(SERVICES)).toBe('65人次');
    await expect.poll(() => dash.gauge('gauge-产出')).not.toBe(outputBefore);

    // Kept across a reload.
    await page.reload();
    await dash.open();
    await expect.poll(() => dash.actualOf(SERVICES)).toBe('65人次');

    // Delete one, then undo.
    await log.open();
    await page.locator('table[data-test=entries] tbody tr', { hasText: '25人次' }).locator('[data-test=delete-entry]').click();
    await expect.poll(() => log.rows().count()).toBe(2);
    await expect.poll(() => dash2.actualOf(SERVICES), { timeout: 5000 }).toBe('40人次');
    await page.locator('.notice .btn-link').click();
    await expect.poll(() => log.rows().count()).toBe(3);
    await expect.poll(() => dash2.actualOf(SERVICES), { timeout: 5000 }).toBe('65人次');

    // Filters: by text in the note or name.
    await page.locator('[data-test=filter-text]').fill('张敏');
    await expect.poll(() => log.rows().count()).toBe(3);
    await page.locator('[data-test=filter-indicator]').selectOption({ label: SPORTS });
    await expect.poll(() => log.rows().count()).toBe(1);
    expect(errors).toEqual([]);
  });

  it('sample activity fills the dashboard, is marked, and is removed in one step', async () => {
    ctx = await launch(freshProfile());
    const page = ctx.pages()[0] ?? (await ctx.newPage());
    const errors = watchErrors(page);
    const dash = new DashboardPage(page, baseUrl);
    await dash.open();
    await page.locator('[data-test=sample-load]').click();
    await page.locator('dialog.confirm button[type=submit]').click();
    await page.locator('[data-test=sample-note]').waitFor();
    await page.locator('[data-test=gauge-budget]').waitFor();
    await page.waitForTimeout(800); // let gauges finish animating before the picture
    await screenshot(page, 'dashboard-sample');
    const overall = await dash.gauge('gauge-overall');
    expect(Number.parseFloat(overall!)).toBeGreaterThan(80);
    expect(await dash.gauge('gauge-budget')).toMatch(/%$/);
    // Text status beside the colour, and 不适用 rows shown but not scored.
    await page.locator('.progress-details summary').click();
    expect(await page.locator('[data-test=progress-table] .row-na').count()).toBe(4);

    await page.locator('[data-test=sample-remove]').click();
    await page.locator('[data-test=dash-empty]').waitFor();
    expect(await page.locator('[data-test=gauge-budget]').count()).toBe(0);
    expect(errors).toEqual([]);
  });
});
