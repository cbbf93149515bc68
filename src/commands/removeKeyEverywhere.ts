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
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Reading every secret and key…') },
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
  if (n === 0) return undefined;
  return n === 1
    ? vscode.l10n.t('1 replica secret (their tags follow their primary)')
    : vscode.l10n.t('{0} replica secrets (their tags follow their primary)', n);
}

function joined(missing: string | undefined, replicas: string | undefined): string | undefined {
  if (!replicas) return missing;
  return missing ? `${missing}; ${replicas}` : vscode.l10n.t('Not included: {0}', replicas);
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
  if (unread > 0) {
    parts.push(
      unread === 1
        ? vscode.l10n.t('1 resource whose tags could not be read')
        : vscode.l10n.t('{0} resources whose tags could not be read', unread),
    );
  }
  for (const store of stores) {
    const where = `${store.scope.profile ?? 'default'} ${store.scope.region}`;
    if (store.secrets.status === 'error') parts.push(vscode.l10n.t('secrets of {0} (listing failed)', where));
    if (store.keys.status === 'error') parts.push(vscode.l10n.t('KMS keys of {0} (listing failed)', where));
  }
  return parts.length > 0 ? vscode.l10n.t('Not included: {0}', parts.join('; ')) : undefined;
}

async function pickKey(carriers: readonly TagTarget[], missing: string | undefined): Promise<string | undefined> {
  const counts = new Map<string, number>();
  for (const c of carriers) counts.set(c.tag.key, (counts.get(c.tag.key) ?? 0) + 1);
  const items = [...counts]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([key, n]) => ({
      label: pickerText(key),
      description: n === 1 ? vscode.l10n.t('on 1 resource') : vscode.l10n.t('on {0} resources', n),
      key,
    }));
  if (items.length === 0) {
    void notify('info', vscode.l10n.t('No removable tags on the resources shown.{0}', missing ? ` ${missing}.` : ''));
    return undefined;
  }
  return (
    await vscode.window.showQuickPick(items, {
      ignoreFocusOut: true,
      title: missing,
      placeHolder: vscode.l10n.t('Tag key to remove from every resource that carries it'),
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
    placeHolder: vscode.l10n.t(
      'Remove "{0}" from these {1} resources (deselect any to keep)',
      pickerText(key),
      items.length,
    ),
    matchOnDescription: true,
  });
  return picked?.map((p) => p.carrier);
}
