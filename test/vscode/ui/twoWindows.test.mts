// Two VS Code windows of one user (two workbench pages on one VS Code server, each with its own extension host)
// removing tags at the same moment: the history is one file both append to, so neither loses the other's entry,
// and Restore in either window offers both.
import type { Page } from 'playwright-core';
import { openWorkbench } from '../browser.mjs';
import { pressDialogButton, quickItem, runPaletteCommand } from '../prompts.mjs';
import { chooseMenuItem, openContextMenu } from '../tree.mjs';
import { emulatorTagsBecome, quickPickAsking, showTags, tagRow, type Tags } from './steps.mjs';
import { getHarness, useWorkbench } from './workbench.mjs';

const HISTORY_QUESTION = 'Removed tags to put back (newest first)';
/** A tag one window removes: the secret, the key and its value, and the tags the secret keeps. */
interface Removal {
  secret: string;
  key: string;
  rest: Tags;
  value: string;
}

const FIRST: Removal = {
  secret: 'prod/identity/jwt-signing-key',
  key: 'RotationSchedule',
  rest: { Environment: 'prod', Team: 'identity', Owner: 'José Müller' },
  value: '90d',
};
const SECOND: Removal = {
  secret: 'prod/billing/tax-provider-key',
  key: 'Vendor',
  rest: { Environment: 'prod', Team: 'billing', CostCenter: 'CC-3100' },
  value: 'Avalara',
};

async function startRemoval(page: Page, { secret, key }: Removal): Promise<void> {
  await showTags(page, 'Secrets Manager', secret);
  await tagRow(page, secret, key);
  await openContextMenu(page, key);
  await chooseMenuItem(page, 'Remove Tag');
}

async function offeredByRestore(page: Page, labels: string[]): Promise<void> {
  await runPaletteCommand(page, 'AWS Tags: Restore Removed Tags...');
  await quickPickAsking(page, HISTORY_QUESTION);
  for (const label of labels) await quickItem(page, label).first().waitFor({ timeout: 15_000 });
  await page.keyboard.press('Escape');
}

describe('Two windows', function () {
  const workbench = useWorkbench();

  it('removing tags in two windows at the same moment keeps both in the history; Restore in either offers both', async function () {
    const { page, emulator } = workbench;
    const { browser, server } = getHarness();
    const other = await openWorkbench(browser, server);
    try {
      await Promise.all([startRemoval(page, FIRST), startRemoval(other.page, SECOND)]);
      // Both dialogs are open: confirm them together, so both windows write their history entries at once.
      await Promise.all([pressDialogButton(page, 'Remove'), pressDialogButton(other.page, 'Remove')]);
      await emulatorTagsBecome(emulator, 'secret', FIRST.secret, FIRST.rest);
      await emulatorTagsBecome(emulator, 'secret', SECOND.secret, SECOND.rest);

      const labels = [`${FIRST.key} = ${FIRST.value}`, `${SECOND.key} = ${SECOND.value}`];
      await offeredByRestore(page, labels);
      await offeredByRestore(other.page, labels);
    } finally {
      await other.close().catch(() => {});
    }
  });
});
