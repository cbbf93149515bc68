// What the workbench asks and tells: the modal dialog, the command palette and quick picks, and the
// notifications center.
import type { Locator, Page } from 'playwright-core';
import type { Label } from './tree.mjs';

/** The open modal dialog (e.g. the Remove Tag confirmation). */
export function dialog(page: Page): Locator {
  return page.locator('.monaco-dialog-box');
}

export async function pressDialogButton(page: Page, name: string): Promise<void> {
  const box = dialog(page);
  await box.waitFor();
  await box.getByRole('button', { name, exact: true }).click();
  await box.waitFor({ state: 'detached' });
}

/** Runs a command from the palette by its title, e.g. "AWS Tags: Remove Tag". */
export async function runPaletteCommand(page: Page, title: string): Promise<void> {
  const input = quickInput(page).locator('input');
  // Clicked by its exact label: Enter would run the top entry, which may be a longer title that also matches
  // (e.g. "Remove Tag Key Everywhere..." for "Remove Tag").
  const option = quickItem(page, title).first();
  // The palette closes when it loses the focus: opened right as a dialog or a quick pick of the extension closes,
  // the focus given back can close it again at once. Then it is opened again; a missing title still fails.
  for (let attempt = 1; ; attempt += 1) {
    await page.keyboard.press('F1');
    await input.waitFor();
    try {
      await input.fill(`>${title}`, { timeout: 3000 });
      await option.waitFor({ timeout: 10_000 });
      // The list may be drawn again as more matches arrive (recently used first), reusing its rows: a row found
      // a moment before could then hold another command. So the click waits until the rows stop changing.
      await listSettled(page);
      await option.click({ timeout: 3000 });
      return;
    } catch (error) {
      if (attempt >= 3 || (await input.isVisible())) throw error;
    }
  }
}

/** Waits until the labels of the open quick pick are the same for three reads in a row (100 ms apart, 3 s at most). */
async function listSettled(page: Page): Promise<void> {
  const labels = () =>
    quickInput(page)
      .locator('.monaco-list-row')
      .allInnerTexts()
      .then((texts) => texts.join('\n'));
  let last = await labels();
  let same = 0;
  for (const deadline = Date.now() + 3000; same < 2 && Date.now() < deadline;) {
    await page.waitForTimeout(100);
    const now = await labels();
    same = now === last ? same + 1 : 0;
    last = now;
  }
}

export function quickInput(page: Page): Locator {
  return page.locator('.quick-input-widget');
}

/** Rows of the open quick pick whose label is `label` (exact by default; rows are options or checkboxes). */
export function quickItem(page: Page, label: Label, { exact = true }: { exact?: boolean } = {}): Locator {
  // Matched on the whole label: the part that matches the typed filter is a highlighted element of its own, so an
  // exact text match on elements inside the label would take "Copy Tags as JSON" (highlight "Copy Tag") for "Copy Tag".
  const text =
    typeof label === 'string' && exact ? new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) : label;
  return quickInput(page)
    .locator('.monaco-list-row')
    .filter({ has: page.locator('.quick-input-list-row').first().locator('.label-name').filter({ hasText: text }) });
}

/** Picks an entry in the open quick pick: types `label` to filter the (virtual) list, then clicks the entry. */
export async function pickQuickItem(page: Page, label: Label, options?: { exact?: boolean }): Promise<void> {
  await quickInput(page)
    .locator('input')
    .first()
    .fill(typeof label === 'string' ? label : '');
  const row = quickItem(page, label, options).first();
  await row.waitFor();
  await listSettled(page);
  await row.click();
}

/** In a multi-select quick pick: ticks the entries with these labels, then accepts. */
export async function pickQuickItems(page: Page, labels: Label[], options?: { exact?: boolean }): Promise<void> {
  const input = quickInput(page).locator('input').first();
  for (const label of labels) {
    await input.fill(typeof label === 'string' ? label : '');
    const row = quickItem(page, label, options).first();
    await row.waitFor();
    await listSettled(page);
    if ((await row.getAttribute('aria-checked')) !== 'true') await row.locator('.monaco-checkbox').first().click();
  }
  await input.fill('');
  await input.press('Enter');
}

/**
 * Opens the notifications center. With the smoke-test driver on (needed for the `payload` URL parameter)
 * VS Code does not pop up toasts; every notification still lands in the center, so tests read it there.
 */
export async function showNotifications(page: Page): Promise<Locator> {
  const center = page.locator('.notifications-center');
  if (!(await center.isVisible())) await runPaletteCommand(page, 'Notifications: Show Notifications');
  await center.waitFor();
  return center;
}

/** Waits for a notification whose text matches `text` (string or RegExp); returns its locator. */
export async function waitForNotification(
  page: Page,
  text: Label,
  { timeout = 15_000 }: { timeout?: number } = {},
): Promise<Locator> {
  const center = await showNotifications(page);
  const item = center.locator('.notification-list-item').filter({ hasText: text }).first();
  await item.waitFor({ timeout });
  return item;
}

/** The messages of all notifications so far. */
export async function notificationMessages(page: Page): Promise<string[]> {
  const center = await showNotifications(page);
  return center.locator('.notification-list-item-message').allInnerTexts();
}

export async function hideNotifications(page: Page): Promise<void> {
  if (await page.locator('.notifications-center').isVisible()) await page.keyboard.press('Escape');
}
