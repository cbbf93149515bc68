import * as vscode from 'vscode';
import { describeFilter, filtersFor, type ResourceFilter } from '../aws/resourceFilter';
import { pickerText } from '../tree/presentation';
import type { CommandDeps } from './deps';

interface FilterItem extends vscode.QuickPickItem {
  readonly filter: ResourceFilter;
}

/**
 * Filter by Tag...: type a key, `key=value`, or any text, and pick what it should mean (tag key, exact tag,
 * text in a value, text in the name). The tag keys already loaded are offered before anything is typed.
 */
export async function filterByTag(deps: CommandDeps, text?: unknown): Promise<void> {
  await deps.connections.ready();
  // From a keybinding's `args` (or a script): `key` or `key=value`, no picker.
  if (typeof text === 'string') {
    const [first] = filtersFor(text);
    if (first) deps.connections.setFilter(first);
    return;
  }
  const counts = new Map<string, number>();
  for (const store of deps.connections.stores) {
    for (const resource of [...store.secrets.items.values(), ...store.keys.items.values()]) {
      for (const tag of resource.tags ?? []) counts.set(tag.key, (counts.get(tag.key) ?? 0) + 1);
    }
  }
  const known: FilterItem[] = [...counts]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([key, n]) => ({
      label: pickerText(key),
      description: vscode.l10n.t('tag key · on {0} loaded resources', n),
      filter: { kind: 'tagKey', key },
    }));
  const quickPick = vscode.window.createQuickPick<FilterItem>();
  quickPick.ignoreFocusOut = true;
  quickPick.title = vscode.l10n.t('Filter by Tag');
  quickPick.placeholder = vscode.l10n.t('Tag key, key=value, or text to find in tag values or names');
  quickPick.items = known;
  quickPick.onDidChangeValue((text) => {
    const typed = filtersFor(text).map((filter) => ({
      label: pickerText(describeFilter(filter)),
      alwaysShow: true,
      filter,
    }));
    quickPick.items = [...typed, ...known];
  });
  const picked = await new Promise<FilterItem | undefined>((resolve) => {
    quickPick.onDidAccept(() => resolve(quickPick.selectedItems[0]));
    quickPick.onDidHide(() => resolve(undefined));
    quickPick.show();
  });
  quickPick.dispose();
  if (picked) deps.connections.setFilter(picked.filter);
}

export function clearFilter(deps: CommandDeps): void {
  deps.connections.setFilter(undefined);
}
