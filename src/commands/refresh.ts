import { GroupNode, ScopeNode } from '../tree/groupNodes';
import type { TreeNode } from '../tree/node';
import { ResourceNode } from '../tree/resourceNodes';
import type { CommandDeps } from './deps';

/** Everything again, with new clients: this also picks up renewed credentials (an SSO login, a new key). */
export async function refreshAll(deps: CommandDeps): Promise<void> {
  await deps.scopes.rebuild();
}

/** One node again: a group lists again, a resource is read back alone. */
export async function refreshNode(deps: CommandDeps, node?: TreeNode): Promise<void> {
  if (!node) return refreshAll(deps);
  if (node instanceof ScopeNode) {
    // A scope without a store had a credentials or region problem: only a full rebuild can mend that.
    if (!node.store) return refreshAll(deps);
    node.store.reset();
    node.secrets?.forget();
    node.keys?.forget();
    deps.tree.redraw(node);
  } else if (node instanceof GroupNode) {
    if (node.list === 'secrets') node.store.resetSecrets();
    else node.store.resetKeys();
    node.forget();
    deps.tree.redraw(node);
  } else if (node instanceof ResourceNode) {
    await node.store.refreshResource(node.resource);
  } else if (node.parent) {
    await refreshNode(deps, node.parent);
  }
}
