import type { TreeNode } from '../tree/node';
import * as l10n from '@vscode/l10n';
import type { CommandDeps } from './deps';
import { notify } from './messages';

/** Everything again, with new clients: this also picks up renewed credentials (an SSO login, a new key). */
export async function refreshAll(deps: CommandDeps): Promise<void> {
  await deps.connections.clearListings();
  await deps.connections.rebuild();
}

/** Clear Cached Listings: the next start lists from AWS before it shows anything. */
export async function clearCachedListings(deps: CommandDeps): Promise<void> {
  await deps.connections.clearListings();
  deps.log.info('cached listings cleared');
  void notify('info', l10n.t('The cached listings are cleared; the tree shown now stays until the next refresh.'));
}

/** One node again: a group lists again, a resource is read back alone; the tree redraws what its store reports. */
export async function refreshNode(deps: CommandDeps, node?: TreeNode): Promise<void> {
  let target = node;
  while (target && !target.refresh) target = target.parent;
  if (!target?.refresh || (await target.refresh()) === 'rebuild') await refreshAll(deps);
}
