// Filter by Tag...: from the filter icon in the view's title bar or the palette, a typed `key=value`, key or name
// narrows both groups to the resources that match; Clear Filter (a title button shown only while filtering, or
// the palette) brings everything back.
import assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import { screenshot } from '../browser.mjs';
import { quickInput, quickItem, runPaletteCommand } from '../prompts.mjs';
import { expandTreeItem, findTreeItem, openAwsTagsView, treeChildLabels } from '../tree.mjs';
import { eventually, quickPickAsking, viewTitleButton, widenSidebar, saveReadmeScreenshot } from './steps.mjs';
import { useWorkbench } from './workbench.mjs';

const PAYMENTS_SECRETS = [
  'dev/payments/db-password',
  'prod/payments/db-password',
  'prod/payments/db-password/readonly',
  'prod/payments/stripe-api-key',
  'staging/api/stripe-key',
  'staging/payments/db-password',
];

/** The count shown beside a group ("Secrets Manager" or "KMS Keys"). */
async function groupCount(page: Page, group: string): Promise<string> {
  const row = await findTreeItem(page, group);
  return (await row.locator('.label-description').first().innerText()).trim();
}

function groupCountBecomes(page: Page, group: string, count: string): Promise<string> {
  return eventually(
    () => groupCount(page, group),
    (shown) => shown === count,
    { what: `"${group}" to show ${count}` },
  );
}

function childrenBecome(page: Page, group: string, labels: string[]): Promise<string[]> {
  return eventually(
    async () => (await treeChildLabels(page, group)).sort(),
    (shown) => JSON.stringify(shown) === JSON.stringify([...labels].sort()),
    { what: `"${group}" to list ${JSON.stringify(labels)}` },
  );
}

/** In the open Filter by Tag picker: types `text`, then picks the meaning labelled `meaning` (e.g. "tag Team=payments"). */
async function filterBy(page: Page, text: string, meaning: string, shot?: string): Promise<void> {
  const input = await quickPickAsking(page, 'Tag key, key=value, or text to find in tag values or names');
  await input.fill(text);
  const item = quickItem(page, meaning).first();
  await item.waitFor();
  if (shot) await screenshot(page, shot);
  await item.click();
  await quickInput(page).waitFor({ state: 'hidden' });
}

/** The view's description as VS Code holds it (the header of the "Resources" view). */
function viewDescription(page: Page): Locator {
  return page.locator('.part.sidebar .pane-header .description').first();
}

/** Both groups expanded; returns the counts they show. */
async function showBothGroups(page: Page): Promise<{ secrets: string; keys: string }> {
  await openAwsTagsView(page);
  await expandTreeItem(page, 'KMS Keys');
  await expandTreeItem(page, 'Secrets Manager');
  // The count alone: loaded from AWS, not "30, cached ..." from the last window's listing nor "…, loading".
  const loaded = (group: string) =>
    eventually(
      () => groupCount(page, group),
      (shown) => /^\d+$/.test(shown),
      { what: `the count of "${group}" once listed from AWS` },
    );
  return { secrets: await loaded('Secrets Manager'), keys: await loaded('KMS Keys') };
}

describe('Filter by Tag', function () {
  const workbench = useWorkbench();

  it('narrows both groups to "Team=payments" from the title bar, and Clear Filter brings everything back', async function () {
    const { page } = workbench;
    const all = await showBothGroups(page);
    assert.equal(await viewTitleButton(page, 'Clear Filter').count(), 0, 'no Clear Filter button without a filter');

    await viewTitleButton(page, 'Filter by Tag...').click();
    await filterBy(page, 'Team=payments', 'tag Team=payments', 'filter-picker-typed');

    await groupCountBecomes(page, 'Secrets Manager', String(PAYMENTS_SECRETS.length));
    await childrenBecome(page, 'Secrets Manager', PAYMENTS_SECRETS);
    await groupCountBecomes(page, 'KMS Keys', '1');
    await childrenBecome(page, 'KMS Keys', ['payments-data']);
    await eventually(
      () => viewDescription(page).textContent(),
      (text) => /Filter: tag Team=payments/.test(text ?? ''),
      {
        what: 'the view description to name the filter',
      },
    );
    await screenshot(page, 'filter-team-payments');

    await viewTitleButton(page, 'Clear Filter').click();
    await groupCountBecomes(page, 'Secrets Manager', all.secrets);
    await groupCountBecomes(page, 'KMS Keys', all.keys);
    await eventually(
      () => viewTitleButton(page, 'Clear Filter').count(),
      (n) => n === 0,
      { what: 'the Clear Filter button to go' },
    );
    assert.doesNotMatch((await viewDescription(page).textContent()) ?? '', /Filter/);
    await screenshot(page, 'filter-cleared');
  });

  it('"AWS Tags: Filter by Tag..." filters by tag key, then by name; "AWS Tags: Clear Filter" clears it', async function () {
    const { page } = workbench;
    const all = await showBothGroups(page);

    await runPaletteCommand(page, 'AWS Tags: Filter by Tag...');
    await filterBy(page, 'Compliance', 'tag key Compliance');
    await childrenBecome(page, 'Secrets Manager', [
      'prod/identity/oauth-client-secret',
      'prod/infra/vpn-psk',
      'prod/platform/terraform-state-key',
    ]);
    await childrenBecome(page, 'KMS Keys', ['identity-tokens']);

    await runPaletteCommand(page, 'AWS Tags: Filter by Tag...');
    await filterBy(page, 'stripe', 'name contains "stripe"');
    await childrenBecome(page, 'Secrets Manager', ['prod/payments/stripe-api-key', 'staging/api/stripe-key']);
    await childrenBecome(page, 'KMS Keys', ['No KMS keys match the filter']);
    await screenshot(page, 'filter-by-name');

    await runPaletteCommand(page, 'AWS Tags: Clear Filter');
    await groupCountBecomes(page, 'Secrets Manager', all.secrets);
    await groupCountBecomes(page, 'KMS Keys', all.keys);
  });

  it('shows the active filter where the user can read it', async function () {
    const { page } = workbench;
    await showBothGroups(page);
    await viewTitleButton(page, 'Filter by Tag...').click();
    await filterBy(page, 'Team=payments', 'tag Team=payments');
    await childrenBecome(page, 'Secrets Manager', PAYMENTS_SECRETS);
    await eventually(
      () => viewDescription(page).textContent(),
      (text) => /Filter: tag Team=payments/.test(text ?? ''),
      {
        what: 'the view description to name the filter',
      },
    );
    await widenSidebar(page, 420);
    await saveReadmeScreenshot(page, 'filter');
    // On screen, not only in the DOM: VS Code hides the header of a container's only view (and its description).
    const shown = page
      .locator('.part.sidebar')
      .getByText('Filter: tag Team=payments', { exact: false })
      .filter({ visible: true });
    assert.ok((await shown.count()) > 0, 'the text "Filter: tag Team=payments" is visible in the sidebar');
  });
});
