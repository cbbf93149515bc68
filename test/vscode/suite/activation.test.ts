import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

suite('activation', () => {
  test('the extension is present and activates', async () => {
    const extension = vscode.extensions.getExtension('aws-tags.aws-tags');
    assert.ok(extension, 'aws-tags.aws-tags is not loaded');
    await extension.activate();
    assert.equal(extension.isActive, true);
  });

  test('Remove Tag is a registered command', async () => {
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes('awsTags.removeTag'));
  });
});
