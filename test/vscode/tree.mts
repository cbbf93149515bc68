// The AWS Tags view as a person works it: the activity bar, the tree's rows (found, expanded, selected, read),
// their context menus and their inline actions.
import type { Locator, Page } from 'playwright-core';

/** The activity bar entry of a view container, by its title. */
function activityBarItem(page: Page, title: string): Locator {
  return page.locator('.activitybar').getByRole('tab', { name: title, exact: false }).first();
}

/**
 * Opens the AWS Tags container from the activity bar and makes sure its "Resources" view is expanded.
 * Returns the view's tree locator.
 */
export async function openAwsTagsView(page: Page, { timeout = 30_000 }: { timeout?: number } = {}): Promise<Locator> {
  const item = activityBarItem(page, 'AWS Tags');
  await item.waitFor({ timeout });
  if ((await item.getAttribute('aria-selected')) !== 'true') await item.click();
  // Move off the icon, or its hover label stays in the screenshots.
  await page.mouse.move(700, 500);
  const sidebar = page.locator('.part.sidebar');
  const header = sidebar.locator('.pane-header', { hasText: 'Resources' }).first();
  if ((await header.count()) > 0 && (await header.getAttribute('aria-expanded')) === 'false') await header.click();
  const tree = sidebar.getByRole('tree').first();
  await tree.waitFor({ timeout });
  return tree;
}

/** A row's label, matched exactly (by default) when a string. */
export type Label = string | RegExp;

export interface FindOptions {
  exact?: boolean;
  timeout?: number;
}

/**
 * Tree rows whose visible label is `label` (exact by default; a RegExp also works). The accessible name is
 * not used: VS Code takes it from the item's tooltip when there is one. Only rendered rows are found (the
 * tree is virtual); findTreeItem() scrolls to a row first.
 */
export function treeItem(page: Page, label: Label, { exact = true }: { exact?: boolean } = {}): Locator {
  return page.getByRole('treeitem').filter({ has: page.locator('.label-name').getByText(label, { exact }) });
}

/**
 * Brings the row with this label into view, paging through the AWS Tags tree from the top with the keyboard
 * (which moves the focus, not the selection). Returns its locator.
 */
export async function findTreeItem(
  page: Page,
  label: Label,
  { exact = true, timeout = 15_000 }: FindOptions = {},
): Promise<Locator> {
  const item = treeItem(page, label, { exact }).first();
  const tree = page.locator('.part.sidebar').getByRole('tree').first();
  await tree.waitFor({ timeout });
  // The list renders a few rows beyond its edges; those are in the DOM but cannot be clicked.
  const inView = async () => {
    if ((await item.count()) === 0) return false;
    const [row, box] = await Promise.all([item.boundingBox(), tree.boundingBox()]);
    return Boolean(row && box && row.y >= box.y - 1 && row.y + row.height <= box.y + box.height + 1);
  };
  if (await inView()) return item;
  const deadline = Date.now() + timeout;
  await tree.focus();
  await page.keyboard.press('Home');
  while (!(await inView())) {
    if (Date.now() > deadline) throw new Error(`tree item "${label}" not found`);
    const before = await tree.getAttribute('aria-activedescendant');
    await page.keyboard.press('PageDown');
    await page.waitForTimeout(50);
    if ((await tree.getAttribute('aria-activedescendant')) === before) {
      // At the bottom without it: rows may still be loading, so look again from the top.
      await page.waitForTimeout(200);
      await page.keyboard.press('Home');
    }
  }
  return item;
}

/** Polls `read()` until it returns a truthy value. */
async function until(read: () => Promise<boolean>, { timeout = 15_000, what = 'condition' } = {}): Promise<void> {
  const deadline = Date.now() + timeout;
  for (;;) {
    if (await read()) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Expands a collapsed tree row (no-op when already expanded) and waits until its children are loaded. */
export async function expandTreeItem(page: Page, label: Label, options?: FindOptions): Promise<Locator> {
  const item = await findTreeItem(page, label, options);
  if ((await item.getAttribute('aria-expanded')) === 'false') {
    await item.locator('.monaco-tl-twistie').click();
    await until(async () => (await item.getAttribute('aria-expanded')) === 'true', { what: `"${label}" to expand` });
  }
  // Children are fetched on expansion; the twistie spins until they are in.
  await until(async () => (await item.locator('.codicon-tree-item-loading').count()) === 0, {
    what: `"${label}" to load`,
  });
  return item;
}

/**
 * Right-clicks a tree row and waits for its context menu; returns the menu locator. VS Code shows no menu
 * at all when it would be empty: with `allowEmpty`, that case returns null after a short wait.
 */
export async function openContextMenu(
  page: Page,
  label: Label,
  { allowEmpty = false, ...options }: FindOptions & { allowEmpty?: boolean } = {},
): Promise<Locator | null> {
  const item = await findTreeItem(page, label, options);
  await item.click({ button: 'right' });
  const menu = page.getByRole('menu').first();
  try {
    await menu.waitFor({ timeout: allowEmpty ? 2000 : 15_000 });
  } catch (error) {
    if (allowEmpty) return null;
    throw error;
  }
  return menu;
}

/** Selects several rows as a person would: click the first, Ctrl+click the others. */
export async function selectTreeItems(page: Page, labels: Label[], options?: FindOptions): Promise<void> {
  for (const [index, label] of labels.entries()) {
    const item = await findTreeItem(page, label, options);
    await item.click({ modifiers: index === 0 ? [] : ['ControlOrMeta'] });
  }
}

/** Labels of the rendered children of a tree row (the row must be expanded and in view). */
export async function treeChildLabels(page: Page, label: Label, options?: FindOptions): Promise<string[]> {
  const parent = await findTreeItem(page, label, options);
  const parentId = await parent.getAttribute('id');
  const rows = await page
    .locator('.part.sidebar')
    .getByRole('treeitem')
    .evaluateAll((els) =>
      els
        .map((el) => ({
          id: el.id,
          index: Number(el.dataset.index),
          level: Number(el.getAttribute('aria-level')),
          label: el.querySelector('.label-name')?.textContent ?? '',
        }))
        .sort((a, b) => a.index - b.index),
    );
  const start = rows.findIndex((row) => row.id === parentId);
  const children: string[] = [];
  for (const row of rows.slice(start + 1)) {
    if (row.level <= rows[start].level) break;
    if (row.level === rows[start].level + 1) children.push(row.label);
  }
  return children;
}

/** The names of the items in the open context menu. */
export async function menuItemNames(page: Page): Promise<string[]> {
  const names = await page.getByRole('menuitem').allInnerTexts();
  return names.map((name) => name.split('\n')[0].trim()).filter(Boolean);
}

/**
 * Clicks an entry of the open context menu. VS Code's menu items start listening for the mouse only 100 ms after
 * they are drawn (so that releasing the right button that opened the menu chooses nothing); a quicker click is
 * dropped and the menu stays open. So: give it that time, and click again while the menu is still open (a click
 * that was taken closes the menu, so nothing runs twice).
 */
export async function chooseMenuItem(page: Page, name: string): Promise<void> {
  const menu = page.getByRole('menu').first();
  // By exact label: "Remove Tag" must not find "Remove Tag Key Everywhere..." (the name may carry a keybinding).
  const item = page
    .getByRole('menuitem')
    .filter({ has: page.locator('.action-label').getByText(name, { exact: true }) })
    .first();
  // The entries are drawn with the menu: a missing one is missing, and the error says what is there instead.
  await page.getByRole('menuitem').first().waitFor();
  if ((await item.count()) === 0) {
    throw new Error(`the context menu has no "${name}" (it has: ${(await menuItemNames(page)).join(', ')})`);
  }
  await page.waitForTimeout(150);
  for (let attempt = 1; ; attempt += 1) {
    await item.click();
    try {
      await menu.waitFor({ state: 'hidden', timeout: 1000 });
      return;
    } catch (error) {
      if (attempt >= 3) throw error;
    }
  }
}

export async function closeMenu(page: Page): Promise<void> {
  await page.keyboard.press('Escape');
}

/** Clicks a row's inline action (e.g. the trash icon, labelled "Remove Tag"). */
export async function clickInlineAction(
  page: Page,
  label: Label,
  actionLabel: string,
  options?: FindOptions,
): Promise<void> {
  const item = await findTreeItem(page, label, options);
  await item.hover();
  // A row's inline actions are drawn with the row (shown on hover): a missing one fails at once, saying so.
  const actions = item.locator('.actions');
  await actions.waitFor({ state: 'attached' });
  const button = actions.getByRole('button', { name: actionLabel, exact: true }).first();
  if ((await button.count()) === 0) {
    const present = await actions
      .getByRole('button')
      .evaluateAll((els) => els.map((el) => el.getAttribute('aria-label')));
    throw new Error(`"${label}" has no inline action "${actionLabel}" (it has: ${present.join(', ')})`);
  }
  await button.click();
}
