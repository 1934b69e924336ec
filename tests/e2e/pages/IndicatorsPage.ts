import type { Locator, Page } from 'playwright-core';

/** Page model of the indicator tree view. */
export class IndicatorsPage {
  constructor(readonly page: Page, readonly baseUrl: string) {}

  async open() {
    await this.page.goto(`${this.baseUrl}#/indicators`);
    await this.page.locator('tr.row-l3').first().waitFor();
  }

  /** A 三级 row found under its 一级 › 二级 headings, by its name. */
  row(level1: string, level2: string, name: string): Locator {
    void level2; // the 二级 is checked with level2Of(): rows are siblings of their heading, not its children
    return this.page.locator(`tbody[data-level1="${level1}"] tr.row-l3[data-indicator="${name}"]`);
  }

  /** The 二级 a row sits under: the nearest preceding level-2 heading row. */
  async level2Of(name: string): Promise<string | null> {
    return this.page.evaluate((n) => {
      let tr = document.querySelector(`tr.row-l3[data-indicator="${n}"]`)?.previousElementSibling;
      while (tr && !tr.classList.contains('row-l2')) tr = tr.previousElementSibling;
      return tr?.getAttribute('data-level2') ?? null;
    }, name);
  }

  targetOf(name: string): Locator {
    return this.page.locator(`tr.row-l3[data-indicator="${name}"] [data-test=target-text]`);
  }

  async startEdit(name: string) {
    await this.page.locator(`tr.row-l3[data-indicator="${name}"] [data-test=edit]`).click();
    await this.page.locator('.indicator-editor [data-test=target]').waitFor();
  }

  async typeTarget(text: string) {
    await this.page.locator('.indicator-editor [data-test=target]').fill(text);
  }

  async pressEnter() {
    await this.page.locator('.indicator-editor [data-test=target]').press('Enter');
  }
}
