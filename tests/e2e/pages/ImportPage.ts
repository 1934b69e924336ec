import type { Locator, Page } from 'playwright-core';

/** Page model of 从 Excel 导入目标表 (Data view card → dialog: file, preview per sheet, columns, import). */
export class ImportPage {
  constructor(readonly page: Page, readonly baseUrl: string) {}

  get dialog(): Locator {
    return this.page.locator('[data-test=import-dialog]');
  }

  async open() {
    await this.page.goto(`${this.baseUrl}#/data`);
    await this.page.locator('[data-test=open-import]').click();
    await this.dialog.locator('[data-test=xlsx-file]').waitFor({ state: 'attached' });
  }

  async choose(file: string) {
    await this.dialog.locator('[data-test=xlsx-file]').setInputFiles(file);
  }

  problem(): Locator {
    return this.dialog.locator('[data-test=import-problem]');
  }

  tab(sheet: string): Locator {
    return this.dialog.locator(`[role=tab][data-sheet="${sheet}"]`);
  }

  async showSheet(sheet: string) {
    await this.tab(sheet).click();
    await this.dialog.locator(`[role=tabpanel][data-sheet="${sheet}"]`).waitFor();
  }

  /** The preview row of a 三级 indicator in the sheet shown. */
  leaf(name: string): Locator {
    return this.dialog.locator(`[data-test=import-tree] tr.it-l3[data-indicator="${name}"]`);
  }

  readingOf(name: string): Locator {
    return this.leaf(name).locator('[data-test=target-reading]');
  }

  /** Picks the column for a role by its header text ('目标'); the mapping panel is opened first when closed. */
  async mapColumn(role: string, headerText: string) {
    const details = this.dialog.locator('[data-test=column-mapping]');
    if ((await details.getAttribute('open')) === null) await details.locator('summary').click();
    const select = details.locator(`[data-test=col-${role}]`);
    const value = await select.locator('option', { hasText: headerText }).getAttribute('value');
    await select.selectOption(value!);
  }

  commitButton(): Locator {
    return this.dialog.locator('[data-test=import-commit]');
  }

  async commit() {
    await this.commitButton().click();
  }
}
