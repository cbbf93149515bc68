import * as vscode from 'vscode';
import { resourceReadOnlyReason, tagReadOnlyReason } from '../aws/readOnly';
import type { ResourceStore } from '../aws/resourceStore';
import type { AwsResource, Tag } from '../aws/types';
import { pickerText, tagCountText, tagValueText } from '../tree/presentation';
import type { TreeNode } from '../tree/node';
import { TagNode } from '../tree/resourceNodes';

/** One tag of one resource, with the store it was picked from: what Remove Tag and its bulk form act on. */
export interface TagTarget {
  readonly store: ResourceStore;
  readonly resource: AwsResource;
  readonly tag: Tag;
}

export interface PickedResource {
  readonly store: ResourceStore;
  readonly resource: AwsResource;
}

interface ResourceItem extends vscode.QuickPickItem {
  readonly target: PickedResource;
}

/**
 * Asks for one secret or key across every shown profile and region. Items appear as the lists load, so a
 * large account can be searched before it has been read to the end.
 */
export async function pickResource(
  stores: readonly ResourceStore[],
  placeholder: string,
  wanted: (resource: AwsResource) => boolean = hasRemovableTag,
): Promise<PickedResource | undefined> {
  const quickPick = vscode.window.createQuickPick<ResourceItem>();
  // Every picker and input box of a command sets this: the palette gives the focus back as it closes, and that
  // could close a picker opened right after it, ending the flow with nothing said. Escape still closes them.
  quickPick.ignoreFocusOut = true;
  quickPick.placeholder = placeholder;
  quickPick.matchOnDescription = true;
  quickPick.matchOnDetail = true;
  quickPick.busy = true;
  const several = stores.length > 1;
  const update = () => {
    const active = quickPick.activeItems[0]?.target.resource.arn;
    quickPick.items = stores.flatMap((store) =>
      [...store.secrets.items.values(), ...store.keys.items.values()]
        .filter((r) => resourceReadOnlyReason(r) === undefined && wanted(r))
        .map((resource) => resourceItem(store, resource, several)),
    );
    const keep = quickPick.items.find((i) => i.target.resource.arn === active);
    if (keep) quickPick.activeItems = [keep];
  };
  const subscriptions = stores.map((store) => store.onDidChange(update));
  const loads = stores.flatMap((store) => [store.loadSecrets().done, store.loadKeys().done]);
  void Promise.all(loads).then(() => {
    quickPick.busy = false;
    update();
  });
  update();
  try {
    return await new Promise<PickedResource | undefined>((resolve) => {
      quickPick.onDidAccept(() => resolve(quickPick.selectedItems[0]?.target));
      quickPick.onDidHide(() => resolve(undefined));
      quickPick.show();
    });
  } finally {
    for (const s of subscriptions) s.dispose();
    quickPick.dispose();
  }
}

export function hasRemovableTag(resource: AwsResource): boolean {
  return (resource.tags ?? []).some((t) => tagReadOnlyReason(resource, t) === undefined);
}

function resourceItem(store: ResourceStore, resource: AwsResource, several: boolean): ResourceItem {
  const service = resource.kind === 'secret' ? 'Secrets Manager' : vscode.l10n.t('KMS key');
  const where = several ? `${store.scope.profile ?? 'default'} · ${store.scope.region}` : store.scope.region;
  return {
    label: pickerText(resource.name),
    description: `${service} · ${where} · ${tagCountText(resource.tags?.length ?? 0)}`,
    detail: resource.arn,
    target: { store, resource },
  };
}

function tagItems(resource: AwsResource, { includeReadOnly = false } = {}) {
  return (resource.tags ?? [])
    .filter((tag) => includeReadOnly || tagReadOnlyReason(resource, tag) === undefined)
    .map((tag) => ({ label: pickerText(tag.key), description: pickerText(tagValueText(tag.value)), tag }));
}

/** Asks which of the resource's changeable tags to remove (several allowed). */
export async function pickTags(resource: AwsResource): Promise<Tag[] | undefined> {
  const picked = await vscode.window.showQuickPick(tagItems(resource), {
    ignoreFocusOut: true,
    canPickMany: true,
    placeHolder: vscode.l10n.t('Tags to remove from {0}', pickerText(resource.name)),
    matchOnDescription: true,
  });
  return picked?.map((item) => item.tag);
}

/** Asks for one tag of the resource: a changeable one unless `includeReadOnly`. */
export async function pickTag(
  resource: AwsResource,
  placeholder: string,
  options: { includeReadOnly?: boolean } = {},
): Promise<Tag | undefined> {
  const picked = await vscode.window.showQuickPick(tagItems(resource, options), {
    ignoreFocusOut: true,
    placeHolder: placeholder,
    matchOnDescription: true,
  });
  return picked?.tag;
}

/** The tag a command runs on: the tag node clicked, or from the palette (no node) what `pick` asks for. */
export async function tagTargetOf(
  node: TreeNode | undefined,
  pick: () => Promise<TagTarget | undefined>,
): Promise<TagTarget | undefined> {
  if (node instanceof TagNode) return { store: node.parent.store, resource: node.resource, tag: node.tag };
  return node ? undefined : pick();
}
