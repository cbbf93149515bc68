// Remove Tag from the command palette: the same removal without the tree, through two quick picks (the resource,
// then its tags) and the modal.
import assert from 'node:assert/strict';
import { screenshot } from '../browser.mjs';
import {
  dialog,
  pickQuickItem,
  pickQuickItems,
  pressDialogButton,
  quickInput,
  runPaletteCommand,
  waitForNotification,
} from '../prompts.mjs';
import { emulatorTagsBecome, showTags, treeTagsBecome, type Tags } from './steps.mjs';
import { useWorkbench } from './workbench.mjs';

const SECRET = 'prod/orders/partner-keys';
const TAGS = { Environment: 'prod', Team: 'orders', CostCenter: 'CC-5200', Owner: 'eli.cohen@example.com' };

describe('Remove Tag from the command palette', function () {
  const workbench = useWorkbench();

  it('"AWS Tags: Remove Tag" asks for the resource and the tag, confirms, and removes it', async function () {
    const { page, emulator } = workbench;
    // The tree is open beside the palette, so the test also sees it follow a removal made elsewhere.
    await showTags(page, 'Secrets Manager', SECRET);

    await runPaletteCommand(page, 'AWS Tags: Remove Tag');
    await quickInput(page).locator('input[placeholder^="Remove tags from which secret or KMS key?"]').waitFor();
    await pickQuickItem(page, SECRET);

    await quickInput(page).locator(`input[placeholder="Tags to remove from ${SECRET}"]`).waitFor();
    await screenshot(page, 'palette-pick-tag');
    await pickQuickItems(page, ['Owner']);

    await dialog(page).waitFor();
    assert.match(await dialog(page).innerText(), /Remove tag "Owner" from secret "prod\/orders\/partner-keys"\?/);
    await screenshot(page, 'palette-confirm');
    await pressDialogButton(page, 'Remove');

    const rest: Tags = { ...TAGS };
    delete rest.Owner;
    await emulatorTagsBecome(emulator, 'secret', SECRET, rest);
    await treeTagsBecome(page, SECRET, Object.keys(rest));
    await waitForNotification(page, `Removed tag "Owner" from secret "${SECRET}".`);
    await screenshot(page, 'palette-done');
  });
});
