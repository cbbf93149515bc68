// Access impact as a person meets it: right-click Remove Tag on a secret's Team tag, and the dialog says, before
// anything changes, which role loses which action through which policy. Show Access Impact opens the report.
import assert from 'node:assert/strict';
import { screenshot } from '../browser.mjs';
import { dialog, pickQuickItem, pressDialogButton, runPaletteCommand } from '../prompts.mjs';
import { chooseMenuItem, openContextMenu } from '../tree.mjs';
import { emulatorTags, quickPickAsking, showTags, tagRow, widenSidebar } from './steps.mjs';
import { useWorkbench } from './workbench.mjs';

const SECRET = 'prod/payments/stripe-api-key';

describe('Access impact', function () {
  const workbench = useWorkbench();

  it('the Remove Tag dialog names the role that loses access, and Cancel keeps the tag', async function () {
    const { page, emulator } = workbench;
    await showTags(page, 'Secrets Manager', SECRET);
    await widenSidebar(page, 460);
    await tagRow(page, SECRET, 'Team');
    await openContextMenu(page, 'Team');
    await chooseMenuItem(page, 'Remove Tag');
    await dialog(page).waitFor({ timeout: 30_000 });
    const text = await dialog(page).innerText();
    assert.match(
      text,
      /Loses access: role\/payments-app \(secretsmanager:GetSecretValue, secretsmanager:DescribeSecret, via policy payments-abac\)/,
    );
    assert.match(text, /Loses access: role\/deploy-ci \(secretsmanager:PutSecretValue, secretsmanager:UpdateSecret/);
    assert.doesNotMatch(text, /auditor/, 'a role whose access does not depend on the tag is not named');
    await screenshot(page, 'access-impact-confirm');
    await pressDialogButton(page, 'Cancel');
    assert.equal((await emulatorTags(emulator, 'secret', SECRET)).Team, 'payments');
  });

  it('Show Access Impact opens a read-only report with the deciding statement', async function () {
    const { page } = workbench;
    await showTags(page, 'Secrets Manager', SECRET);
    await tagRow(page, SECRET, 'Team');
    await openContextMenu(page, 'Team');
    await chooseMenuItem(page, 'Show Access Impact');
    const editor = page.locator('.editor-instance .view-lines');
    await editor.getByText('role/payments-app', { exact: false }).first().waitFor({ timeout: 30_000 });
    // The editor draws spaces as no-break spaces.
    const report = (await editor.innerText()).replace(/\u00a0/g, ' ');
    assert.match(report, /Access that depends on tag "Team" = "payments" of secret "prod\/payments\/stripe-api-key"/);
    assert.match(
      report,
      /loses secretsmanager:GetSecretValue: allowed now by policy payments-abac, statement ReadTeamSecrets/,
    );
    await screenshot(page, 'access-impact-report');
  });

  it('"AWS Tags: Show Access Impact" from the palette asks for the resource and the tag', async function () {
    const { page } = workbench;
    await showTags(page, 'Secrets Manager', SECRET);
    await runPaletteCommand(page, 'AWS Tags: Show Access Impact');
    await quickPickAsking(page, 'Show the access impact of a tag of which secret or KMS key?');
    await pickQuickItem(page, SECRET);
    await quickPickAsking(page, `Tag of ${SECRET}`);
    await pickQuickItem(page, 'Team');
    const editor = page.locator('.editor-instance .view-lines');
    await editor.getByText('role/payments-app', { exact: false }).first().waitFor({ timeout: 30_000 });
    const report = (await editor.innerText()).replace(/\u00a0/g, ' ');
    assert.match(report, /role\/payments-app\n {2}loses secretsmanager:GetSecretValue/);
  });
});
