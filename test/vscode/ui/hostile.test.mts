// Tag text is written by anyone with tag permission. VS Code turns "[text](command:...)" in a notification into a
// link that runs the command, so a tag key shaped like one must reach the user as text: no link in the dialog or
// in the notification, and the text itself still readable as typed.
import assert from 'node:assert/strict';
import type { Seed } from '../../emulator/types.js';
import { screenshot } from '../browser.mjs';
import { dialog, pressDialogButton, waitForNotification } from '../prompts.mjs';
import { chooseMenuItem, openContextMenu } from '../tree.mjs';
import { readDemoSeed, seedKeyWithAlias, seedTagMap } from '../emulator.mjs';
import { emulatorTagsBecome, showTags, tagRow, widenSidebar, without } from './steps.mjs';
import { useWorkbench } from './workbench.mjs';

const LINK_KEY = '[Undo](command:workbench.action.quit)';
const LINK_VALUE = '[docs](https://example.com/)';
const KEY_LABEL = 'payments-data';

function seedWithLinkTag(): Seed {
  const seed = readDemoSeed();
  const key = seedKeyWithAlias(seed, `alias/${KEY_LABEL}`);
  key.tags = { ...seedTagMap(key.tags), [LINK_KEY]: LINK_VALUE };
  return seed;
}

/** The text as a person reads it: zero-width spaces do not show. */
const seen = (text: string) => text.replace(/\u200b/g, '');

describe('Tag text shaped like a link', function () {
  const workbench = useWorkbench();

  it('stays text in the confirmation and in the notification: nothing there can be clicked to run a command', async function () {
    const { page, emulator } = workbench;
    await emulator.admin('reset', { method: 'POST', body: seedWithLinkTag() });
    await showTags(page, 'KMS Keys', KEY_LABEL);
    await widenSidebar(page, 460);
    await tagRow(page, KEY_LABEL, LINK_KEY);
    await openContextMenu(page, LINK_KEY);
    await chooseMenuItem(page, 'Remove Tag');

    await dialog(page).waitFor();
    assert.ok(seen(await dialog(page).innerText()).includes(`Remove tag "${LINK_KEY}" from KMS key "${KEY_LABEL}"?`));
    // The buttons are <a> elements too: only the message and its detail count.
    assert.equal(
      await dialog(page).locator('.dialog-message-text a, .dialog-message-detail a').count(),
      0,
      'no link in the confirmation',
    );
    await pressDialogButton(page, 'Remove');

    const rest = without(seedTagMap(seedKeyWithAlias(seedWithLinkTag(), `alias/${KEY_LABEL}`).tags), LINK_KEY);
    await emulatorTagsBecome(emulator, 'key', `alias/${KEY_LABEL}`, rest);
    const note = await waitForNotification(page, /Removed tag/);
    await screenshot(page, 'hostile-link-notification');
    assert.equal(
      seen(await note.locator('.notification-list-item-message').innerText()),
      `Removed tag "${LINK_KEY}" from KMS key "${KEY_LABEL}".`,
    );
    assert.equal(await note.locator('.notification-list-item-message a').count(), 0, 'no link in the notification');
  });
});
