// A profile whose credential_process fails with a token in its command line and in its stderr. The AWS SDK puts
// both in its error; in the running extension neither may reach the log, the tree (labels, descriptions,
// tooltips), a message or the history.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TreeNode } from '../../../src/tree/node';
import {
  api as extensionApi,
  captureMessages,
  children,
  emulatorCredentials,
  label,
  reset,
  writeAwsFiles,
} from './helpers';
import { suiteSeed } from './seed';

const ARG_TOKEN = 'FAKE-ARG-TOKEN-5d1c77';
const STDERR_TOKEN = 'FAKE-STDERR-TOKEN-e04b9a';
const LOG_METHODS = ['trace', 'debug', 'info', 'warn', 'error', 'appendLine', 'append'] as const;

/** A working profile beside the leaky one, so that the leaky one gets a root row (with a tooltip) of its own. */
function withLeakyProfile(): () => void {
  return writeAwsFiles({
    config:
      '[profile emulator]\nregion = us-east-1\n' +
      `[profile leaky]\nregion = us-east-1\ncredential_process = sh -c "echo ${STDERR_TOKEN} >&2; exit 3" ${ARG_TOKEN}\n`,
    credentials: emulatorCredentials('emulator'),
  });
}

/** Everything the extension writes to its output channel while the test runs. */
function captureLog(log: vscode.LogOutputChannel): { lines: string[]; restore: () => void } {
  const lines: string[] = [];
  const target = log as unknown as Record<string, (...args: unknown[]) => void>;
  // The channel's methods may be its own properties or inherited: put back exactly what was there.
  const saved = LOG_METHODS.map((name) => [name, target[name], Object.getOwnPropertyDescriptor(target, name)] as const);
  for (const [name, original] of saved) {
    target[name] = (...args: unknown[]) => {
      lines.push(args.map((a) => (a instanceof Error ? `${a.message} ${a.stack}` : String(a))).join(' '));
      original.apply(log, args);
    };
  }
  const restore = () =>
    saved.forEach(([name, , own]) => (own ? Object.defineProperty(target, name, own) : delete target[name]));
  return { lines, restore };
}

function itemTexts(node: TreeNode): string[] {
  const item = node.getTreeItem();
  const tooltip = item.tooltip instanceof vscode.MarkdownString ? item.tooltip.value : item.tooltip;
  return [label(node), String(item.description ?? ''), String(tooltip ?? '')];
}

suite('a failing credential_process', () => {
  const config = () => vscode.workspace.getConfiguration('awsTags');
  teardown(async () => {
    await config().update('profiles', undefined, vscode.ConfigurationTarget.Global);
  });

  test('its command line and stderr reach no log, tree item, message or history', async () => {
    const extension = await extensionApi();
    const restoreProfile = withLeakyProfile();
    const log = captureLog(extension.deps.log);
    const messages = captureMessages();
    try {
      const api = await reset(suiteSeed());
      await config().update('profiles', ['emulator', 'leaky'], vscode.ConfigurationTarget.Global);
      await api.deps.connections.ready();
      await vscode.commands.executeCommand('awsTags.refresh');
      await api.deps.connections.ready();

      const shown: string[] = [];
      for (const root of await children(api)) {
        shown.push(...itemTexts(root));
        for (const child of await children(api, root)) shown.push(...itemTexts(child));
      }
      assert.ok(
        shown.some((text) => text.startsWith('leaky')),
        `the leaky profile has a row: ${shown.join(' | ')}`,
      );
      const problem = api.deps.connections.entries.find((e) => e.scope.profile === 'leaky')?.problem;
      assert.equal(problem?.kind, 'noCredentials', 'the profile is shown as lacking credentials');
      assert.ok(
        log.lines.some((line) => line.includes('credential_process') || line.includes('leaky')),
        `the failure is logged: ${log.lines.join('\n')}`,
      );
      const history = JSON.stringify(await api.deps.history.list());
      const everything = [...shown, ...log.lines, ...messages.shown.map((m) => `${m.message} ${m.detail ?? ''}`)];
      for (const text of [...everything, history]) {
        assert.ok(!text.includes(ARG_TOKEN) && !text.includes(STDERR_TOKEN), `a token leaked into: ${text}`);
      }
    } finally {
      messages.restore();
      log.restore();
      restoreProfile();
    }
  });
});
