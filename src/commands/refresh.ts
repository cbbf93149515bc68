import { errorCategory } from '../aws/errors';
import { readBack } from '../aws/tagRemoval';
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
    await refreshResource(node);
  } else if (node.parent) {
    await refreshNode(deps, node.parent);
  }
}

async function refreshResource(node: ResourceNode): Promise<void> {
  const { store, resource } = node;
  try {
    const current = resource.kind === 'kmsKey' ? await store.services.kms.details(resource) : await readBack(store.services, resource);
    store.replace(current);
  } catch (error) {
    if (errorCategory(error) === 'notFound') store.remove(resource);
    else throw error;
  }
}
