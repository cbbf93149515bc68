import type { TreeNode } from '../tree/node';
import type { CommandDeps } from './deps';

/** Everything again, with new clients: this also picks up renewed credentials (an SSO login, a new key). */
export async function refreshAll(deps: CommandDeps): Promise<void> {
  await deps.connections.rebuild();
}

/** One node again: a group lists again, a resource is read back alone; the tree redraws what its store reports. */
export async function refreshNode(deps: CommandDeps, node?: TreeNode): Promise<void> {
  let target = node;
  while (target && !target.refresh) target = target.parent;
  if (!target?.refresh || (await target.refresh()) === 'rebuild') await refreshAll(deps);
}
