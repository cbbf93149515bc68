import * as vscode from 'vscode';
import { describeError } from '../aws/errors';
import { tagReadOnlyReason } from '../aws/readOnly';
import type { ScopeStore } from '../aws/scopeStore';
import { groupByResource, removeTags, type RemovalOutcome, type RemovalRequest } from '../aws/tagRemoval';
import type { AwsResource, Tag } from '../aws/types';
import type { HistoryEntry } from '../history';
import type { TreeNode } from '../tree/node';
import { TagNode } from '../tree/resourceNodes';
import type { CommandDeps } from './deps';
import { showAwsError } from './messages';
import { pickResource, pickTags } from './pickers';
import { restoreEntries } from './restore';
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

  // Marked before the dialog: a second click while the first is still asking or calling does nothing.
  for (const t of fresh) deps.removalsInFlight.add(flightKey(t));
  try {
    const byStore = new Map<ScopeStore, Target[]>();
    for (const t of fresh) byStore.set(t.store, [...(byStore.get(t.store) ?? []), t]);
    const plan = [...byStore].map(([store, list]) => ({ store, requests: groupByResource(list) }));

    if (deps.scopes.settings.confirmRemoval) {
      const { message, detail } = confirmationText(plan.flatMap((p) => p.requests));
      const answer = await vscode.window.showWarningMessage(message, { modal: true, detail }, 'Remove');
      if (answer !== 'Remove') return;
    }
    const results = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'Removing tags…' },
      () => Promise.all(plan.map(({ store, requests }) => removeRecorded(deps, store, requests))),
    );
    report(deps, results.flatMap((r) => r.outcomes), results.flatMap((r) => r.restorable));
  } finally {
    for (const t of fresh) deps.removalsInFlight.delete(flightKey(t));
  }
}

/** History first (nothing is removed unless its value is stored), then the calls, then the truth into the store. */
async function removeRecorded(deps: CommandDeps, store: ScopeStore, requests: RemovalRequest[]) {
  const entries = await deps.history.record(store.scope, requests);
  const ticket = store.beginWrite();
  const outcomes = await removeTags(store.services, requests);
  const restorable: HistoryEntry[] = [];
  outcomes.forEach((outcome, i) => {
    if (outcome.status === 'gone') store.remove(outcome.request.resource);
    else if (outcome.status === 'removed' && outcome.current) store.applyWrite(outcome.current, ticket);
    else if (outcome.current) store.replace(outcome.current);
    if (outcome.status === 'removed') restorable.push(entries[i]);
  });
  await deps.history.setStatus(restorable.map((e) => e.id), 'removed');
  await deps.history.setStatus(entries.filter((e) => !restorable.includes(e)).map((e) => e.id), 'failed');
  return { outcomes, restorable };
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

function report(deps: CommandDeps, outcomes: RemovalOutcome[], restorable: HistoryEntry[]): void {
  for (const o of outcomes) {
    const keys = o.request.tags.map((t) => t.key);
    deps.log.info(`remove ${JSON.stringify(keys)} from ${o.request.resource.arn}: ${o.status}`);
  }
  const text = resultText(outcomes);
  const undo = (choice: string | undefined) => {
    if (choice === 'Undo') return restoreEntries(deps, restorable);
    if (choice === 'Show Log') deps.log.show();
  };
  if (text.level === 'info') {
    void vscode.window.showInformationMessage(text.message, 'Undo').then(undo);
  } else if (outcomes.length === 1) {
    const { request, error } = outcomes[0];
    showAwsError(deps, describeError(error, { action: untagAction(request.resource), resource: request.resource.name }));
  } else {
    deps.log.warn(text.message);
    const show = text.level === 'error' ? vscode.window.showErrorMessage : vscode.window.showWarningMessage;
    const actions = restorable.length > 0 ? ['Undo', 'Show Log'] : ['Show Log'];
    void show(text.message, ...actions).then(undo);
  }
}

function flightKey(t: Target): string {
  return `${t.resource.arn}\n${t.tag.key}`;
}
