// Several regions side by side: Select Region... (the globe in the view's title bar, or the palette) with two
// regions ticked gives one root per profile and region, each with its account ID, each listing its own
// resources. The choice is a user setting, which outlives the window: the test puts it back through the same
// picker, and a hook restores the settings file should the test stop half-way.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Page } from 'playwright-core';
import { screenshot } from '../browser.mjs';
import { quickInput, quickItem, runPaletteCommand } from '../prompts.mjs';
import { expandTreeItem, findTreeItem, openAwsTagsView, treeChildLabels, treeItem } from '../tree.mjs';
import { eventually, quickPickAsking, viewTitleButton, widenSidebar, saveReadmeScreenshot } from './steps.mjs';
import { getHarness, useWorkbench } from './workbench.mjs';

const ACCOUNT = '123456789012';
const FROM_PROFILE = '(profile or environment region)';
const US = `default · us-east-1`;
const EU = `default · eu-west-1`;

/** In the open multi-select quick pick: ticks or unticks each label as given, then accepts. */
async function setTicks(page: Page, ticks: Record<string, boolean>): Promise<void> {
  const input = quickInput(page).locator('input').first();
  for (const [label, want] of Object.entries(ticks)) {
    await input.fill(label);
    const row = quickItem(page, label).first();
    await row.waitFor();
    if ((await row.getAttribute('aria-checked')) !== String(want))
      await row.locator('.monaco-checkbox').first().click();
    await eventually(
      () => row.getAttribute('aria-checked'),
      (checked) => checked === String(want),
      { what: `"${label}" to be ${want ? 'ticked' : 'unticked'}` },
    );
  }
  await input.fill('');
  await input.press('Enter');
  await quickInput(page).waitFor({ state: 'hidden' });
}

/** The account shown beside a root node. */
async function rootDescription(page: Page, label: string): Promise<string> {
  const row = await findTreeItem(page, label);
  return (await row.locator('.label-description').first().innerText()).trim();
}

describe('Regions side by side', function () {
  // The server's user settings file, where Select Region writes (VS Code keeps it for every window of the server).
  const settingsFile = () => join(dirname(getHarness().server.logsDir), 'User', 'settings.json');
  let saved: string | undefined;
  beforeEach(function () {
    saved = existsSync(settingsFile()) ? readFileSync(settingsFile(), 'utf8') : undefined;
  });
  const workbench = useWorkbench();
  afterEach(function () {
    if (saved !== undefined && readFileSync(settingsFile(), 'utf8') !== saved) writeFileSync(settingsFile(), saved);
  });

  it('shows us-east-1 and eu-west-1 as two roots with the account ID, each with its own resources', async function () {
    const { page } = workbench;
    await openAwsTagsView(page);
    await treeItem(page, 'Secrets Manager').first().waitFor();
    assert.equal(await treeItem(page, US).count(), 0, 'one region: the groups are the roots');

    await viewTitleButton(page, 'Select Region...').click();
    await quickPickAsking(page, 'Regions to show (several are shown side by side)');
    await setTicks(page, { [FROM_PROFILE]: false, 'us-east-1': true, 'eu-west-1': true });

    await treeItem(page, US).first().waitFor({ timeout: 20_000 });
    await treeItem(page, EU).first().waitFor({ timeout: 20_000 });
    await eventually(
      () => rootDescription(page, US),
      (text) => text === ACCOUNT,
      { what: `the account ID beside ${US}` },
    );
    await eventually(
      () => rootDescription(page, EU),
      (text) => text === ACCOUNT,
      { what: `the account ID beside ${EU}` },
    );
    assert.deepEqual(await treeChildLabels(page, EU), ['Secrets Manager', 'KMS Keys']);

    // With us-east-1 folded away, the groups on screen are eu-west-1's.
    const us = await findTreeItem(page, US);
    await us.locator('.monaco-tl-twistie').click();
    await eventually(
      () => us.getAttribute('aria-expanded'),
      (value) => value === 'false',
      { what: `${US} to fold` },
    );
    await expandTreeItem(page, 'Secrets Manager');
    await expandTreeItem(page, 'KMS Keys');
    await eventually(
      async () => (await treeChildLabels(page, 'Secrets Manager')).sort(),
      (labels) =>
        JSON.stringify(labels) ===
        JSON.stringify([
          'eu-legacy-ftp-password',
          'prod/growth/segment-write-key',
          'prod/identity-eu/saml-certificate',
          'prod/payments-eu/db-password',
          'staging/gdpr/export-signing-key',
        ]),
      { what: "eu-west-1's secrets" },
    );
    await eventually(
      () => treeChildLabels(page, 'KMS Keys'),
      (labels) => JSON.stringify(labels) === JSON.stringify(['payments-data-eu']),
      {
        what: "eu-west-1's KMS keys",
      },
    );
    await widenSidebar(page, 420);
    await screenshot(page, 'scopes-two-regions');
    await saveReadmeScreenshot(page, 'scopes', { height: 260 });

    // Back to one region, from the palette this time: the groups are the roots again.
    await runPaletteCommand(page, 'AWS Tags: Select Region...');
    await quickPickAsking(page, 'Regions to show (several are shown side by side)');
    await setTicks(page, { 'us-east-1': false, 'eu-west-1': false, [FROM_PROFILE]: true });
    await eventually(
      async () => (await treeItem(page, US).count()) + (await treeItem(page, EU).count()),
      (n) => n === 0,
      { what: 'the root nodes to go' },
    );
    await treeItem(page, 'Secrets Manager').first().waitFor();
    assert.doesNotMatch(
      readFileSync(settingsFile(), 'utf8'),
      /awsTags\.region/,
      'the region settings are back to their defaults',
    );
  });
});
