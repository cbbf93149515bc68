import * as vscode from 'vscode';
import { resourceReadOnlyReason, tagReadOnlyReason } from '../aws/readOnly';
import type { ScopeStore } from '../aws/scopeStore';
import type { AwsResource, Tag } from '../aws/types';
import { pickerText, tagValueText } from '../tree/presentation';

export interface PickedResource {
  readonly store: ScopeStore;
  readonly resource: AwsResource;
}

interface ResourceItem extends vscode.QuickPickItem {
  readonly target: PickedResource;
}

/**
 * Asks for one secret or key across every shown profile and region. Items appear as the lists load, so a
 * large account can be searched before it has been read to the end.
 */
export async function pickResource(stores: readonly ScopeStore[], placeholder: string): Promise<PickedResource | undefined> {
  const quickPick = vscode.window.createQuickPick<ResourceItem>();
  quickPick.placeholder = placeholder;
  quickPick.matchOnDescription = true;
  quickPick.matchOnDetail = true;
  quickPick.busy = true;
  const several = stores.length > 1;
  const update = () => {
    const active = quickPick.activeItems[0]?.target.resource.arn;
    quickPick.items = stores.flatMap((store) => editableResources(store).map((resource) => resourceItem(store, resource, several)));
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

/** Resources with at least one tag that may be removed. */
function editableResources(store: ScopeStore): AwsResource[] {
  return [...store.secrets.items.values(), ...store.keys.items.values()].filter(
    (r) => resourceReadOnlyReason(r) === undefined && (r.tags ?? []).some((t) => tagReadOnlyReason(r, t) === undefined),
  );
}

function resourceItem(store: ScopeStore, resource: AwsResource, several: boolean): ResourceItem {
  const service = resource.kind === 'secret' ? 'Secrets Manager' : 'KMS key';
  const where = several ? `${store.scope.profile ?? 'default'} · ${store.scope.region}` : store.scope.region;
  return {
    label: pickerText(resource.name),
    description: `${service} · ${where} · ${resource.tags?.length ?? 0} tags`,
    detail: resource.arn,
    target: { store, resource },
  };
}

/** Asks which of the resource's removable tags to remove (several allowed). */
export async function pickTags(resource: AwsResource): Promise<Tag[] | undefined> {
  const items = (resource.tags ?? [])
    .filter((tag) => tagReadOnlyReason(resource, tag) === undefined)
    .map((tag) => ({ label: pickerText(tag.key), description: pickerText(tagValueText(tag.value)), tag }));
  const picked = await vscode.window.showQuickPick(items, {
    canPickMany: true,
    placeHolder: `Tags to remove from ${pickerText(resource.name)}`,
    matchOnDescription: true,
  });
  return picked?.map((item) => item.tag);
}
