// Identity Center accounts without profiles, as a person does it: after `aws sso login --sso-session corp` (here a
// token written where the CLI caches it), Select Identity Center Accounts... from the view's "..." menu, tick two
// accounts, choose a role where there are two, and see one root per account with its account ID. The choice is a
// machine setting that outlives the window: a hook puts the settings file and the AWS config back.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Page } from 'playwright-core';
import { screenshot } from '../browser.mjs';
import { SSO_ACCOUNTS } from '../../emulator/test-seeds.js';
import { readDemoSeed } from '../emulator.mjs';
import { pickQuickItem, pickQuickItems, quickItem } from '../prompts.mjs';
import { chooseMenuItem, findTreeItem, openAwsTagsView, treeItem } from '../tree.mjs';
import { eventually, openViewTitleMenu, quickPickAsking, saveReadmeScreenshot, widenSidebar } from './steps.mjs';
import { getHarness, useWorkbench } from './workbench.mjs';

const TOKEN = 'ui-identity-center-token';
const PROD = 'corp/111111111111/ReadOnly · us-east-1';
const DEV = 'corp/222222222222/Developer · us-east-1';

async function rootDescription(page: Page, label: string): Promise<string> {
  const row = await findTreeItem(page, label);
  return (await row.locator('.label-description').first().innerText()).trim();
}

describe('Identity Center accounts', function () {
  // A machine setting: in a window of the server, VS Code writes it to the server's machine settings.
  const settingsFile = () => getHarness().server.machineSettingsFile;
  const configFile = () => join(getHarness().home, '.aws', 'config');
  const tokenFile = () =>
    join(getHarness().home, '.aws', 'sso', 'cache', `${createHash('sha1').update('corp').digest('hex')}.json`);
  let saved: { settings?: string; config?: string } = {};
  const workbench = useWorkbench();
  beforeEach(async function () {
    const read = (file: string) => (existsSync(file) ? readFileSync(file, 'utf8') : undefined);
    saved = { settings: read(settingsFile()), config: read(configFile()) };
    await workbench.emulator.admin('reset', {
      method: 'POST',
      body: {
        ...readDemoSeed(),
        sso: {
          tokens: [{ accessToken: TOKEN, userName: 'ana@example.com' }],
          accounts: SSO_ACCOUNTS,
        },
      },
    });
    writeFileSync(
      configFile(),
      '[sso-session corp]\nsso_start_url = https://example.awsapps.com/start\nsso_region = us-east-1\n',
    );
    mkdirSync(dirname(tokenFile()), { recursive: true });
    const expiresAt = new Date(Date.now() + 3_600_000).toISOString();
    writeFileSync(tokenFile(), JSON.stringify({ accessToken: TOKEN, expiresAt }));
  });
  afterEach(function () {
    if (saved.settings !== undefined) writeFileSync(settingsFile(), saved.settings);
    else rmSync(settingsFile(), { force: true });
    writeFileSync(configFile(), saved.config ?? '');
    rmSync(tokenFile(), { force: true });
  });

  it('picks two accounts and a role from the "..." menu, and shows each as a root with its account ID', async function () {
    const { page } = workbench;
    await openAwsTagsView(page);
    await treeItem(page, 'Secrets Manager').first().waitFor();

    await openViewTitleMenu(page);
    await chooseMenuItem(page, 'Select Identity Center Accounts...');
    await quickPickAsking(page, 'Accounts to show from corp');
    await quickItem(page, 'tools').first().waitFor();
    await pickQuickItems(page, ['prod', 'dev']);
    // prod has two roles: asked; dev has one: taken.
    await quickPickAsking(page, 'Role to use in prod (111111111111)');
    await pickQuickItem(page, 'ReadOnly');

    await treeItem(page, PROD).first().waitFor({ timeout: 20_000 });
    await treeItem(page, DEV).first().waitFor({ timeout: 20_000 });
    for (const [label, account] of [
      [PROD, '111111111111'],
      [DEV, '222222222222'],
    ]) {
      await eventually(
        () => rootDescription(page, label),
        (text) => text === account,
        { what: `the account ID beside ${label}` },
      );
    }
    assert.equal(await treeItem(page, 'default · us-east-1').count(), 0, 'the default chain is not shown beside them');
    const settings = JSON.parse(readFileSync(settingsFile(), 'utf8')) as Record<string, unknown>;
    assert.deepEqual(settings['awsTags.identityCenterAccounts'], [
      { ssoSession: 'corp', accountId: '111111111111', roleName: 'ReadOnly' },
      { ssoSession: 'corp', accountId: '222222222222', roleName: 'Developer' },
    ]);
    await widenSidebar(page, 420);
    await screenshot(page, 'identity-center-accounts');
    await saveReadmeScreenshot(page, 'identity-center', { height: 260 });
  });
});
