// Remove Tag Key Everywhere...: one key off every secret and KMS key that carries it. The user sees the carriers
// (all ticked), may untick some, confirms once, and the summary counts what was removed. AWS (the emulator) must
// then hold exactly the same tags as before, less that key on the ticked resources.
import assert from 'node:assert/strict';
import { screenshot } from '../browser.mjs';
import {
  dialog,
  pickQuickItem,
  pressDialogButton,
  quickInput,
  quickItem,
  runPaletteCommand,
  waitForNotification,
} from '../prompts.mjs';
import { chooseMenuItem, openContextMenu } from '../tree.mjs';
import type { Page } from 'playwright-core';
import type { EmulatorHandle } from '../emulator.mjs';
import {
  emulatorTagsEverywhere,
  eventually,
  quickPickAsking,
  showTags,
  tagRow,
  treeTagsBecome,
  type Tags,
} from './steps.mjs';
import { useWorkbench } from './workbench.mjs';

/** Every resource's tags, keyed as emulatorTagsEverywhere keys them. */
type TagsEverywhere = Record<string, Tags>;

/** `before` with `key` taken off the entries (see emulatorTagsEverywhere) that `removedFrom` accepts. */
function withoutKey(before: TagsEverywhere, key: string, removedFrom: (id: string) => boolean): TagsEverywhere {
  return Object.fromEntries(
    Object.entries(before).map(([id, tags]) => [
      id,
      removedFrom(id) ? Object.fromEntries(Object.entries(tags).filter(([k]) => k !== key)) : tags,
    ]),
  );
}

function carriersOf(tags: TagsEverywhere, key: string): string[] {
  return Object.keys(tags).filter((id) => key in tags[id]);
}

/** The labels of the rows of the open quick pick, with whether each is ticked. */
async function quickPickRows(page: Page): Promise<Array<[label: string, checked: string | null]>> {
  return quickInput(page)
    .locator('.monaco-list-row')
    .evaluateAll((rows) =>
      rows.map((row): [string, string | null] => [
        row.querySelector('.label-name')?.textContent ?? '',
        row.getAttribute('aria-checked'),
      ]),
    );
}

async function waitForEmulator(emulator: EmulatorHandle, expected: TagsEverywhere, what: string): Promise<void> {
  await eventually(
    () => emulatorTagsEverywhere(emulator),
    (tags) => JSON.stringify(tags) === JSON.stringify(expected),
    { what, timeout: 20_000 },
  );
}

describe('Remove Tag Key Everywhere', function () {
  const workbench = useWorkbench();

  it('removes a key from every secret and KMS key that carries it, from the tag context menu', async function () {
    const { page, emulator } = workbench;
    const SECRET = 'prod/payments/db-password';
    const before = await emulatorTagsEverywhere(emulator);
    const carriers = carriersOf(before, 'Project');
    // Secrets and a KMS key alike (few keys: KMS allows 5 UntagResource calls a second).
    assert.deepEqual(carriers.map((id) => id.split(' ')[1]).sort(), ['key', 'secret', 'secret', 'secret', 'secret']);
    await showTags(page, 'Secrets Manager', SECRET);

    await tagRow(page, SECRET, 'Project');
    await openContextMenu(page, 'Project');
    await chooseMenuItem(page, 'Remove Tag Key Everywhere...');
    await quickPickAsking(page, 'Remove "Project" from these 5 resources (deselect any to keep)');
    const rows = await quickPickRows(page);
    assert.deepEqual(rows.map(([label]) => label).sort(), [
      'data-warehouse',
      'prod/data/warehouse+etl',
      'prod/payments/db-password',
      'prod/platform/terraform-state-key',
      'prod/risk/fraud-model-api',
    ]);
    assert.ok(
      rows.every(([, checked]) => checked === 'true'),
      `every carrier starts ticked: ${JSON.stringify(rows)}`,
    );
    await screenshot(page, 'bulk-carriers');
    await quickInput(page).locator('input').first().press('Enter');

    await dialog(page).waitFor();
    assert.match(await dialog(page).innerText(), /Remove 5 tags from 5 resources\?/);
    await screenshot(page, 'bulk-confirm');
    await pressDialogButton(page, 'Remove');

    await waitForEmulator(
      emulator,
      withoutKey(before, 'Project', () => true),
      'Project to be gone from every carrier, nothing else changed',
    );
    await waitForNotification(page, 'Removed 5 tags from 5 resources.');
    await treeTagsBecome(page, SECRET, ['Environment', 'Team', 'CostCenter', 'Owner', 'DataClassification']);
    await screenshot(page, 'bulk-done');
  });

  it('"AWS Tags: Remove Tag Key Everywhere..." asks for the key, and keeps the resources unticked', async function () {
    const { page, emulator } = workbench;
    const KEEP = 'prod/infra/vpn-psk';
    const before = await emulatorTagsEverywhere(emulator);
    assert.equal(
      carriersOf(before, 'Compliance').length,
      4 + 2,
      'Compliance: 4 carriers in us-east-1, 2 in eu-west-1 (not shown)',
    );
    await showTags(page, 'Secrets Manager', KEEP);

    await runPaletteCommand(page, 'AWS Tags: Remove Tag Key Everywhere...');
    await quickPickAsking(page, 'Tag key to remove from every resource that carries it');
    const keyItem = quickItem(page, 'Compliance').first();
    await keyItem.waitFor();
    assert.match(await keyItem.innerText(), /on 4 resources/);
    await pickQuickItem(page, 'Compliance');

    await quickPickAsking(page, 'Remove "Compliance" from these 4 resources (deselect any to keep)');
    const keep = quickItem(page, KEEP).first();
    await keep.waitFor();
    await keep.locator('.monaco-checkbox').first().click();
    await eventually(
      () => keep.getAttribute('aria-checked'),
      (checked) => checked === 'false',
      { what: `${KEEP} to be unticked` },
    );
    await quickInput(page).locator('input').first().press('Enter');

    await dialog(page).waitFor();
    assert.match(await dialog(page).innerText(), /Remove 3 tags from 3 resources\?/);
    assert.doesNotMatch(await dialog(page).innerText(), /vpn-psk/);
    await pressDialogButton(page, 'Remove');

    const removedFrom = (id: string) => id.startsWith('us-east-1 ') && id !== `us-east-1 secret ${KEEP}`;
    await waitForEmulator(
      emulator,
      withoutKey(before, 'Compliance', removedFrom),
      'Compliance to be gone from the 3 ticked resources only',
    );
    await waitForNotification(page, 'Removed 3 tags from 3 resources.');
    await treeTagsBecome(page, KEEP, ['Environment', 'Team', 'DataClassification', 'Compliance']);
  });
});
