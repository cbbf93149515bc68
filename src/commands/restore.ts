import * as vscode from 'vscode';
import { describeError } from '../aws/errors';
import type { ResourceStore } from '../aws/resourceStore';
import { RESTORABLE, type HistoryEntry } from '../history/tagHistory';
import type { AwsResource } from '../aws/types';
import { pickerText, printable, tagCountText, tagValueText } from '../tree/presentation';
import type { CommandDeps } from './deps';
import { notify, showAwsError } from './messages';
import { outcomeSentence } from './outcomeText';
import { tagAction } from './removalText';
import { setTags, type SetRequest } from './setTags';

/**
 * Puts removed or overwritten values back with their exact values (TagResource through the write path), and marks
 * the entries restored once AWS holds them. A value someone set meanwhile is asked about before it is overwritten.
 */
export async function restoreEntries(deps: CommandDeps, entries: readonly HistoryEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const failures: string[] = [];
  const requests: SetRequest[] = [];
  for (const entry of entries) {
    const store = storeFor(deps, entry);
    if (!store) {
      failures.push(
        vscode.l10n.t(
          '"{0}" is in profile {1}, {2}, which is not shown: select it to restore its tags.',
          printable(entry.name),
          entry.profile ?? 'default',
          entry.region,
        ),
      );
      continue;
    }
    // Not loaded yet, or left out by the filter: AWS needs only the ARN, and the tree learns of it when it lists.
    const resource = store.find(entry.arn) ?? resourceFromEntry(entry);
    const expected = new Map(
      entry.tags.map((t) => [
        t.key,
        entry.change === 'overwrite' ? entry.replacedBy?.find((r) => r.key === t.key)?.value : undefined,
      ]),
    );
    requests.push({ store, resource, tags: entry.tags, expected, restores: [entry.id] });
  }
  const outcomes = requests.length > 0 ? await setTags(deps, requests, vscode.l10n.t('Restoring tags…')) : [];
  if (outcomes === undefined) return;
  const done = outcomes.filter((o) => o.status === 'applied');
  for (const o of outcomes) if (o.status !== 'applied') failures.push(outcomeSentence(o));
  for (const o of done) if (o.error !== undefined) failures.push(outcomeSentence(o));
  const count = done.reduce((n, o) => n + o.change.set.length, 0);
  if (failures.length === 0) {
    void notify('info', vscode.l10n.t('Restored {0}.', tagCountText(count)));
    return;
  }
  deps.log.warn(failures.join(' '));
  if (entries.length === 1 && outcomes[0]?.status === 'notApplied') {
    const { change, error } = outcomes[0];
    return showAwsError(
      deps,
      describeError(error, { action: tagAction(change.resource), resource: printable(change.resource.name) }),
    );
  }
  const level = done.length === 0 ? 'error' : 'warning';
  const head =
    entries.length === 1 && done.length === 1
      ? vscode.l10n.t('Restored {0}.', tagCountText(count))
      : vscode.l10n.t('Restored {0} of {1}.', done.length, entries.length);
  const showLog = vscode.l10n.t('Show Log');
  void notify(level, `${head} ${failures.join(' ')}`, showLog).then((c) =>
    c === showLog ? deps.log.show() : undefined,
  );
}

/** The resource an entry names, as far as the entry knows it. */
function resourceFromEntry(entry: HistoryEntry): AwsResource {
  const base = { arn: entry.arn, name: entry.name, region: entry.region, tags: undefined };
  if (entry.kind === 'secret') return { ...base, kind: 'secret' };
  return { ...base, kind: 'kmsKey', keyId: entry.arn.slice(entry.arn.lastIndexOf('/') + 1), aliases: [] };
}

function storeFor(deps: CommandDeps, entry: HistoryEntry): ResourceStore | undefined {
  return deps.connections.storeOf({ profile: entry.profile, region: entry.region });
}

/** AWS Tags: Restore Removed Tags... lists the history, newest first, and restores what is picked. */
export async function restoreRemovedTags(deps: CommandDeps): Promise<void> {
  await deps.connections.ready();
  // Pending (the window closed before the outcome came back) and unknown (the answer was lost and no read showed
  // the outcome): the value may be gone from AWS, so it is offered, marked.
  const removed = (await deps.history.list()).filter((e) => RESTORABLE.includes(e.status));
  if (removed.length === 0) {
    void notify('info', vscode.l10n.t('No removed tags to restore: the history is empty.'));
    return;
  }
  const items = removed.map((entry) => ({
    label: entry.tags.map((t) => `${pickerText(t.key)} = ${pickerText(tagValueText(t.value))}`).join(', '),
    description: pickerText(entry.name),
    detail: `${entry.status === 'pending' || entry.status === 'unknown' ? vscode.l10n.t('outcome unknown · ') : ''}${entry.change === 'overwrite' ? vscode.l10n.t('overwritten · ') : ''}${new Date(entry.at).toLocaleString()} · ${entry.profile ?? 'default'} · ${entry.region} · ${entry.arn}`,
    entry,
  }));
  const picked = await vscode.window.showQuickPick(items, {
    ignoreFocusOut: true,
    canPickMany: true,
    placeHolder: vscode.l10n.t('Removed tags to put back (newest first)'),
    matchOnDescription: true,
    matchOnDetail: true,
  });
  if (picked && picked.length > 0)
    await restoreEntries(
      deps,
      picked.map((p) => p.entry),
    );
}
