import type { Page } from 'playwright-core';

/** Page model of the plan picker in the app bar (a search combobox). */
export class PlanPicker {
  constructor(readonly page: Page) {}

  get input() {
    return this.page.locator('[data-test=plan]');
  }

  /** The listed plans: the current year's while nothing is typed (the list is in the page even when closed). */
  get options() {
    return this.page.locator('[data-test=plan-option]');
  }

  names() {
    return this.page.locator('[data-test=plan-option] .picker-name').allTextContents();
  }

  /** Types the plan's name and clicks the option of exactly that name. */
  async choose(name: string) {
    await this.input.click();
    await this.input.fill(name);
    const exact = new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
    await this.options.filter({ has: this.page.locator('.picker-name', { hasText: exact }) }).first().click();
  }
}
