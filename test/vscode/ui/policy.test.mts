// Policy-aware removal: when the key policy (or a secret's resource policy) uses a tag in a condition, the tag
// carries a shield in the tree and the first line of Remove Tag's confirmation says so, whether the removal
// starts from the tree or the palette. Cancelling changes nothing.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { Seed } from '../../emulator/types.js';
import { screenshot } from '../browser.mjs';
import { dialog, pickQuickItem, pickQuickItems, pressDialogButton, runPaletteCommand } from '../prompts.mjs';
import { chooseMenuItem, openContextMenu } from '../tree.mjs';
import { readDemoSeed, seedKeyWithAlias } from '../emulator.mjs';
import { isRecord } from '../narrow.mjs';
import { ROOT } from '../server.mjs';
import {
  emulatorTags,
  eventually,
  quickPickAsking,
  showTags,
  tagRow,
  untagCalls,
  widenSidebar,
  saveReadmeScreenshot,
} from './steps.mjs';
import { useWorkbench } from './workbench.mjs';

const KEY_TAGS = { Team: 'payments', Environment: 'prod', CostCenter: 'CC-4410', DataClassification: 'Restricted' };
const SECRET = 'prod/payments/db-password/readonly';
const SECRET_TAGS = { Environment: 'prod', Team: 'payments', Access: 'read-only' };

/** The demo seed, with a key policy that lets only the key's own team decrypt, and a secret policy on "Access". */
function seedWithPolicies(): Seed {
  const seed = readDemoSeed();
  const key = seedKeyWithAlias(seed, 'alias/payments-data');
  // The same key policy as the extension-host tier's: only the key's own team may decrypt.
  const keyPolicy: unknown = JSON.parse(
    readFileSync(join(ROOT, 'test', 'fixtures', 'team-only-key-policy.json'), 'utf8'),
  );
  assert.ok(isRecord(keyPolicy), 'the key policy fixture is a policy document');
  key.policy = keyPolicy;
  const secret = seed.regions['us-east-1'].secrets?.find((s) => s.name === SECRET);
  const [statement]: unknown[] =
    isRecord(secret?.policy) && Array.isArray(secret.policy.Statement) ? secret.policy.Statement : [];
  assert.ok(isRecord(statement), `the seed gives ${SECRET} a resource policy`);
  statement.Condition = { StringEquals: { 'secretsmanager:ResourceTag/Access': 'read-only' } };
  return seed;
}

/** The lines of the open modal's message: the access impact first, then the policy's warning and the question. */
async function dialogLines(page: Page): Promise<string[]> {
  await dialog(page).waitFor();
  return (await dialog(page).locator('.dialog-message-text').innerText()).split('\n');
}

async function assertDialogLine(page: Page, pattern: RegExp): Promise<void> {
  const lines = await dialogLines(page);
  assert.ok(
    lines.some((line) => pattern.test(line)),
    `no line matches ${pattern}:\n${lines.join('\n')}`,
  );
}

describe('Policy-aware removal', function () {
  const workbench = useWorkbench();

  it('marks the tag a key policy relies on with a shield, and says so in the confirmation', async function () {
    const { page, emulator } = workbench;
    await emulator.admin('reset', { method: 'POST', body: seedWithPolicies() });
    await showTags(page, 'KMS Keys', 'payments-data');

    // The policy is read in the background once the key is expanded; then the shield replaces the tag icon.
    const team = await tagRow(page, 'payments-data', 'Team');
    await eventually(
      () => team.locator('.codicon-shield').count(),
      (n) => n === 1,
      { what: 'a shield on "Team"' },
    );
    assert.equal(
      await team.getAttribute('aria-label'),
      'Tag Team, value payments, used by the key policy',
      'what a screen reader says',
    );
    const cost = await tagRow(page, 'payments-data', 'CostCenter');
    assert.equal(await cost.locator('.codicon-shield').count(), 0, 'no shield on a tag the policy does not use');
    assert.equal(await cost.locator('.codicon-tag').count(), 1);

    await widenSidebar(page, 400);
    await tagRow(page, 'payments-data', 'Team');
    await openContextMenu(page, 'Team');
    await chooseMenuItem(page, 'Remove Tag');
    await assertDialogLine(
      page,
      /^The key policy of "payments-data" uses "Team" in a condition: removing it changes who may use it\.$/,
    );
    assert.match(await dialog(page).innerText(), /Remove tag "Team" from KMS key "payments-data"\?/);
    await screenshot(page, 'policy-warning-kms');
    await saveReadmeScreenshot(page, 'policy-warning', { also: dialog(page) });
    await pressDialogButton(page, 'Cancel');

    assert.deepEqual(await emulatorTags(emulator, 'key', 'alias/payments-data'), KEY_TAGS);
    assert.deepEqual(await untagCalls(emulator), []);
    assert.equal((await emulator.calls({ operation: 'GetKeyPolicy' })).length > 0, true, 'the key policy was read');
  });

  it('"AWS Tags: Remove Tag" warns the same way about a secret\'s resource policy', async function () {
    const { page, emulator } = workbench;
    await emulator.admin('reset', { method: 'POST', body: seedWithPolicies() });
    await showTags(page, 'Secrets Manager', SECRET);

    await runPaletteCommand(page, 'AWS Tags: Remove Tag');
    await quickPickAsking(page, 'Remove tags from which secret or KMS key?');
    await pickQuickItem(page, SECRET);
    await quickPickAsking(page, `Tags to remove from ${SECRET}`);
    await pickQuickItems(page, ['Access']);
    await assertDialogLine(
      page,
      new RegExp(`^The resource policy of "${SECRET.replace(/\//g, '\\/')}" uses "Access" in a condition`),
    );
    // The role the resource policy names loses GetSecretValue with the tag, and the dialog leads with it.
    assert.match(
      (await dialogLines(page))[0],
      /^Loses access: role\/reporting \(secretsmanager:GetSecretValue, via the resource policy\)$/,
    );
    await screenshot(page, 'policy-warning-secret');
    await pressDialogButton(page, 'Cancel');

    assert.deepEqual(await emulatorTags(emulator, 'secret', SECRET), SECRET_TAGS);
    assert.deepEqual(await untagCalls(emulator), []);
    // The tree marks the tag too, now that the policy has been read.
    const access = await tagRow(page, SECRET, 'Access');
    await eventually(
      () => access.locator('.codicon-shield').count(),
      (n) => n === 1,
      { what: 'a shield on "Access"' },
    );
  });
});
