// Copy ARN, Copy Tag (`key=value`) and Copy Tags as JSON, read back from the clipboard as a paste would; and Open
// in AWS Console, which VS Code asks about first, showing the URL. Its Copy button gives the exact URL; nothing is
// opened, and the harness refuses any request that would leave 127.0.0.1.
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { clipboardText, screenshot, type WorkbenchWindow } from '../browser.mjs';
import { dialog, pickQuickItem, pressDialogButton, runPaletteCommand } from '../prompts.mjs';
import { chooseMenuItem, menuItemNames, openContextMenu } from '../tree.mjs';
import { emulatorArn, eventually, quickPickAsking, showTags, tagRow } from './steps.mjs';
import { useWorkbench } from './workbench.mjs';

const SECRET = 'prod/payments/stripe-api-key';
const SECRET_TAGS = {
  Environment: 'prod',
  Team: 'payments',
  CostCenter: 'CC-4410',
  DataClassification: 'Confidential',
  Vendor: 'Stripe',
};
const KEY_ID = '9531985d-5d9d-49f8-9818-e811892f902b';
const KEY_TAGS = { Team: 'identity', Environment: 'prod', Compliance: 'SOC2' };

/** Puts a marker on the clipboard, so that a copy that does nothing cannot pass for one that worked. */
async function clearClipboard(page: Page): Promise<void> {
  await page.evaluate(() => navigator.clipboard.writeText('(nothing copied yet)'));
}

/** Waits until the clipboard holds something other than the marker; returns it. */
async function copied(page: Page, what: string): Promise<string> {
  const text = await eventually(
    () => clipboardText(page),
    (value) => value !== '(nothing copied yet)',
    { what: `${what} on the clipboard` },
  );
  await clearClipboard(page);
  return text;
}

/** Chooses an entry of a row's context menu. */
async function fromMenu(page: Page, row: string, entry: string): Promise<void> {
  await openContextMenu(page, row);
  await chooseMenuItem(page, entry);
}

/** Answers the palette's question "<prefix>..." with `resource`. */
async function pickResource(page: Page, prefix: string, resource: string): Promise<void> {
  await quickPickAsking(page, prefix);
  await pickQuickItem(page, resource);
}

/** Requests for an AWS console page (all refused by the harness, which lets nothing leave 127.0.0.1). */
function consoleRequests(window: WorkbenchWindow): string[] {
  return window.blocked.filter((url) => new URL(url).hostname.endsWith('.console.aws.amazon.com'));
}

/** The console page the browser was asked to open (the request never leaves); closes the page opened for it. */
async function consolePageOpened(page: Page, window: WorkbenchWindow): Promise<URL> {
  const [url] = await eventually(
    () => consoleRequests(window),
    (urls) => urls.length > 0,
    { what: 'a console page to be opened' },
  );
  for (const other of page.context().pages()) if (other !== page) await other.close();
  return new URL(url);
}

/** The dialog VS Code shows before opening a website: checks what it says, copies the URL, and returns it. */
async function urlOfOpenDialog(page: Page, shot: string): Promise<string> {
  await dialog(page).waitFor();
  const text = await dialog(page).innerText();
  assert.match(text, /open the external website\?/);
  assert.match(text, /https:\/\/us-east-1\.console\.aws\.amazon\.com\//);
  await screenshot(page, shot);
  await pressDialogButton(page, 'Copy');
  return copied(page, 'the console URL');
}

describe('Copy and Open in AWS Console', function () {
  const workbench = useWorkbench();

  it('copies the ARN, the tags as JSON and one tag from the context menus', async function () {
    const { page, emulator } = workbench;
    await clearClipboard(page);
    await showTags(page, 'Secrets Manager', SECRET);

    await openContextMenu(page, SECRET);
    const names = await menuItemNames(page);
    for (const entry of ['Copy ARN', 'Copy Tags as JSON', 'Open in AWS Console'])
      assert.ok(names.includes(entry), `the resource menu offers ${entry}`);
    await chooseMenuItem(page, 'Copy ARN');
    assert.equal(await copied(page, 'the ARN'), await emulatorArn(emulator, 'secret', SECRET));

    await fromMenu(page, SECRET, 'Copy Tags as JSON');
    assert.deepEqual(JSON.parse(await copied(page, 'the tags')), SECRET_TAGS);

    await tagRow(page, SECRET, 'Vendor');
    await fromMenu(page, 'Vendor', 'Copy Tag');
    assert.equal(await copied(page, 'the tag'), 'Vendor=Stripe');
    await screenshot(page, 'copy-from-menus');
  });

  it('copies from the palette after asking for the resource (and the tag)', async function () {
    const { page, emulator } = workbench;
    await clearClipboard(page);
    await showTags(page, 'KMS Keys', 'identity-tokens');

    await runPaletteCommand(page, 'AWS Tags: Copy ARN');
    await pickResource(page, 'Copy the ARN of which secret or KMS key?', 'identity-tokens');
    assert.equal(await copied(page, 'the ARN'), await emulatorArn(emulator, 'key', KEY_ID));

    await runPaletteCommand(page, 'AWS Tags: Copy Tags as JSON');
    await pickResource(page, 'Copy the tags of which secret or KMS key?', 'identity-tokens');
    assert.deepEqual(JSON.parse(await copied(page, 'the tags')), KEY_TAGS);

    await runPaletteCommand(page, 'AWS Tags: Copy Tag');
    await pickResource(page, 'Copy a tag of which secret or KMS key?', 'identity-tokens');
    await quickPickAsking(page, 'Tag to copy as key=value');
    await pickQuickItem(page, 'Compliance');
    assert.equal(await copied(page, 'the tag'), 'Compliance=SOC2');
  });

  it('Open in AWS Console asks first, then opens the console page of the secret (refused before it leaves)', async function () {
    const { page, window } = workbench;
    await showTags(page, 'Secrets Manager', SECRET);

    await fromMenu(page, SECRET, 'Open in AWS Console');
    await dialog(page).waitFor();
    assert.match(await dialog(page).innerText(), /open the external website\?/);
    await screenshot(page, 'open-console-secret-dialog');
    await pressDialogButton(page, 'Open');
    const url = await consolePageOpened(page, window);
    assert.equal(`${url.origin}${url.pathname}`, 'https://us-east-1.console.aws.amazon.com/secretsmanager/secret');
    assert.deepEqual(
      Object.fromEntries(url.searchParams),
      { name: SECRET, region: 'us-east-1' },
      `the console is asked for "${SECRET}" (${url})`,
    );
  });

  it('"AWS Tags: Open in AWS Console" asks for the resource; the dialog shows the console URL of the KMS key', async function () {
    const { page, window } = workbench;
    await clearClipboard(page);
    await showTags(page, 'KMS Keys', 'identity-tokens');

    // Copy in VS Code's dialog gives the URL it would open.
    await runPaletteCommand(page, 'AWS Tags: Open in AWS Console');
    await pickResource(page, 'Open which secret or KMS key in the AWS console?', 'identity-tokens');
    assert.equal(
      await urlOfOpenDialog(page, 'open-console-key-dialog'),
      `https://us-east-1.console.aws.amazon.com/kms/home?region=us-east-1#/kms/keys/${KEY_ID}`,
    );

    // Cancel opens nothing.
    await runPaletteCommand(page, 'AWS Tags: Open in AWS Console');
    await pickResource(page, 'Open which secret or KMS key in the AWS console?', SECRET);
    await dialog(page).waitFor();
    await pressDialogButton(page, 'Cancel');
    assert.deepEqual(consoleRequests(window), [], 'no console page was requested');
    assert.equal(page.context().pages().length, 1, 'no page was opened');
  });

  it('opens the console page of a secret whose name has a "+" (which a query string reads as a space)', async function () {
    const { page, window } = workbench;
    const ETL = 'prod/data/warehouse+etl';
    await showTags(page, 'Secrets Manager', ETL);

    await fromMenu(page, ETL, 'Open in AWS Console');
    await pressDialogButton(page, 'Open');
    const url = await consolePageOpened(page, window);
    assert.equal(url.searchParams.get('name'), ETL, `the console is asked for "${ETL}" (${url})`);
  });
});
