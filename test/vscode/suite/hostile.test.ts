// Hostile tag keys, values, descriptions and secret names through the real tree, dialogs, input boxes and quick
// picks: everything is shown literally (control characters escaped), nothing is rendered as markdown or run.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TreeNode } from '../../../src/tree/node';
import type { Seed } from '../../emulator/types';
import {
  admin,
  answerInputBoxes,
  answerQuickPick,
  calls,
  captureMessages,
  children,
  find,
  label,
  reset,
} from './helpers';
import { suiteSeed } from './seed';

const KEY_HOSTILE = 'dddddddd-4444-4444-8444-444444444444';
const HOSTILE_NAME = 'team/app+v2=blue@prod';
// C0/C1 controls, line and paragraph separators, and bidirectional overrides (which can disguise one name as another).
const RAW_CONTROL = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
const HOSTILE_TEXT = '**bold** <img src=x onerror=alert(1)> [quit](command:workbench.action.quit)\n\u001b[31mred';

/** Raw key -> [key as shown, value as shown], written out by hand rather than computed by the code under test. */
const KEY_TAGS: Record<string, { value: string; shownKey: string; shownValue: string }> = {
  '**md**': {
    value: '**x** [link](command:workbench.action.quit)',
    shownKey: '**md**',
    shownValue: '**x** [link](command:workbench.action.quit)',
  },
  '<img src=x onerror=alert(1)>': {
    value: '<script>alert(1)</script>',
    shownKey: '<img src=x onerror=alert(1)>',
    shownValue: '<script>alert(1)</script>',
  },
  'ansi\u001b[31m': {
    value: '\u001b[31mred\u001b[0m',
    shownKey: 'ansi\\u001b[31m',
    shownValue: '\\u001b[31mred\\u001b[0m',
  },
  'multi\nline': {
    value: 'line1\nRead-only: forged',
    shownKey: 'multi\\nline',
    shownValue: 'line1\\nRead-only: forged',
  },
  '$(alert) icon': { value: '$(zap) value', shownKey: '$(alert) icon', shownValue: '$(zap) value' },
  'emoji 🔑': { value: '🔑', shownKey: 'emoji 🔑', shownValue: '🔑' },
  'c1\u009b31m\u2028': { value: '', shownKey: 'c1\\u009b31m\\u2028', shownValue: '(empty value)' },
  'invoice\u202egpj.exe': { value: 'a\u2066b', shownKey: 'invoice\\u202egpj.exe', shownValue: 'a\\u2066b' },
};

function hostileSeed(): Seed {
  const seed = suiteSeed();
  const region = seed.regions['us-east-1'];
  region.secrets!.push(
    {
      name: HOSTILE_NAME,
      description: HOSTILE_TEXT,
      tags: { 'Cost Center': 'Zürich 42', 'owner@team': 'a=b/c:d', Ünïcødé: '日本語', env: 'a', Env: 'b' },
    },
    { name: 'prod/db-AbCdEf', tags: { Team: 'impostor' } },
  );
  region.secrets!.find((s) => s.name === 'prod/db')!.arnSuffix = 'AbCdEf';
  region.keys!.push({
    id: KEY_HOSTILE,
    aliases: ['alias/hostile'],
    description: HOSTILE_TEXT,
    tags: Object.fromEntries(Object.entries(KEY_TAGS).map(([k, v]) => [k, v.value])),
  });
  return seed;
}

function tooltipText(node: TreeNode): string {
  const tooltip = node.getTreeItem().tooltip;
  if (tooltip === undefined || typeof tooltip === 'string') return tooltip ?? '';
  // A MarkdownString is acceptable only if it can run nothing and shows the text escaped.
  assert.equal(tooltip.isTrusted ?? false, false, 'a trusted MarkdownString tooltip');
  assert.ok(!tooltip.supportHtml, 'a MarkdownString tooltip with HTML enabled');
  return tooltip.value;
}

function assertNoRawControl(...texts: string[]): void {
  for (const text of texts)
    for (const line of text.split('\n'))
      assert.ok(!RAW_CONTROL.test(line), `a raw control character is shown: ${JSON.stringify(line)}`);
}

suite('hostile input in the extension host: shown literally, never run', () => {
  const cleanups: Array<() => unknown> = [];
  teardown(() => {
    while (cleanups.length) cleanups.pop()!();
  });
  suiteTeardown(() => reset(suiteSeed()));
  function use<T extends { restore: () => unknown }>(stub: T): T {
    cleanups.push(stub.restore);
    return stub;
  }

  test("secret names with / + = @ and another secret's ARN tail are listed exactly, and a removal goes to the right one", async () => {
    const api = await reset(hostileSeed());
    use(captureMessages('Remove'));
    const names = (await children(api, await find(api, 'Secrets Manager'))).map(label);
    assert.deepEqual(names, ['prod/db', 'prod/db-AbCdEf', 'staging/api', HOSTILE_NAME]);
    const hostile = await find(api, 'Secrets Manager', HOSTILE_NAME);
    assert.deepEqual((await children(api, hostile)).map(label), ['Cost Center', 'owner@team', 'Ünïcødé', 'env', 'Env']);
    await vscode.commands.executeCommand(
      'awsTags.removeTag',
      await find(api, 'Secrets Manager', 'prod/db-AbCdEf', 'Team'),
    );
    const untag = (await calls()).find((c) => c.op === 'secretsmanager.UntagResource');
    assert.match(untag?.resource ?? '', /^arn:aws:secretsmanager:us-east-1:\d{12}:secret:prod\/db-AbCdEf-\w{6}$/);
    assert.deepEqual(
      (await admin<{ tags: Record<string, string> }>('GET', 'secret-tags?id=prod/db')).tags.Team,
      'payments',
    );
    assert.deepEqual((await children(api, await find(api, 'Secrets Manager', 'prod/db-AbCdEf'))).map(label), [
      'No tags',
    ]);
    assert.deepEqual((await children(api, await find(api, 'Secrets Manager', 'prod/db'))).map(label).sort(), [
      'Environment',
      'Owner',
      'Team',
    ]);
  });

  test('tag labels, descriptions and tooltips show markdown, HTML, command links, ANSI escapes and newlines literally', async () => {
    const api = await reset(hostileSeed());
    const tags = await children(api, await find(api, 'KMS Keys', 'hostile'));
    assert.equal(tags.length, Object.keys(KEY_TAGS).length);
    for (const [key, { shownKey, shownValue }] of Object.entries(KEY_TAGS)) {
      const node = tags.find((t) => label(t) === shownKey);
      assert.ok(
        node,
        `no node labelled ${JSON.stringify(shownKey)} for key ${JSON.stringify(key)}: ${tags.map(label).join(' | ')}`,
      );
      const item = node.getTreeItem();
      assert.equal(typeof item.label, 'string', 'a plain label, no highlights');
      assert.equal(item.description, shownValue);
      assert.equal(typeof item.tooltip, 'string', 'the tooltip is a plain string');
      const tooltip = tooltipText(node);
      assert.deepEqual(
        tooltip.split('\n'),
        [`${shownKey} = ${shownValue}`, 'On: hostile'],
        'one line per fact, none forged',
      );
      assert.equal(item.command, undefined, 'a tag node runs nothing when clicked');
      assertNoRawControl(label(node), String(item.description), tooltip);
    }
  });

  test('a hostile description stays escaped on its own tooltip line, for a secret and a key', async () => {
    const api = await reset(hostileSeed());
    await api.deps.connections.stores[0].loadKeys().done;
    const shown =
      'Description: **bold** <img src=x onerror=alert(1)> [quit](command:workbench.action.quit)\\n\\u001b[31mred';
    for (const node of [await find(api, 'Secrets Manager', HOSTILE_NAME), await find(api, 'KMS Keys', 'hostile')]) {
      const lines = tooltipText(node).split('\n');
      assert.equal(lines.filter((l) => l.startsWith('Description:')).length, 1);
      assert.ok(lines.includes(shown), lines.join(' | '));
      assertNoRawControl(...lines);
    }
  });

  test('the confirmation modal shows keys and values literally, one line per tag, and cancelling removes nothing', async () => {
    const api = await reset(hostileSeed());
    const messages = use(captureMessages(null));
    const picked = ['**md**', 'ansi\\u001b[31m', 'multi\\nline'];
    const all = await children(api, await find(api, 'KMS Keys', 'hostile'));
    const nodes = all.filter((t) => picked.includes(label(t)));
    await vscode.commands.executeCommand('awsTags.removeTag', nodes[0], nodes);
    const modal = messages.shown.find((m) => m.modal);
    assert.match(modal?.message ?? '', /Remove 3 tags from KMS key "hostile"\?$/);
    const lines = (modal?.detail ?? '').split('\n');
    for (const key of ['**md**', 'ansi\u001b[31m', 'multi\nline']) {
      const { shownKey, shownValue } = KEY_TAGS[key];
      assert.ok(
        lines.includes(`hostile: ${shownKey} = ${shownValue}`),
        `missing line for ${shownKey}: ${lines.join(' | ')}`,
      );
    }
    assertNoRawControl(modal?.message ?? '', modal?.detail ?? '');
    assert.ok(!(await calls()).some((c) => c.operation === 'UntagResource'));
  });

  test('after a removal, the result message and the Restore quick pick show key and value literally, and Restore puts back the exact bytes', async () => {
    const api = await reset(hostileSeed());
    const messages = use(captureMessages('Remove'));
    await vscode.commands.executeCommand(
      'awsTags.removeTag',
      await find(api, 'KMS Keys', 'hostile', 'ansi\\u001b[31m'),
    );
    await vscode.commands.executeCommand('awsTags.removeTag', await find(api, 'KMS Keys', 'hostile', '$(alert) icon'));
    const done = messages.shown.filter((m) => m.kind === 'showInformationMessage').map((m) => m.message);
    assert.deepEqual(done, [
      'Removed tag "ansi\\u001b[31m" from KMS key "hostile".',
      'Removed tag "$(alert) icon" from KMS key "hostile".',
    ]);

    const items: vscode.QuickPickItem[] = [];
    use(
      answerQuickPick((item) => {
        items.push(item);
        return item.label.startsWith('ansi');
      }),
    );
    await vscode.commands.executeCommand('awsTags.restoreRemovedTags');
    const ansi = items.find((i) => i.label.startsWith('ansi'));
    assert.equal(ansi?.label, 'ansi\\u001b[31m = \\u001b[31mred\\u001b[0m');
    assert.equal(ansi?.description, 'hostile');
    const icon = items.find((i) => i.label.includes('icon'));
    assert.equal(icon?.label, '$\u200b(alert) icon = $\u200b(zap) value', 'icon syntax must not render as an icon');
    for (const item of items) assertNoRawControl(item.label, item.description ?? '', item.detail ?? '');
    const tags = (await admin<{ tags: Record<string, string> }>('GET', `key-tags?id=${KEY_HOSTILE}`)).tags;
    assert.equal(tags['ansi\u001b[31m'], '\u001b[31mred\u001b[0m', 'restored byte for byte');
    assert.equal(tags['$(alert) icon'], undefined, 'only the picked entry was restored');
  });

  test('Add Tag with a hostile key: the input box titles and the message show it escaped, and AWS gets the exact key', async () => {
    const api = await reset(hostileSeed());
    const messages = use(captureMessages());
    const key = 'new\u001b[2J\nkey';
    const inputs = use(answerInputBoxes([key, '<b>v</b>\t1']));
    await vscode.commands.executeCommand('awsTags.addTag', await find(api, 'KMS Keys', 'hostile'));
    assert.deepEqual(inputs.problems, [undefined, undefined]);
    assert.equal(inputs.seen[1].title, 'Value of "new\\u001b[2J\\nkey"');
    const tags = (await admin<{ tags: Record<string, string> }>('GET', `key-tags?id=${KEY_HOSTILE}`)).tags;
    assert.equal(tags[key], '<b>v</b>\t1');
    const info = messages.shown.find((m) => m.kind === 'showInformationMessage');
    assert.equal(info?.message, 'Added tag "new\\u001b[2J\\nkey" = "<b>v</b>\\t1" to KMS key "hostile".');
    const node = (await children(api, await find(api, 'KMS Keys', 'hostile'))).find(
      (t) => label(t) === 'new\\u001b[2J\\nkey',
    );
    assert.equal(node?.getTreeItem().description, '<b>v</b>\\t1');
  });
});
