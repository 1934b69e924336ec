import type { Page } from 'playwright-core';

/** Page model of the district view (全区汇总). */
export class DistrictPage {
  constructor(readonly page: Page, readonly baseUrl: string) {}

  async open() {
    await this.page.goto(`${this.baseUrl}#/district`);
    await this.rows.first().waitFor();
  }

  get rows() {
    return this.page.locator('[data-test=district-row]');
  }

  count() {
    return this.page.locator('[data-test=district-count]').textContent();
  }

  planNames() {
    return this.page.locator('[data-test=district-row] [data-test=district-open]').allTextContents();
  }

  /** The score column's numbers of the rows in the DOM, in order. */
  async scores(): Promise<number[]> {
    const texts = await this.page.locator('[data-test=district-row] [data-test=district-score] strong').allTextContents();
    return texts.map(Number);
  }

  sortBy(col: string) {
    return this.page.locator(`[data-test=sort-${col}]`).click();
  }
}
