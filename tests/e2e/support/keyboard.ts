import type { Page } from '@playwright/test';

/**
 * Drives the page by keyboard only and counts keystrokes as a dispatcher would press them: each
 * typed character is one, each chord (Ctrl+Enter) is one.
 */
export class CountingKeyboard {
  count = 0;

  constructor(private readonly page: Page) {}

  async press(key: string, times = 1): Promise<void> {
    for (let i = 0; i < times; i++) await this.page.keyboard.press(key);
    this.count += times;
  }

  async type(text: string): Promise<void> {
    await this.page.keyboard.type(text);
    // What a person presses: one key per grapheme (a base letter with its marks is one key press).
    this.count += [...new Intl.Segmenter('ar', { granularity: 'grapheme' }).segment(text)].length;
  }
}
