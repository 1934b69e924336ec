import type { Page } from 'playwright-core';

/** Page model of the activity log, driven with the keyboard like a clerk would. */
export class ActivityPage {
  constructor(readonly page: Page, readonly baseUrl: string) {}

  async open() {
    await this.page.goto(`${this.baseUrl}#/activity`);
    await this.page.locator('[data-test=picker]').waitFor();
    // The picker takes the focus in the frame after the page mounts; a person starts typing once the cursor is there.
    await this.page.waitForFunction(() => document.activeElement?.matches('[data-test=picker]'));
  }

  /** Types into whatever has focus, then presses Enter. */
  async type(text: string, key = 'Enter') {
    await this.page.keyboard.type(text);
    await this.page.keyboard.press(key);
  }

  focused() {
    return this.page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.test ?? null);
  }

  actual() {
    return this.page.locator('[data-test=actual-value]').textContent();
  }

  rows() {
    return this.page.locator('table[data-test=entries] tbody tr');
  }
}
