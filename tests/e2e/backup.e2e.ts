import { afterEach, describe, expect, inject, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { SCRATCH, freshProfile, launch, screenshot, watchErrors } from './browser';
import { IndicatorsPage } from './pages/IndicatorsPage';

const baseUrl = inject('baseUrl');
const FIRST = '开展职工权益保障和职工服务等活动（人次）';
const contexts: BrowserContext[] = [];

afterEach(async () => {
  await Promise.all(contexts.splice(0).map((c) => c.close()));
});

async function open() {
  const ctx = await launch(freshProfile());
  contexts.push(ctx);
  const page = ctx.pages()[0] ?? (await ctx.newPage());
  return page;
}

describe('backup and restore in Chromium', () => {
  it('a backup exported in one browser restores the same data in another; a damaged file changes nothing', async () => {
    // Browser A: edit a target, export.
    const a = await open();
    const errors = watchErrors(a);
    const treeA = new IndicatorsPage(a, baseUrl);
    await treeA.open();
    await treeA.startEdit(FIRST);
    await treeA.typeTarget('不少于1200人次');
    await treeA.pressEnter();
    await expect.poll(() => treeA.targetOf(FIRST).textContent()).toBe('不少于1200人次');
    await a.goto(`${baseUrl}#/data`);
    const [download] = await Promise.all([a.waitForEvent('download'), a.locator('[data-test=export]').click()]);
    expect(download.suggestedFilename()).toMatch(/^jixiao-backup-\d{8}-\d{4}\.json$/);
    const file = join(SCRATCH, 'backup.json');
    await download.saveAs(file);

    // Browser B: a damaged copy is refused with where and why; the sample stays as it was.
    const b = await open();
    const treeB = new IndicatorsPage(b, baseUrl);
    await treeB.open();
    await b.goto(`${baseUrl}#/data`);
    const damaged = join(SCRATCH, 'damaged.json');
    writeFileSync(damaged, readFileSync(file, 'utf8').replace('不少于1200人次', '不少于9999人次'));
    await b.locator('[data-test=import-file]').setInputFiles(damaged);
    await expect.poll(() => b.locator('[data-test=backup-problems]').textContent()).toContain('校验值不符');
    await screenshot(b, 'backup-refused');
    await treeB.open();
    expect(await treeB.targetOf(FIRST).textContent()).toBe('不少于800人次');

    // The real file: summary, confirmation, restore.
    await b.goto(`${baseUrl}#/data`);
    await b.locator('[data-test=import-file]').setInputFiles(file);
    await expect.poll(() => b.locator('[data-test=backup-summary]').textContent()).toContain('5 个计划');
    await b.locator('[data-test=restore]').click();
    await b.locator('dialog.confirm button[type=submit]').click();
    await expect.poll(() => b.locator('.notice').first().textContent()).toContain('已从备份恢复');
    await treeB.open();
    await expect.poll(() => treeB.targetOf(FIRST).textContent()).toBe('不少于1200人次');
    expect(errors).toEqual([]);
  });
});
