// Tags AWS will not let anyone remove offer no Remove Tag at all: no menu entry, no trash icon. Each test also
// checks a removable tag in the same window, so that a missing entry means "read-only", not "menus are broken".
import assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { screenshot } from '../browser.mjs';
import { closeMenu, expandTreeItem, findTreeItem, menuItemNames, openContextMenu } from '../tree.mjs';
import { showTags, tagRow } from './steps.mjs';
import { getHarness, useWorkbench } from './workbench.mjs';

/** The entries of a row's context menu ([] when VS Code shows none because it would be empty). */
async function contextMenuOf(page: Page, label: string): Promise<string[]> {
  const menu = await openContextMenu(page, label, { allowEmpty: true });
  if (!menu) return [];
  const names = await menuItemNames(page);
  await closeMenu(page);
  await menu.waitFor({ state: 'hidden' });
  return names;
}

/** The inline actions a row shows under the mouse. */
async function inlineActionsOf(page: Page, label: string): Promise<string[]> {
  const row = await findTreeItem(page, label);
  await row.hover();
  // A row without actions keeps its (empty) action bar hidden, so only presence in the DOM is awaited.
  await row.locator('.actions').waitFor({ state: 'attached' });
  const names = await row
    .locator('.actions')
    .getByRole('button')
    .evaluateAll((els) => els.map((el) => el.getAttribute('aria-label') ?? ''));
  await page.mouse.move(900, 500);
  return names;
}

async function expectRemovable(page: Page, resource: string, key: string): Promise<void> {
  await tagRow(page, resource, key);
  assert.ok((await contextMenuOf(page, key)).includes('Remove Tag'), `"${key}" on "${resource}" offers Remove Tag`);
  assert.ok((await inlineActionsOf(page, key)).includes('Remove Tag'), `"${key}" on "${resource}" has a trash icon`);
}

async function expectReadOnly(page: Page, resource: string, key: string, shot: string): Promise<void> {
  await tagRow(page, resource, key);
  const menu = await openContextMenu(page, key, { allowEmpty: true });
  const names = menu ? await menuItemNames(page) : [];
  await screenshot(page, shot);
  await closeMenu(page);
  assert.ok(
    !names.includes('Remove Tag'),
    `"${key}" on "${resource}" offers no Remove Tag (menu: ${JSON.stringify(names)})`,
  );
  assert.ok(!(await inlineActionsOf(page, key)).includes('Remove Tag'), `"${key}" on "${resource}" has no trash icon`);
}

describe('Read-only tags', function () {
  describe('on an AWS managed key', function () {
    // Workspace settings of the folder every test window opens; written before the window opens (this hook is
    // registered before useWorkbench's) so that the first listing already includes the AWS managed keys.
    const settingsDir = () => join(getHarness().server.workspaceDir, '.vscode');
    beforeEach(function () {
      mkdirSync(settingsDir(), { recursive: true });
      writeFileSync(
        join(settingsDir(), 'settings.json'),
        JSON.stringify({ 'awsTags.showAwsManagedKeys': true }, null, 2),
      );
    });
    const workbench = useWorkbench();
    afterEach(function () {
      rmSync(settingsDir(), { recursive: true, force: true });
    });

    it('has no Remove Tag in its menu and no trash icon', async function () {
      const { page } = workbench;
      assert.deepEqual(await showTags(page, 'KMS Keys', 'aws/s3'), ['ManagedBy']);
      const key = await findTreeItem(page, 'aws/s3');
      assert.match(await key.locator('.label-description').innerText(), /AWS managed/);
      await expectReadOnly(page, 'aws/s3', 'ManagedBy', 'readonly-aws-managed-key-menu');

      // A customer managed key next to it, in the same window: its tags are removable.
      await expandTreeItem(page, 'webhook-hmac');
      await expectRemovable(page, 'webhook-hmac', 'Team');
    });
  });

  describe('with an "aws:" system tag', function () {
    const workbench = useWorkbench();
    const SECRET = 'dev/payments/db-password';

    it('has no Remove Tag on the system tag, while the other tags of the secret have it', async function () {
      const { page, emulator } = workbench;
      // As CloudFormation does: a system tag on an ordinary secret (set behind the API, which refuses "aws:" keys).
      await emulator.admin('mutate', {
        method: 'POST',
        body: { op: 'tagSecret', secretId: SECRET, tags: { 'aws:cloudformation:stack-name': 'payments-dev' } },
      });
      assert.deepEqual((await showTags(page, 'Secrets Manager', SECRET)).sort(), [
        'Environment',
        'Team',
        'aws:cloudformation:stack-name',
      ]);
      await expectReadOnly(page, SECRET, 'aws:cloudformation:stack-name', 'readonly-system-tag-menu');
      await expectRemovable(page, SECRET, 'Team');
    });
  });
});
