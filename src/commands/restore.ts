import * as vscode from 'vscode';
import { describeError } from '../aws/errors';
import type { ScopeStore } from '../aws/scopeStore';
import { putTags, syncAfterFailure } from '../aws/tagChanges';
import type { HistoryEntry } from '../history';
import type { AwsResource } from '../aws/types';
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
      if (!store) {
        failures.push(`"${printable(entry.name)}" is in profile ${entry.profile ?? 'default'}, ${entry.region}, which is not shown: select it to restore its tags.`);
        continue;
      }
      // Not loaded yet, or left out by the filter: AWS needs only the ARN, and the tree learns of it when it lists.
      const shown = store.find(entry.arn);
      const resource = shown ?? resourceOf(entry);
      const ticket = store.beginWrite();
      try {
        const after = await putTags(store.services, resource, entry.tags);
        const now = storeFor(deps, entry);
        if (now?.find(entry.arn)) now.applyWrite(after, ticket);
        await deps.history.setStatus([entry.id], 'restored');
      } catch (error) {
        if (shown) await syncAfterFailure(storeFor(deps, entry) ?? store, shown, error);
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

/** The resource an entry names, as far as the entry knows it. */
function resourceOf(entry: HistoryEntry): AwsResource {
  const base = { arn: entry.arn, name: entry.name, region: entry.region, tags: undefined };
  if (entry.kind === 'secret') return { ...base, kind: 'secret' };
  return { ...base, kind: 'kmsKey', keyId: entry.arn.slice(entry.arn.lastIndexOf('/') + 1), aliases: [] };
}

function storeFor(deps: CommandDeps, entry: HistoryEntry): ScopeStore | undefined {
  return deps.scopes.storeOf({ profile: entry.profile, region: entry.region });
}

/** AWS Tags: Restore Removed Tags... lists the history, newest first, and restores what is picked. */
export async function restoreRemovedTags(deps: CommandDeps): Promise<void> {
  await deps.scopes.ready();
  // Pending: recorded, then the window closed before the outcome came back. The tag may be gone, so it is offered.
  const removed = deps.history.list().filter((e) => e.status === 'removed' || e.status === 'replaced' || e.status === 'pending');
  if (removed.length === 0) {
    void notify('info', 'No removed tags to restore: the history is empty.');
    return;
  }
  const items = removed.map((entry) => ({
    label: entry.tags.map((t) => `${pickerText(t.key)} = ${pickerText(tagValueText(t.value))}`).join(', '),
    description: pickerText(entry.name),
    detail: `${entry.status === 'pending' ? 'outcome unknown · ' : ''}${new Date(entry.at).toLocaleString()} · ${entry.profile ?? 'default'} · ${entry.region} · ${entry.arn}`,
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
