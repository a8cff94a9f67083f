// Small, explicit steps a user takes in the VS Code workbench (selectors pinned to
// code-server 4.139.1 = VS Code 1.139): quick open, the command palette, go to
// line, and where the validation webview's document lives.
export function workbench(page) {
  const quickInput = page.locator('.quick-input-widget input');
  return {
    quickInput,
    async openFile(name) {
      await page.keyboard.press('Control+P');
      await quickInput.waitFor();
      await quickInput.fill(name);
      await page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().waitFor();
      await page.keyboard.press('Enter');
      await page.locator(`.tab.active[aria-label*="${name}"], .tab.active:has-text("${name}")`).first().waitFor();
      await page.locator('.monaco-editor .view-lines').first().waitFor();
    },
    async command(title) {
      await page.keyboard.press('F1');
      await quickInput.waitFor();
      await quickInput.fill('>' + title);
      await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor();
      await page.keyboard.press('Enter');
    },
    async goTo(line, col) {
      await page.keyboard.press('Control+G');
      await quickInput.waitFor();
      await quickInput.fill(`:${line}:${col}`);
      await page.keyboard.press('Enter');
      await quickInput.waitFor({ state: 'hidden' });
    },
    /** the document inside the (latest) webview panel: outer iframe, then VS Code's active frame */
    webview() {
      return page.frameLocator('iframe.webview.ready').last().frameLocator('iframe#active-frame');
    },
  };
}
