import * as l10n from '@vscode/l10n';
import { tagReadOnlyReason } from '../aws/readOnly';
import type { ResourceStore } from '../aws/resourceStore';
import { groupByResource } from '../aws/tagRemoval';
import type { TreeNode } from '../tree/node';
import { printable } from '../tree/presentation';
import { TagNode } from '../tree/resourceNodes';
import type { CommandDeps } from './deps';
import { pickResource, pickTags, type TagTarget } from './pickers';
import { notify } from './messages';
import { confirmAndRemove } from './runRemoval';

/**
 * Remove Tag. From the tree: the clicked tag, or every selected tag when the click is inside a multi-selection.
 * From the palette: asks for the resource, then the tags. Then one UntagResource per resource.
 */
export async function removeTag(deps: CommandDeps, node?: TreeNode, selected?: readonly TreeNode[]): Promise<void> {
  if (node) sayWhyReadOnly(node, selected);
  const targets = node ? targetsFromTree(node, selected) : await targetsFromPalette(deps);
  if (!targets || targets.length === 0) return;
  const byStore = new Map<ResourceStore, TagTarget[]>();
  for (const t of targets) byStore.set(t.store, [...(byStore.get(t.store) ?? []), t]);
  const plans = [...byStore].map(([store, list]) => ({ store, requests: groupByResource(list) }));

  await confirmAndRemove(deps, plans);
}

/** The menus hide Remove Tag on read-only tags; run anyway (a keybinding, another extension), it says why. */
function sayWhyReadOnly(node: TreeNode, selected: readonly TreeNode[] | undefined): void {
  const nodes = selected && selected.includes(node) ? selected : [node];
  for (const n of nodes) {
    const reason = n instanceof TagNode ? tagReadOnlyReason(n.resource, n.tag) : undefined;
    if (n instanceof TagNode && reason !== undefined) {
      void notify(
        'info',
        l10n.t('"{0}" on "{1}" stays: {2}', printable(n.tag.key), printable(n.resource.name), reason),
      );
      return;
    }
  }
}

function targetsFromTree(node: TreeNode, selected: readonly TreeNode[] | undefined): TagTarget[] {
  const nodes = selected && selected.includes(node) ? selected : [node];
  return nodes
    .filter((n): n is TagNode => n instanceof TagNode)
    .map((n) => ({ store: n.parent.store, resource: n.resource, tag: n.tag }))
    .filter((t) => tagReadOnlyReason(t.resource, t.tag) === undefined);
}

async function targetsFromPalette(deps: CommandDeps): Promise<TagTarget[] | undefined> {
  await deps.connections.ready();
  const picked = await pickResource(
    deps.connections.stores,
    l10n.t('Remove tags from which secret or KMS key? (type to search)'),
  );
  if (!picked) return undefined;
  const tags = await pickTags(picked.resource);
  return tags?.map((tag) => ({ store: picked.store, resource: picked.resource, tag }));
}
