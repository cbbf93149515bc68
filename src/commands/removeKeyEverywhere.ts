import * as vscode from 'vscode';
import { isReplica, tagReadOnlyReason } from '../aws/readOnly';
import type { ResourceStore } from '../aws/resourceStore';
import type { TreeNode } from '../tree/node';
import { pickerText, tagValueText } from '../tree/presentation';
import { TagNode } from '../tree/resourceNodes';
import type { CommandDeps } from './deps';
import type { TagTarget } from './pickers';
import { kindText } from './removalText';
import { confirmAndRemove, type RemovalPlan } from './runRemoval';
import { notify } from './messages';

/**
 * Remove Tag Key Everywhere...: one key from every resource in the current filter that carries it. The user sees
 * the list and may deselect; the calls are paced under each service's quota and can be cancelled.
 */
export async function removeTagKeyEverywhere(deps: CommandDeps, node?: TreeNode): Promise<void> {
  await deps.connections.ready();
  const stores = deps.connections.stores;
  await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Reading every secret and key…' },
    () => Promise.all(stores.flatMap((s) => [s.loadSecrets().done, s.loadKeys().done])),
  );
  const carriers = onePerResource(stores.flatMap((store) => removableTags(store)));
  const missing = leftOut(stores);
  const key = node instanceof TagNode ? node.tag.key : await pickKey(carriers, missing);
  if (key === undefined) return;
  const chosen = await pickCarriers(
    carriers.filter((c) => c.tag.key === key),
    key,
    joined(missing, replicasWith(stores, key)),
  );
  if (!chosen || chosen.length === 0) return;

  const plans: RemovalPlan[] = stores
    .map((store) => ({
      store,
      requests: chosen.filter((c) => c.store === store).map((c) => ({ resource: c.resource, tags: [c.tag] })),
    }))
    .filter((plan) => plan.requests.length > 0);
  await confirmAndRemove(deps, plans, { always: true, cancellable: true });
}

/**
 * Replica secrets carrying the key are left out (AWS refuses tag changes on a replica; removing the key from the
 * primary removes it there too), and the picker's title says so.
 */
function replicasWith(stores: readonly ResourceStore[], key: string): string | undefined {
  const replicas = stores.flatMap((s) =>
    [...s.secrets.items.values()].filter((r) => s.matches(r) && isReplica(r) && r.tags?.some((t) => t.key === key)),
  );
  const n = new Set(replicas.map((r) => r.arn)).size;
  return n > 0 ? `${n} replica ${n === 1 ? 'secret' : 'secrets'} (their tags follow their primary)` : undefined;
}

function joined(missing: string | undefined, replicas: string | undefined): string | undefined {
  if (!replicas) return missing;
  return missing ? `${missing}; ${replicas}` : `Not included: ${replicas}`;
}

/**
 * Two profiles of one account show the same resources (an ARN names account and region): each resource is
 * untagged once, through the first profile, so the calls also stay under the one quota that account has.
 */
function onePerResource(carriers: readonly TagTarget[]): TagTarget[] {
  const seen = new Set<string>();
  return carriers.filter((c) => {
    const id = `${c.resource.arn}\n${c.tag.key}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

function removableTags(store: ResourceStore): TagTarget[] {
  return [...store.secrets.items.values(), ...store.keys.items.values()]
    .filter((resource) => store.matches(resource))
    .flatMap((resource) =>
      (resource.tags ?? [])
        .filter((tag) => tagReadOnlyReason(resource, tag) === undefined)
        .map((tag) => ({ store, resource, tag })),
    );
}

/**
 * What "everywhere" cannot include, said in the pickers' titles: resources whose tags could not be read (their
 * details failed) and lists that failed. AWS managed keys are left out by design (their tags are read-only).
 */
function leftOut(stores: readonly ResourceStore[]): string | undefined {
  const parts: string[] = [];
  const unread = stores.reduce(
    (n, store) =>
      n +
      [...store.secrets.items.values(), ...store.keys.items.values()].filter(
        (r) => r.tags === undefined && !(r.kind === 'kmsKey' && r.keyManager === 'AWS'),
      ).length,
    0,
  );
  if (unread > 0) parts.push(`${unread} ${unread === 1 ? 'resource' : 'resources'} whose tags could not be read`);
  for (const store of stores) {
    const where = `${store.scope.profile ?? 'default'} ${store.scope.region}`;
    if (store.secrets.status === 'error') parts.push(`secrets of ${where} (listing failed)`);
    if (store.keys.status === 'error') parts.push(`KMS keys of ${where} (listing failed)`);
  }
  return parts.length > 0 ? `Not included: ${parts.join('; ')}` : undefined;
}

async function pickKey(carriers: readonly TagTarget[], missing: string | undefined): Promise<string | undefined> {
  const counts = new Map<string, number>();
  for (const c of carriers) counts.set(c.tag.key, (counts.get(c.tag.key) ?? 0) + 1);
  const items = [...counts]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([key, n]) => ({ label: pickerText(key), description: `on ${n} ${n === 1 ? 'resource' : 'resources'}`, key }));
  if (items.length === 0) {
    void notify('info', `No removable tags on the resources shown.${missing ? ` ${missing}.` : ''}`);
    return undefined;
  }
  return (
    await vscode.window.showQuickPick(items, {
      ignoreFocusOut: true,
      title: missing,
      placeHolder: 'Tag key to remove from every resource that carries it',
    })
  )?.key;
}

async function pickCarriers(
  carriers: readonly TagTarget[],
  key: string,
  missing: string | undefined,
): Promise<TagTarget[] | undefined> {
  const several = new Set(carriers.map((c) => c.store)).size > 1;
  const items = carriers.map((c) => ({
    label: pickerText(c.resource.name),
    description: `${kindText(c.resource)} · ${pickerText(key)} = ${pickerText(tagValueText(c.tag.value))}${several ? ` · ${c.store.scope.profile ?? 'default'} ${c.store.scope.region}` : ''}`,
    picked: true,
    carrier: c,
  }));
  const picked = await vscode.window.showQuickPick(items, {
    ignoreFocusOut: true,
    canPickMany: true,
    title: missing,
    placeHolder: `Remove "${pickerText(key)}" from these ${items.length} resources (deselect any to keep)`,
    matchOnDescription: true,
  });
  return picked?.map((p) => p.carrier);
}
