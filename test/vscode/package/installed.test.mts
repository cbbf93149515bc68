// The extension as a user gets it: the .vsix built by `npm run package`, installed into the VS Code server with
// --install-extension, in a workbench opened without extensionDevelopmentPath. A file missing from the package
// (the AWS SDK chunk, say) makes the tree fail to list, and this smoke with it.
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import type { EmulatorHandle } from '../emulator.mjs';
import { pickQuickItems, pressDialogButton, quickItem, runPaletteCommand, waitForNotification } from '../prompts.mjs';
import { chooseMenuItem, openContextMenu } from '../tree.mjs';
import { emulatorTagsBecome, quickPickAsking, showTags, tagRow, treeTagsBecome, without } from '../ui/steps.mjs';
import { useWorkbench } from '../ui/workbench.mjs';

const SECRET = 'prod/risk/fraud-model-api';
const TAGS = { Environment: 'prod', Team: 'risk', Owner: 'fatima.khan@example.com', Project: 'fraud-scoring' };

async function removeFromContextMenu(page: Page, emulator: EmulatorHandle, key: string): Promise<void> {
  await tagRow(page, SECRET, key);
  await openContextMenu(page, key);
  await chooseMenuItem(page, 'Remove Tag');
  await pressDialogButton(page, 'Remove');
  await emulatorTagsBecome(emulator, 'secret', SECRET, without(TAGS, key));
  await treeTagsBecome(page, SECRET, Object.keys(without(TAGS, key)));
}

describe('the installed .vsix', function () {
  const workbench = useWorkbench();

  it('is the installed extension, not a development one', async function () {
    const { page } = workbench;
    await page.locator('.monaco-workbench').waitFor();
    assert.equal(await page.getByText('[Extension Development Host]').count(), 0);
  });

  it('opens the view, removes a tag from its context menu, Undo puts it back; Restore from the palette too', async function () {
    const { page, emulator } = workbench;
    await showTags(page, 'Secrets Manager', SECRET);
    await removeFromContextMenu(page, emulator, 'Owner');
    const notification = await waitForNotification(
      page,
      'Removed tag "Owner" from secret "prod/risk/fraud-model-api".',
    );
    await notification.getByRole('button', { name: 'Undo' }).click();
    await emulatorTagsBecome(emulator, 'secret', SECRET, TAGS);
    await treeTagsBecome(page, SECRET, Object.keys(TAGS));

    await removeFromContextMenu(page, emulator, 'Project');
    await runPaletteCommand(page, 'AWS Tags: Restore Removed Tags...');
    await quickPickAsking(page, 'Removed tags to put back (newest first)');
    await quickItem(page, 'Project = fraud-scoring').first().waitFor();
    await pickQuickItems(page, ['Project = fraud-scoring']);
    await emulatorTagsBecome(emulator, 'secret', SECRET, TAGS);
    await waitForNotification(page, 'Restored 1 tag.');
  });

  it('an untag AWS applies whose answer is lost on every attempt: reported removed with the reason; Restore offers the value and puts it back', async function () {
    const { page, emulator } = workbench;
    await emulator.admin('faults', {
      method: 'POST',
      body: { service: 'secretsmanager', operation: 'UntagResource', action: 'reset', when: 'after' },
    });
    await showTags(page, 'Secrets Manager', SECRET);
    await removeFromContextMenu(page, emulator, 'Team');
    await waitForNotification(
      page,
      /Removed tag "Team" from secret "prod\/risk\/fraud-model-api": AWS's answer was lost \(ECONNRESET\)/,
    );
    await runPaletteCommand(page, 'AWS Tags: Restore Removed Tags...');
    await quickPickAsking(page, 'Removed tags to put back (newest first)');
    await quickItem(page, 'Team = risk').first().waitFor();
    await pickQuickItems(page, ['Team = risk']);
    await emulatorTagsBecome(emulator, 'secret', SECRET, TAGS);
  });
});
