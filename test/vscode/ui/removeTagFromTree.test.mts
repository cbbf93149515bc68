// Remove Tag from the tree, as a person does it: right-click (or the inline trash icon), confirm in the modal,
// and see the tag go from the tree and from AWS (the emulator) while the other tags stay.
import assert from 'node:assert/strict';
import { screenshot } from '../browser.mjs';
import { dialog, pressDialogButton, waitForNotification } from '../prompts.mjs';
import { chooseMenuItem, clickInlineAction, menuItemNames, openContextMenu } from '../tree.mjs';
import {
  emulatorTagsBecome,
  showTags,
  tagRow,
  tagValueShown,
  treeTagsBecome,
  untagCalls,
  widenSidebar,
  without,
  saveReadmeScreenshot,
} from './steps.mjs';
import { useWorkbench } from './workbench.mjs';

const SECRET = 'prod/payments/stripe-api-key';
const SECRET_TAGS = {
  Environment: 'prod',
  Team: 'payments',
  CostCenter: 'CC-4410',
  DataClassification: 'Confidential',
  Vendor: 'Stripe',
};
const KEY_ALIAS = 'alias/payments-data';
const KEY_LABEL = 'payments-data';
const KEY_TAGS = { Team: 'payments', Environment: 'prod', CostCenter: 'CC-4410', DataClassification: 'Restricted' };

describe('Remove Tag from the tree', function () {
  const workbench = useWorkbench();

  it('removes a secret tag chosen from its context menu, after Remove in the modal', async function () {
    const { page, emulator } = workbench;
    assert.deepEqual((await showTags(page, 'Secrets Manager', SECRET)).sort(), Object.keys(SECRET_TAGS).sort());
    assert.equal(await tagValueShown(page, SECRET, 'Vendor'), 'Stripe');
    await widenSidebar(page, 460);

    const row = await tagRow(page, SECRET, 'Vendor');
    assert.equal(
      await row.getAttribute('aria-label'),
      'Tag Vendor, value Stripe',
      'what a screen reader says for the row',
    );
    const menu = await openContextMenu(page, 'Vendor');
    assert.ok((await menuItemNames(page)).includes('Remove Tag'), 'the tag menu offers Remove Tag');
    await screenshot(page, 'remove-tag-secret-menu');
    await saveReadmeScreenshot(page, 'remove-tag', { also: menu });
    await chooseMenuItem(page, 'Remove Tag');

    await dialog(page).waitFor();
    assert.match(await dialog(page).innerText(), /Remove tag "Vendor" from secret "prod\/payments\/stripe-api-key"\?/);
    await screenshot(page, 'remove-tag-secret-confirm');
    await pressDialogButton(page, 'Remove');

    await treeTagsBecome(page, SECRET, Object.keys(without(SECRET_TAGS, 'Vendor')));
    await emulatorTagsBecome(emulator, 'secret', SECRET, without(SECRET_TAGS, 'Vendor'));
    await waitForNotification(page, `Removed tag "Vendor" from secret "${SECRET}".`);
    await screenshot(page, 'remove-tag-secret-done');
  });

  it('removes a KMS key tag chosen from its context menu', async function () {
    const { page, emulator } = workbench;
    assert.deepEqual((await showTags(page, 'KMS Keys', KEY_LABEL)).sort(), Object.keys(KEY_TAGS).sort());

    await tagRow(page, KEY_LABEL, 'CostCenter');
    await openContextMenu(page, 'CostCenter');
    assert.ok((await menuItemNames(page)).includes('Remove Tag'), 'the tag menu offers Remove Tag');
    await chooseMenuItem(page, 'Remove Tag');
    await dialog(page).waitFor();
    assert.match(await dialog(page).innerText(), /Remove tag "CostCenter" from KMS key "payments-data"\?/);
    await pressDialogButton(page, 'Remove');

    await treeTagsBecome(page, KEY_LABEL, Object.keys(without(KEY_TAGS, 'CostCenter')));
    await emulatorTagsBecome(emulator, 'key', KEY_ALIAS, without(KEY_TAGS, 'CostCenter'));
    await waitForNotification(page, `Removed tag "CostCenter" from KMS key "${KEY_LABEL}".`);
    await screenshot(page, 'remove-tag-kms-done');
  });

  it('removes a tag with the inline trash icon', async function () {
    const { page, emulator } = workbench;
    await showTags(page, 'Secrets Manager', SECRET);

    await tagRow(page, SECRET, 'Team');
    await clickInlineAction(page, 'Team', 'Remove Tag');
    await dialog(page).waitFor();
    assert.match(await dialog(page).innerText(), /Remove tag "Team" from secret/);
    await screenshot(page, 'remove-tag-inline-confirm');
    await pressDialogButton(page, 'Remove');

    await treeTagsBecome(page, SECRET, Object.keys(without(SECRET_TAGS, 'Team')));
    await emulatorTagsBecome(emulator, 'secret', SECRET, without(SECRET_TAGS, 'Team'));
    await screenshot(page, 'remove-tag-inline-done');
  });

  it('changes nothing when the modal is cancelled', async function () {
    const { page, emulator } = workbench;
    await showTags(page, 'Secrets Manager', SECRET);

    await tagRow(page, SECRET, 'Vendor');
    await openContextMenu(page, 'Vendor');
    await chooseMenuItem(page, 'Remove Tag');
    await dialog(page).waitFor();
    await pressDialogButton(page, 'Cancel');
    await treeTagsBecome(page, SECRET, Object.keys(SECRET_TAGS));
    assert.equal(await tagValueShown(page, SECRET, 'Vendor'), 'Stripe');
    await screenshot(page, 'remove-tag-cancelled');

    // A cancelled removal would have sent its call right after the answer. Removing another tag afterwards and
    // waiting for it gives that call time to show up in the log, without a guessed sleep.
    await tagRow(page, SECRET, 'Team');
    await openContextMenu(page, 'Team');
    await chooseMenuItem(page, 'Remove Tag');
    await pressDialogButton(page, 'Remove');
    await emulatorTagsBecome(emulator, 'secret', SECRET, without(SECRET_TAGS, 'Team'));
    const calls = await untagCalls(emulator);
    assert.deepEqual(
      calls.map((c) => c.tagKeys),
      [['Team']],
      'the only UntagResource is the one confirmed',
    );
    await treeTagsBecome(page, SECRET, Object.keys(without(SECRET_TAGS, 'Team')));
  });

  it('puts the tag back with Undo in the success notification', async function () {
    const { page, emulator } = workbench;
    await showTags(page, 'Secrets Manager', SECRET);

    await tagRow(page, SECRET, 'DataClassification');
    await openContextMenu(page, 'DataClassification');
    await chooseMenuItem(page, 'Remove Tag');
    await pressDialogButton(page, 'Remove');
    await emulatorTagsBecome(emulator, 'secret', SECRET, without(SECRET_TAGS, 'DataClassification'));
    await treeTagsBecome(page, SECRET, Object.keys(without(SECRET_TAGS, 'DataClassification')));

    const notification = await waitForNotification(page, `Removed tag "DataClassification" from secret "${SECRET}".`);
    await screenshot(page, 'remove-tag-undo-offered');
    await notification.getByRole('button', { name: 'Undo' }).click();

    await emulatorTagsBecome(emulator, 'secret', SECRET, SECRET_TAGS);
    await treeTagsBecome(page, SECRET, Object.keys(SECRET_TAGS));
    assert.equal(await tagValueShown(page, SECRET, 'DataClassification'), 'Confidential');
    await screenshot(page, 'remove-tag-undone');
  });
});
