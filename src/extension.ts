import * as l10n from '@vscode/l10n';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { ListingCache } from './aws/listingCache';
import { describeFilter } from './aws/resourceFilter';
import { registerCommands } from './commands';
import type { CommandDeps } from './commands/deps';
import { TagWriter } from './aws/tagWriter';
import { HistoryFile } from './history/historyFile';
import { TagHistory } from './history/tagHistory';
import { Connections } from './connections/connections';
import { RELOAD_SETTINGS } from './connections/settings';
import { ResourceTreeProvider } from './tree/provider';

/** What activate() returns: the extension-host tests drive the real provider and stores through it. */
export interface AwsTagsApi {
  readonly deps: CommandDeps;
  readonly tree: ResourceTreeProvider;
  readonly view: vscode.TreeView<unknown>;
}

export function activate(context: vscode.ExtensionContext): AwsTagsApi {
  // The modules that stay free of VS Code translate through @vscode/l10n: it gets the bundle VS Code loaded.
  if (vscode.l10n.bundle) l10n.config({ contents: vscode.l10n.bundle });
  const log = vscode.window.createOutputChannel('AWS Tags', { log: true });
  const listings = new ListingCache(join(context.globalStorageUri.fsPath, 'listings'));
  const connections = new Connections(log, context.workspaceState, listings);
  const tree = new ResourceTreeProvider(connections);
  const view = vscode.window.createTreeView('awsTags.resources', {
    treeDataProvider: tree,
    canSelectMany: true,
    showCollapseAll: true,
  });
  const history = new TagHistory(new HistoryFile(context.globalStorageUri.fsPath));
  const writer = new TagWriter(history, { storeOf: (scope) => connections.storeOf(scope) });
  const deps: CommandDeps = { connections, log, history, writer };
  void migrateHistory(context, history, log);
  context.subscriptions.push(
    log,
    connections,
    tree,
    view,
    ...registerCommands(deps),
    connections.onDidChange(() => describeView(view, connections)),
    connections.onDidChangeAccount(() => describeView(view, connections)),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (RELOAD_SETTINGS.some((name) => event.affectsConfiguration(name))) void connections.rebuild();
    }),
  );
  return { deps, tree, view };
}

/** The filter, and for a single profile/region (which has no root node of its own) its account. */
function describeView(view: vscode.TreeView<unknown>, connections: Connections): void {
  const parts: string[] = [];
  const [only, ...others] = connections.entries;
  if (only?.accountId && others.length === 0) parts.push(only.accountId);
  if (connections.filter) parts.push(vscode.l10n.t('Filter: {0}', describeFilter(connections.filter)));
  view.description = parts.length > 0 ? parts.join(' · ') : undefined;
  // A container's only view has no header of its own, so the description is not on screen there: the message is.
  view.message = connections.filter ? vscode.l10n.t('Filter: {0}', describeFilter(connections.filter)) : undefined;
}

// Before the history file, entries lived in globalState: moved once (the file records that it was done).
const OLD_HISTORY_KEY = 'awsTags.removalHistory';
async function migrateHistory(
  context: vscode.ExtensionContext,
  history: TagHistory,
  log: vscode.LogOutputChannel,
): Promise<void> {
  try {
    const old = context.globalState.get<Parameters<TagHistory['migrate']>[0]>(OLD_HISTORY_KEY);
    if (await history.migrate(old)) log.info(`moved ${old?.length ?? 0} history entries to ${history.path}`);
    if (old !== undefined) await context.globalState.update(OLD_HISTORY_KEY, undefined);
  } catch (error) {
    log.warn(`Could not move the old removal history: ${(error as Error).message}`);
  }
}

export function deactivate(): void {}
