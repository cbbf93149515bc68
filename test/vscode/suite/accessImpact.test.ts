// Access impact in the running extension: the confirmations of Remove Tag and Add Tag say which role loses or gains
// access, Show Access Impact opens a read-only report, and without the IAM permission the removal still works and
// says why the impact is missing.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { Seed } from '../../emulator/types';
import { admin, answerInputBoxes, captureMessages, find, reset } from './helpers';
import { suiteSeed } from './seed';

const abac = {
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Action: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'],
      Resource: '*',
      Condition: { StringEquals: { 'secretsmanager:ResourceTag/Team': 'payments' } },
    },
  ],
};

function seedWithRoles(): Seed {
  return {
    ...suiteSeed(),
    iam: {
      roles: [
        { name: 'payments-app', inlinePolicies: { 'payments-abac': abac } },
        {
          name: 'auditor',
          inlinePolicies: {
            describe: {
              Version: '2012-10-17',
              Statement: [{ Effect: 'Allow', Action: 'secretsmanager:Describe*', Resource: '*' }],
            },
          },
        },
      ],
    },
  };
}

suite('access impact', () => {
  test('Remove Tag names the role that loses access before anything changes; declining changes nothing', async () => {
    const api = await reset(seedWithRoles());
    const messages = captureMessages(null);
    try {
      await vscode.commands.executeCommand('awsTags.removeTag', await find(api, 'Secrets Manager', 'prod/db', 'Team'));
    } finally {
      messages.restore();
    }
    const modal = messages.shown.find((m) => m.modal);
    assert.match(
      modal?.message.split('\n')[0] ?? '',
      /^Loses access: role\/payments-app \(secretsmanager:GetSecretValue, secretsmanager:DescribeSecret, via policy payments-abac\)$/,
    );
    assert.doesNotMatch(modal?.message ?? '', /auditor/);
    assert.match(modal?.detail ?? '', /Evaluated 2 roles, 0 users in account 123456789012/);
    const tags = await admin<{ tags: Record<string, string> }>('GET', 'secret-tags?id=prod/db');
    assert.equal(tags.tags.Team, 'payments', 'declined: the tag stays');
  });

  test('Edit Tag Value asks first when the new value gives a role access, and the write waits for the answer', async () => {
    const api = await reset(seedWithRoles());
    const inputs = answerInputBoxes(['payments']);
    const messages = captureMessages(null);
    try {
      await vscode.commands.executeCommand(
        'awsTags.editTagValue',
        await find(api, 'Secrets Manager', 'staging/api', 'Team'),
      );
    } finally {
      messages.restore();
      inputs.restore();
    }
    const modal = messages.shown.find((m) => m.modal);
    assert.match(modal?.message ?? '', /^Gains access: role\/payments-app \(secretsmanager:GetSecretValue/);
    const tags = await admin<{ tags: Record<string, string> }>('GET', 'secret-tags?id=staging/api');
    assert.equal(tags.tags.Team, 'web', 'declined: the value stays');
  });

  test('Show Access Impact opens a read-only report naming the role and the statement', async () => {
    const api = await reset(seedWithRoles());
    await vscode.commands.executeCommand(
      'awsTags.showAccessImpact',
      await find(api, 'Secrets Manager', 'prod/db', 'Team'),
    );
    const editor = vscode.window.activeTextEditor;
    assert.equal(editor?.document.uri.scheme, 'aws-tags-impact');
    const text = editor?.document.getText() ?? '';
    assert.match(text, /^Access that depends on tag "Team" = "payments" of secret "prod\/db"/);
    assert.match(
      text,
      /role\/payments-app\n {2}loses secretsmanager:GetSecretValue: allowed now by policy payments-abac/,
    );
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  test('without iam:GetAccountAuthorizationDetails the confirmation says why, and the removal works', async () => {
    const api = await reset(seedWithRoles());
    await admin('POST', 'allow-only', { actions: ['secretsmanager:*', 'kms:*'] });
    const messages = captureMessages('Remove');
    try {
      await vscode.commands.executeCommand('awsTags.removeTag', await find(api, 'Secrets Manager', 'prod/db', 'Team'));
    } finally {
      messages.restore();
      await admin('DELETE', 'allow-only');
    }
    const modal = messages.shown.find((m) => m.modal);
    assert.match(modal?.message ?? '', /^Access impact could not be computed: .*iam:GetAccountAuthorizationDetails/);
    const tags = await admin<{ tags: Record<string, string> }>('GET', 'secret-tags?id=prod/db');
    assert.equal(tags.tags.Team, undefined, 'removed');
  });

  test('an IAM that does not answer holds the confirmation at most 8 s, and says the impact is still loading', async function () {
    this.timeout(40_000);
    const api = await reset(seedWithRoles());
    await admin('POST', 'faults', {
      service: 'iam',
      operation: 'GetAccountAuthorizationDetails',
      action: 'hang',
      hangMs: 20_000,
    });
    const messages = captureMessages(null);
    const started = Date.now();
    try {
      await vscode.commands.executeCommand('awsTags.removeTag', await find(api, 'Secrets Manager', 'prod/db', 'Team'));
    } finally {
      messages.restore();
      await admin('DELETE', 'faults');
    }
    const waited = Date.now() - started;
    assert.ok(waited < 12_000, `the dialog came after ${waited} ms`);
    assert.match(
      messages.shown.find((m) => m.modal)?.message ?? '',
      /^Access impact could not be computed: IAM's roles and users are still loading/,
    );
  });
});
