// Add Tag... and Edit Tag Value..., from the tree (context menu, inline + and pencil) and from the palette, as a
// person does it: the input boxes say what is wrong while the key is typed, the tree and AWS (the emulator) show
// the new tag or value, and Undo on the notification puts an edited value back.
import assert from 'node:assert/strict';
import type { EmulatorHandle } from '../emulator.mjs';
import { screenshot } from '../browser.mjs';
import { pickQuickItem, quickInput, runPaletteCommand, waitForNotification } from '../prompts.mjs';
import { chooseMenuItem, clickInlineAction, openContextMenu } from '../tree.mjs';
import {
  answerInputBox,
  emulatorTagsBecome,
  eventually,
  inputBoxMessage,
  inputBoxTitled,
  quickPickAsking,
  showTags,
  tagRow,
  tagValueShown,
  treeTagsBecome,
} from './steps.mjs';
import { useWorkbench } from './workbench.mjs';

/** TagResource requests the emulator received, as their tag keys. */
async function tagCallKeys(emulator: EmulatorHandle): Promise<Array<string[] | undefined>> {
  return (await emulator.calls({ operation: 'TagResource' })).map((call) => call.tagKeys);
}

describe('Add Tag', function () {
  const workbench = useWorkbench();

  it('adds a tag to a secret from its context menu: key, then value', async function () {
    const { page, emulator } = workbench;
    const SECRET = 'dev/payments/db-password';
    const TAGS = { Environment: 'dev', Team: 'payments' };
    await showTags(page, 'Secrets Manager', SECRET);

    await openContextMenu(page, SECRET);
    await chooseMenuItem(page, 'Add Tag...');
    await answerInputBox(page, `Add Tag to secret "${SECRET}"`, 'Owner');
    await answerInputBox(page, 'Value of "Owner"', 'kim.lee@example.com');

    await emulatorTagsBecome(emulator, 'secret', SECRET, { ...TAGS, Owner: 'kim.lee@example.com' });
    await treeTagsBecome(page, SECRET, [...Object.keys(TAGS), 'Owner']);
    assert.equal(await tagValueShown(page, SECRET, 'Owner'), 'kim.lee@example.com');
    await waitForNotification(page, `Added tag "Owner" = "kim.lee@example.com" to secret "${SECRET}".`);
    await screenshot(page, 'add-tag-secret-done');
  });

  it('adds a tag to a KMS key with the inline + icon', async function () {
    const { page, emulator } = workbench;
    await showTags(page, 'KMS Keys', 'webhook-hmac');

    await clickInlineAction(page, 'webhook-hmac', 'Add Tag...');
    await answerInputBox(page, 'Add Tag to KMS key "webhook-hmac"', 'CostCenter');
    await answerInputBox(page, 'Value of "CostCenter"', 'CC-7000');

    await emulatorTagsBecome(emulator, 'key', 'alias/webhook-hmac', { Team: 'growth', CostCenter: 'CC-7000' });
    await treeTagsBecome(page, 'webhook-hmac', ['Team', 'CostCenter']);
    assert.equal(await tagValueShown(page, 'webhook-hmac', 'CostCenter'), 'CC-7000');
    await screenshot(page, 'add-tag-kms-inline-done');
  });

  it('shows why a key is refused while it is typed ("aws:" prefix) and sends nothing for it', async function () {
    const { page, emulator } = workbench;
    const SECRET = 'staging/identity/oauth-client-secret';
    await showTags(page, 'Secrets Manager', SECRET);

    await openContextMenu(page, SECRET);
    await chooseMenuItem(page, 'Add Tag...');
    const input = await inputBoxTitled(page, `Add Tag to secret "${SECRET}"`);
    await input.pressSequentially('aws:x', { delay: 30 });
    const message = inputBoxMessage(page);
    await eventually(
      () => message.innerText(),
      (text) => text.includes('Keys starting with "aws:" are reserved for AWS.'),
      {
        what: 'the validation message',
      },
    );
    assert.equal(await message.isVisible(), true, 'the message is shown under the input');
    await screenshot(page, 'add-tag-validation-aws-prefix');
    // Enter on a refused key keeps the box open on the same question.
    await input.press('Enter');
    await inputBoxTitled(page, `Add Tag to secret "${SECRET}"`);
    assert.equal(await input.inputValue(), 'aws:x');
    assert.deepEqual(await tagCallKeys(emulator), [], 'no TagResource for a refused key');

    // A duplicate key is refused the same way.
    await input.fill('Team');
    await eventually(
      () => message.innerText(),
      (text) => text.includes('"Team" is already a tag of this resource'),
      { what: 'the duplicate-key message' },
    );

    // Corrected, it goes through: the only TagResource is the accepted one.
    await answerInputBox(page, `Add Tag to secret "${SECRET}"`, 'Ticket');
    await answerInputBox(page, 'Value of "Ticket"', 'SEC-101');
    await emulatorTagsBecome(emulator, 'secret', SECRET, {
      Environment: 'staging',
      Team: 'identity',
      Ticket: 'SEC-101',
    });
    assert.deepEqual(await tagCallKeys(emulator), [['Ticket']]);
    await treeTagsBecome(page, SECRET, ['Environment', 'Team', 'Ticket']);
  });

  it('"AWS Tags: Add Tag..." asks for the resource, the key and the value', async function () {
    const { page, emulator } = workbench;
    const SECRET = 'prod/orders/partner-keys';
    const TAGS = { Environment: 'prod', Team: 'orders', CostCenter: 'CC-5200', Owner: 'eli.cohen@example.com' };
    // The tree is open beside the palette: it follows a change made from there.
    await showTags(page, 'Secrets Manager', SECRET);

    await runPaletteCommand(page, 'AWS Tags: Add Tag...');
    await quickPickAsking(page, 'Add a tag to which secret or KMS key?');
    await pickQuickItem(page, SECRET);
    await answerInputBox(page, `Add Tag to secret "${SECRET}"`, 'Project');
    await answerInputBox(page, 'Value of "Project"', 'partner-portal');

    await emulatorTagsBecome(emulator, 'secret', SECRET, { ...TAGS, Project: 'partner-portal' });
    await treeTagsBecome(page, SECRET, [...Object.keys(TAGS), 'Project']);
    await waitForNotification(page, `Added tag "Project" = "partner-portal" to secret "${SECRET}".`);
    await screenshot(page, 'add-tag-palette-done');
  });
});

describe('Edit Tag Value', function () {
  const workbench = useWorkbench();

  it('changes a value from the tag context menu, and Undo on the notification puts the old one back', async function () {
    const { page, emulator } = workbench;
    const SECRET = 'staging/payments/db-password';
    const TAGS = { Environment: 'staging', Team: 'payments', CostCenter: 'CC-4410' };
    await showTags(page, 'Secrets Manager', SECRET);

    await tagRow(page, SECRET, 'CostCenter');
    await openContextMenu(page, 'CostCenter');
    await chooseMenuItem(page, 'Edit Tag Value...');
    const input = await inputBoxTitled(page, `Edit "CostCenter" on secret "${SECRET}"`);
    assert.equal(await input.inputValue(), 'CC-4410', 'the box starts with the current value');
    await screenshot(page, 'edit-tag-secret-input');
    await answerInputBox(page, `Edit "CostCenter" on secret "${SECRET}"`, 'CC-9999');

    await emulatorTagsBecome(emulator, 'secret', SECRET, { ...TAGS, CostCenter: 'CC-9999' });
    await eventually(
      () => tagValueShown(page, SECRET, 'CostCenter'),
      (value) => value === 'CC-9999',
      { what: 'the new value in the tree' },
    );

    const notification = await waitForNotification(
      page,
      `Changed "CostCenter" on "${SECRET}" from "CC-4410" to "CC-9999".`,
    );
    await screenshot(page, 'edit-tag-undo-offered');
    await notification.getByRole('button', { name: 'Undo' }).click();
    await emulatorTagsBecome(emulator, 'secret', SECRET, TAGS);
    await eventually(
      () => tagValueShown(page, SECRET, 'CostCenter'),
      (value) => value === 'CC-4410',
      { what: 'the old value back in the tree' },
    );
    await screenshot(page, 'edit-tag-undone');
  });

  it('changes a KMS key tag value with the inline pencil', async function () {
    const { page, emulator } = workbench;
    await showTags(page, 'KMS Keys', 'app-logs');

    await tagRow(page, 'app-logs', 'Purpose');
    await clickInlineAction(page, 'Purpose', 'Edit Tag Value...');
    const input = await inputBoxTitled(page, 'Edit "Purpose" on KMS key "app-logs"');
    assert.equal(await input.inputValue(), 'log-encryption');
    await answerInputBox(page, 'Edit "Purpose" on KMS key "app-logs"', 'audit-log-encryption');

    await emulatorTagsBecome(emulator, 'key', 'alias/app-logs', { Team: 'platform', Purpose: 'audit-log-encryption' });
    await eventually(
      () => tagValueShown(page, 'app-logs', 'Purpose'),
      (value) => value === 'audit-log-encryption',
      { what: 'the new value in the tree' },
    );
  });

  it('"AWS Tags: Edit Tag Value..." asks for the resource and the tag, and starts from the current value', async function () {
    const { page, emulator } = workbench;
    const SECRET = 'prod/search/elasticsearch-admin';
    await showTags(page, 'Secrets Manager', SECRET);

    await runPaletteCommand(page, 'AWS Tags: Edit Tag Value...');
    await quickPickAsking(page, 'Edit a tag of which secret or KMS key?');
    await pickQuickItem(page, SECRET);
    await quickPickAsking(page, `Tag of ${SECRET} to edit`);
    await pickQuickItem(page, 'CostCenter');
    const input = await inputBoxTitled(page, `Edit "CostCenter" on secret "${SECRET}"`);
    assert.equal(await input.inputValue(), 'CC-2210');
    await answerInputBox(page, `Edit "CostCenter" on secret "${SECRET}"`, 'CC-2211');

    await emulatorTagsBecome(emulator, 'secret', SECRET, {
      Environment: 'prod',
      Team: 'search',
      CostCenter: 'CC-2211',
    });
    await eventually(
      () => tagValueShown(page, SECRET, 'CostCenter'),
      (value) => value === 'CC-2211',
      { what: 'the new value in the tree' },
    );
    assert.equal(await quickInput(page).isVisible(), false);
    await screenshot(page, 'edit-tag-palette-done');
  });
});
