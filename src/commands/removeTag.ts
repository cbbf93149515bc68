import * as vscode from 'vscode';
import { describeError } from '../aws/errors';
import { tagReadOnlyReason } from '../aws/readOnly';
import type { ScopeStore } from '../aws/scopeStore';
import { groupByResource, removeTags, type RemovalOutcome } from '../aws/tagRemoval';
import type { AwsResource, Tag } from '../aws/types';
import type { TreeNode } from '../tree/node';
import { TagNode } from '../tree/resourceNodes';
import type { CommandDeps } from './deps';
import { showAwsError } from './messages';
import { pickResource, pickTags } from './pickers';
import { confirmationText, resultText, untagAction } from './removalText';

interface Target {
  readonly store: ScopeStore;
  readonly resource: AwsResource;
  readonly tag: Tag;
}

/**
 * Remove Tag. From the tree: the clicked tag, or every selected tag when the click is inside a multi-selection.
 * From the palette: asks for the resource, then the tags. Then one UntagResource per resource.
 */
export async function removeTag(deps: CommandDeps, node?: TreeNode, selected?: readonly TreeNode[]): Promise<void> {
  const targets = node ? targetsFromTree(node, selected) : await targetsFromPalette(deps);
  const fresh = (targets ?? []).filter((t) => !deps.removalsInFlight.has(flightKey(t)));
  if (fresh.length === 0) return;

  const byStore = new Map<ScopeStore, Target[]>();
  for (const t of fresh) byStore.set(t.store, [...(byStore.get(t.store) ?? []), t]);
  const plan = [...byStore].map(([store, list]) => ({ store, requests: groupByResource(list) }));

  if (deps.scopes.settings.confirmRemoval) {
    const { message, detail } = confirmationText(plan.flatMap((p) => p.requests));
    const answer = await vscode.window.showWarningMessage(message, { modal: true, detail }, 'Remove');
    if (answer !== 'Remove') return;
  }

  for (const t of fresh) deps.removalsInFlight.add(flightKey(t));
  try {
    const outcomes = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'Removing tags…' },
      async () => (await Promise.all(plan.map(({ store, requests }) => removeTags(store.services, requests).then((o) => apply(store, o))))).flat(),
    );
    report(deps, outcomes);
  } finally {
    for (const t of fresh) deps.removalsInFlight.delete(flightKey(t));
  }
}

function targetsFromTree(node: TreeNode, selected: readonly TreeNode[] | undefined): Target[] {
  const nodes = selected && selected.includes(node) ? selected : [node];
  return nodes
    .filter((n): n is TagNode => n instanceof TagNode)
    .map((n) => ({ store: n.parent.store, resource: n.resource, tag: n.tag }))
    .filter((t) => tagReadOnlyReason(t.resource, t.tag) === undefined);
}

async function targetsFromPalette(deps: CommandDeps): Promise<Target[] | undefined> {
  await deps.scopes.ready();
  const picked = await pickResource(deps.scopes.stores, 'Remove tags from which secret or KMS key? (type to search)');
  if (!picked) return undefined;
  const tags = await pickTags(picked.resource);
  return tags?.map((tag) => ({ store: picked.store, resource: picked.resource, tag }));
}

/** Puts what AWS really holds now into the store: the tree redraws just those resources. */
function apply(store: ScopeStore, outcomes: RemovalOutcome[]): RemovalOutcome[] {
  for (const outcome of outcomes) {
    if (outcome.status === 'gone') store.remove(outcome.request.resource);
    else if (outcome.status === 'removed' && outcome.current) store.applyWrite(outcome.current);
    else if (outcome.current) store.replace(outcome.current);
  }
  return outcomes;
}

function report(deps: CommandDeps, outcomes: RemovalOutcome[]): void {
  for (const o of outcomes) {
    const keys = o.request.tags.map((t) => t.key);
    deps.log.info(`remove ${JSON.stringify(keys)} from ${o.request.resource.arn}: ${o.status}`);
  }
  const text = resultText(outcomes);
  if (text.level === 'info') {
    void vscode.window.showInformationMessage(text.message);
  } else if (outcomes.length === 1) {
    const { request, error } = outcomes[0];
    showAwsError(deps, describeError(error, { action: untagAction(request.resource), resource: request.resource.name }));
  } else {
    deps.log.warn(text.message);
    const show = text.level === 'error' ? vscode.window.showErrorMessage : vscode.window.showWarningMessage;
    void show(text.message, 'Show Log').then((choice) => choice && deps.log.show());
  }
}

function flightKey(t: Target): string {
  return `${t.resource.arn}\n${t.tag.key}`;
}
