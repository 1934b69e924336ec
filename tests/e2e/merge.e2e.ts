import { afterEach, describe, expect, inject, it } from 'vitest';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { SCRATCH, dismissNotices, freshProfile, launch, screenshot, watchErrors } from './browser';
import { IndicatorsPage } from './pages/IndicatorsPage';

const baseUrl = inject('baseUrl');
const COUNT = '开展职工权益保障和职工服务等活动（人次）';
const LEAFLETS = '印制组织建设、权益保障、关爱服务等宣传资料数量（份）';
const contexts: BrowserContext[] = [];

afterEach(async () => {
  await Promise.all(contexts.splice(0).map((c) => c.close()));
});

async function open(): Promise<Page> {
  const ctx = await launch(freshProfile());
  contexts.push(ctx);
  return ctx.pages()[0] ?? (await ctx.newPage());
}

async function setTarget(page: Page, name: string, target: string) {
  const tree = new IndicatorsPage(page, baseUrl);
  await tree.open();
  await tree.startEdit(name);
  await tree.typeTarget(target);
  await tree.pressEnter();
  await expect.poll(() => tree.targetOf(name).textContent()).toBe(target);
}

/** Exports the unit's 2022 target table for a colleague through the Data page; returns the saved file. */
async function exportBundle(page: Page, who: string, file: string): Promise<string> {
  await page.goto(`${baseUrl}#/data`);
  const card = page.locator('[data-test=share-card]');
  await card.locator('label', { hasText: '2022 · 深圳市盐田区总工会' }).first().locator('input').check();
  await card.locator('[data-test=share-name]').fill(who);
  const [download] = await Promise.all([page.waitForEvent('download'), card.locator('[data-test=share-export-button]').click()]);
  expect(download.suggestedFilename()).toMatch(/^jixiao-bundle-\d{4}-\d{2}-\d{2}-.+\.json$/);
  const path = join(SCRATCH, file);
  await download.saveAs(path);
  return path;
}

async function chooseBundle(page: Page, path: string) {
  await page.goto(`${baseUrl}#/data`);
  await page.locator('[data-test=merge-file]').setInputFiles(path);
  await page.locator('[data-test=merge-dialog][open]').waitFor();
}

describe('colleagues exchange bundles between two browsers', () => {
  it('an edit on one side is taken, the same field edited on both is chosen side by side, and both end alike', async () => {
    const manager = await open();
    const staff = await open();
    const errors = [...watchErrors(manager), ...watchErrors(staff)];

    // Both start from the sample. Each changes the same target; the staff member also changes another one.
    await setTarget(manager, COUNT, '不少于900人次');
    await setTarget(staff, COUNT, '不少于1000人次');
    await setTarget(staff, LEAFLETS, '6000份');

    // The staff member hands their changes over; the manager sees the preview before anything is written.
    const fromStaff = await exportBundle(staff, '张敏', 'from-staff.json');
    await chooseBundle(manager, fromStaff);
    const dialog = manager.locator('[data-test=merge-dialog]');
    await expect.poll(() => dialog.locator('[data-test=merge-counts] [data-kind=remote]').textContent()).toContain('1');
    const clash = dialog.locator('[data-test=clash]');
    expect(await clash.count()).toBe(1);
    const row = clash.locator('[data-test=clash-field][data-field=targetText]');
    expect(await row.locator('td').nth(0).textContent()).toContain('不少于900人次');
    expect(await row.locator('td').nth(1).textContent()).toContain('不少于1000人次');
    expect(await row.locator('td').nth(1).textContent()).toContain('张敏');
    expect(await dialog.locator('[data-test=merge-apply]').isDisabled()).toBe(true);
    await screenshot(manager, 'merge-preview');
    // Nothing written yet: the tree still shows the manager's own values.
    await row.locator('[data-test=pick-remote]').check();
    await expect.poll(() => dialog.locator('[data-test=merge-apply]').isDisabled()).toBe(false);
    await dialog.locator('[data-test=merge-apply]').press('Enter');
    await expect.poll(() => manager.locator('.notice').first().textContent()).toContain('已合并');
    await dismissNotices(manager);
    const tree = new IndicatorsPage(manager, baseUrl);
    await tree.open();
    expect(await tree.targetOf(COUNT).textContent()).toBe('不少于1000人次');
    expect(await tree.targetOf(LEAFLETS).textContent()).toBe('6000份');
    await manager.goto(`${baseUrl}#/data`);
    await expect.poll(() => manager.locator('.audit-table').textContent()).toContain('合并');

    // Merging the same file again changes nothing.
    await chooseBundle(manager, fromStaff);
    expect(await manager.locator('[data-test=merge-nothing]').count()).toBe(1);
    await manager.locator('[data-test=merge-cancel]').click();

    // Back the other way: the manager's choice is the newer change, taken without asking; both now agree.
    const fromManager = await exportBundle(manager, '王科长', 'from-manager.json');
    await chooseBundle(staff, fromManager);
    expect(await staff.locator('[data-test=clash]').count()).toBe(0);
    await staff.locator('[data-test=merge-apply]').click();
    await expect.poll(() => staff.locator('.notice').first().textContent()).toContain('已合并');
    const staffTree = new IndicatorsPage(staff, baseUrl);
    await staffTree.open();
    expect(await staffTree.targetOf(COUNT).textContent()).toBe('不少于1000人次');
    expect(await staffTree.targetOf(LEAFLETS).textContent()).toBe('6000份');

    // A damaged file is refused with where and why; nothing changes.
    const { readFileSync, writeFileSync } = await import('node:fs');
    const damaged = join(SCRATCH, 'damaged-bundle.json');
    writeFileSync(damaged, readFileSync(fromManager, 'utf8').replace('6000份', '9000份'));
    await staff.goto(`${baseUrl}#/data`);
    await staff.locator('[data-test=merge-file]').setInputFiles(damaged);
    await expect.poll(() => staff.locator('[data-test=merge-refused]').textContent()).toContain('sha256');
    await screenshot(staff, 'merge-refused');
    expect(errors).toEqual([]);
  });
});
