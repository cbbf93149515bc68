// The removal history: a removed tag that was not undone at once can be put back later, from the list that
// "Restore Removed Tags..." shows (palette, or the view's "..." menu), with its exact value.
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import type { EmulatorHandle } from '../emulator.mjs';
import { screenshot } from '../browser.mjs';
import { pickQuickItems, pressDialogButton, quickItem, runPaletteCommand, waitForNotification } from '../prompts.mjs';
import { chooseMenuItem, clickInlineAction, menuItemNames, openContextMenu } from '../tree.mjs';
import {
  emulatorTagsBecome,
  openViewTitleMenu,
  quickPickAsking,
  showTags,
  tagRow,
  tagValueShown,
  treeTagsBecome,
  without,
  type ResourceKind,
  type Tags,
} from './steps.mjs';
import { useWorkbench } from './workbench.mjs';

const HISTORY_QUESTION = 'Removed tags to put back (newest first)';

/** Remove Tag from the tag's context menu, confirmed; waits until AWS no longer has it. */
async function removeFromTree(
  page: Page,
  emulator: EmulatorHandle,
  kind: ResourceKind,
  id: string,
  resource: string,
  tags: Tags,
  key: string,
): Promise<void> {
  await tagRow(page, resource, key);
  await openContextMenu(page, key);
  await chooseMenuItem(page, 'Remove Tag');
  await pressDialogButton(page, 'Remove');
  await emulatorTagsBecome(emulator, kind, id, without(tags, key));
}

describe('Restore Removed Tags', function () {
  const workbench = useWorkbench();

  it('"AWS Tags: Restore Removed Tags..." lists a removal and puts the tag back with its value', async function () {
    const { page, emulator } = workbench;
    const SECRET = 'prod/risk/fraud-model-api';
    const TAGS = { Environment: 'prod', Team: 'risk', Owner: 'fatima.khan@example.com', Project: 'fraud-scoring' };
    await showTags(page, 'Secrets Manager', SECRET);
    await removeFromTree(page, emulator, 'secret', SECRET, SECRET, TAGS, 'Owner');
    await treeTagsBecome(page, SECRET, Object.keys(without(TAGS, 'Owner')));

    await runPaletteCommand(page, 'AWS Tags: Restore Removed Tags...');
    await quickPickAsking(page, HISTORY_QUESTION);
    const entry = quickItem(page, 'Owner = fatima.khan@example.com').first();
    await entry.waitFor();
    // Resource, key, value, and when and where: enough to tell entries apart.
    const text = await entry.innerText();
    assert.match(text, /prod\/risk\/fraud-model-api/);
    assert.match(
      text,
      /default · us-east-1 · arn:aws:secretsmanager:us-east-1:123456789012:secret:prod\/risk\/fraud-model-api-/,
    );
    await screenshot(page, 'restore-history-palette');
    await pickQuickItems(page, ['Owner = fatima.khan@example.com']);

    await emulatorTagsBecome(emulator, 'secret', SECRET, TAGS);
    await treeTagsBecome(page, SECRET, Object.keys(TAGS));
    assert.equal(await tagValueShown(page, SECRET, 'Owner'), 'fatima.khan@example.com');
    await waitForNotification(page, 'Restored 1 tag.');
    await screenshot(page, 'restore-history-done');
  });

  it('restores one of several removals from the view\'s "..." menu', async function () {
    const { page, emulator } = workbench;
    const KEY = 'release-signing';
    const TAGS = { Team: 'platform', Purpose: 'code-signing' };
    await showTags(page, 'KMS Keys', KEY);
    await removeFromTree(page, emulator, 'key', `alias/${KEY}`, KEY, TAGS, 'Purpose');
    await treeTagsBecome(page, KEY, ['Team']);
    // A second removal, with the trash icon: the history now holds two entries for this key.
    await tagRow(page, KEY, 'Team');
    await clickInlineAction(page, 'Team', 'Remove Tag');
    await pressDialogButton(page, 'Remove');
    await emulatorTagsBecome(emulator, 'key', `alias/${KEY}`, {});

    await openViewTitleMenu(page);
    assert.ok(
      (await menuItemNames(page)).includes('Restore Removed Tags...'),
      'the "..." menu offers Restore Removed Tags...',
    );
    await chooseMenuItem(page, 'Restore Removed Tags...');
    await quickPickAsking(page, HISTORY_QUESTION);
    await quickItem(page, 'Team = platform').first().waitFor();
    await quickItem(page, 'Purpose = code-signing').first().waitFor();
    await pickQuickItems(page, ['Purpose = code-signing']);

    // Only the picked entry comes back.
    await emulatorTagsBecome(emulator, 'key', `alias/${KEY}`, { Purpose: 'code-signing' });
    await treeTagsBecome(page, KEY, ['Purpose']);
    await waitForNotification(page, 'Restored 1 tag.');
  });
});
