import * as vscode from 'vscode';
import { describeError } from '../aws/errors';
import type { ScopeStore } from '../aws/scopeStore';
import { putTags } from '../aws/tagChanges';
import type { HistoryEntry } from '../history';
import { pickerText, printable, tagValueText } from '../tree/presentation';
import type { CommandDeps } from './deps';
import { notify, showAwsError } from './messages';
import { tagAction } from './removalText';

/** Puts removed tags back with their exact values (TagResource), and marks the history entries restored. */
export async function restoreEntries(deps: CommandDeps, entries: readonly HistoryEntry[]): Promise<void> {
  const failures: string[] = [];
  await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Restoring tags…' }, async () => {
    for (const entry of entries) {
      const store = storeFor(deps, entry);
      const resource = store?.find(entry.arn);
      if (!store || !resource) {
        failures.push(`"${printable(entry.name)}" is not shown (profile ${entry.profile ?? 'default'}, ${entry.region}): show it to restore its tags.`);
        continue;
      }
      const ticket = store.beginWrite();
      try {
        store.applyWrite(await putTags(store.services, resource, entry.tags), ticket);
        await deps.history.setStatus([entry.id], 'restored');
      } catch (error) {
        const described = describeError(error, { action: tagAction(resource), resource: printable(resource.name) });
        if (entries.length === 1) return showAwsError(deps, described);
        failures.push(described.message);
      }
    }
  });
  if (failures.length > 0) {
    deps.log.warn(failures.join(' '));
    void notify('warning', `Restored ${entries.length - failures.length} of ${entries.length}. ${failures.join(' ')}`, 'Show Log');
  } else if (entries.length > 0) {
    const count = entries.reduce((n, e) => n + e.tags.length, 0);
    void notify('info', `Restored ${count === 1 ? '1 tag' : `${count} tags`}.`);
  }
}

function storeFor(deps: CommandDeps, entry: HistoryEntry): ScopeStore | undefined {
  return deps.scopes.stores.find((s) => s.scope.region === entry.region && s.scope.profile === entry.profile);
}

/** AWS Tags: Restore Removed Tags... lists the history, newest first, and restores what is picked. */
export async function restoreRemovedTags(deps: CommandDeps): Promise<void> {
  await deps.scopes.ready();
  const removed = deps.history.list().filter((e) => e.status === 'removed' || e.status === 'replaced');
  if (removed.length === 0) {
    void notify('info', 'No removed tags to restore: the history is empty.');
    return;
  }
  const items = removed.map((entry) => ({
    label: entry.tags.map((t) => `${pickerText(t.key)} = ${pickerText(tagValueText(t.value))}`).join(', '),
    description: pickerText(entry.name),
    detail: `${new Date(entry.at).toLocaleString()} · ${entry.profile ?? 'default'} · ${entry.region} · ${entry.arn}`,
    entry,
  }));
  const picked = await vscode.window.showQuickPick(items, {
    ignoreFocusOut: true,
    canPickMany: true,
    placeHolder: 'Removed tags to put back (newest first)',
    matchOnDescription: true,
    matchOnDetail: true,
  });
  if (picked && picked.length > 0) await restoreEntries(deps, picked.map((p) => p.entry));
}
