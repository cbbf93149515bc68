import * as vscode from 'vscode';
import { describeError } from '../aws/errors';
import type { ScopeStore } from '../aws/scopeStore';
import { readBack, removeTags, type RemovalOutcome, type RemovalRequest } from '../aws/tagRemoval';
import type { HistoryEntry } from '../history';
import { readSettings } from '../settings';
import type { CommandDeps } from './deps';
import { askModal, notify, showAwsError } from './messages';
import { mapWithConcurrency } from '../aws/concurrency';
import { policyUsesTag } from '../aws/policies';
import { keysForLog } from '../aws/printable';
import type { AwsResource } from '../aws/types';
import { confirmationText, resultText, untagAction, type PolicyFindings } from './removalText';
import { restoreEntries } from './restore';

export interface RemovalPlan {
  readonly store: ScopeStore;
  readonly requests: RemovalRequest[];
}

// Reading every policy of a 500-resource bulk removal would take long and cost quota: the first ones are enough
// to warn, and the dialog says when some were not read.
const MAX_POLICIES_READ = 50;

/**
 * Asks before removing: reads the policies and the tags of the resources first (side by side, one round trip), puts
 * a policy that uses a removed key in a condition in the first line, and shows the values AWS holds now. Such a
 * removal is always confirmed, even with `awsTags.confirmRemoval` off. Resolves to the plans to run, with those
 * values (which the history then keeps), or undefined when cancelled.
 */
export async function confirmRemoval(plans: readonly RemovalPlan[], always = false): Promise<RemovalPlan[] | undefined> {
  const { findings, onAws } = await readBeforeRemoval(plans);
  const checked = withValuesOnAws(plans, onAws);
  // Read now, not at the last reload: this setting changes no listing, so it triggers none.
  if (!always && !readSettings().confirmRemoval && findings.guarded.length === 0) return checked;
  const { message, detail } = confirmationText(checked.flatMap((p) => p.requests), findings);
  return (await askModal(message, detail, 'Remove')) === 'Remove' ? checked : undefined;
}

async function readBeforeRemoval(plans: readonly RemovalPlan[]): Promise<{ findings: PolicyFindings; onAws: Map<string, AwsResource> }> {
  const all = plans.flatMap((plan) => plan.requests.map((request) => ({ plan, request })));
  const items = all.slice(0, MAX_POLICIES_READ);
  const read = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Reading tags and policies…' }, () =>
    mapWithConcurrency(items, 8, ({ plan, request }) =>
      Promise.all([
        plan.store.policyUse(request.resource, { fresh: true }),
        readBack(plan.store.services, request.resource).catch(() => undefined),
      ]),
    ),
  );
  const guarded: Array<{ resource: AwsResource; keys: string[] }> = [];
  const unreadable: AwsResource[] = [];
  const onAws = new Map<string, AwsResource>();
  for (const { item, value } of read) {
    const [policy, current] = value ?? [];
    const keys = item.request.tags.map((t) => t.key).filter((key) => policyUsesTag(policy, key));
    if (keys.length > 0) guarded.push({ resource: item.request.resource, keys });
    if (!policy?.keys) unreadable.push(item.request.resource);
    if (current) onAws.set(current.arn, current);
  }
  return { findings: { guarded, unreadable, unchecked: all.length - items.length }, onAws };
}

// Someone may have changed a value since the tree listed it: the value on AWS is what the removal takes away.
function withValuesOnAws(plans: readonly RemovalPlan[], onAws: Map<string, AwsResource>): RemovalPlan[] {
  return plans.map((plan) => ({
    ...plan,
    requests: plan.requests.map((request) => {
      const tags = onAws.get(request.resource.arn)?.tags;
      if (!tags) return request;
      return { ...request, tags: request.tags.map((t) => ({ key: t.key, value: tags.find((aws) => aws.key === t.key)?.value ?? t.value })) };
    }),
  }));
}

/**
 * Runs confirmed removals for Remove Tag and Remove Tag Key Everywhere alike: history first, then one paced
 * UntagResource per resource, then what AWS holds into the store, then one report with Undo.
 */
export async function runRemoval(deps: CommandDeps, plans: readonly RemovalPlan[], cancellable = false): Promise<RemovalOutcome[]> {
  const total = plans.reduce((n, p) => n + p.requests.length, 0);
  const results = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Removing tags', cancellable },
    async (progress, token) => {
      let done = 0;
      const onOutcome = () => {
        done++;
        if (total > 1) progress.report({ message: `${done} of ${total} resources`, increment: 100 / total });
      };
      return Promise.all(plans.map((plan) => removeRecorded(deps, plan, onOutcome, () => token.isCancellationRequested)));
    },
  );
  const outcomes = results.flatMap((r) => r.outcomes);
  report(deps, outcomes, results.flatMap((r) => r.restorable));
  return outcomes;
}

/** History first: nothing is removed unless its value is stored. */
async function removeRecorded(deps: CommandDeps, { store, requests }: RemovalPlan, onOutcome: () => void, isCancelled: () => boolean) {
  const entries = await deps.history.record(store.scope, requests);
  const ticket = store.beginWrite();
  const outcomes = await removeTags(store.services, requests, { onOutcome, isCancelled });
  const shown = deps.scopes.storeOf(store.scope) ?? store;
  const restorable: HistoryEntry[] = [];
  outcomes.forEach((outcome, i) => {
    if (outcome.status === 'gone') shown.remove(outcome.request.resource);
    else if (outcome.status === 'removed' && outcome.current) shown.applyWrite(outcome.current, ticket);
    else if (outcome.current) shown.replace(outcome.current);
    if (outcome.status === 'removed') restorable.push(entries[i]);
  });
  await deps.history.setStatus(restorable.map((e) => e.id), 'removed');
  await deps.history.setStatus(entries.filter((e) => !restorable.includes(e)).map((e) => e.id), 'failed');
  return { outcomes, restorable };
}

function report(deps: CommandDeps, outcomes: RemovalOutcome[], restorable: HistoryEntry[]): void {
  for (const o of outcomes) {
    const keys = o.request.tags.map((t) => t.key);
    deps.log.info(`remove ${keysForLog(keys)} from ${o.request.resource.arn}: ${o.status}`);
  }
  if (outcomes.length === 0) return;
  const text = resultText(outcomes);
  const answer = (choice: string | undefined) => {
    if (choice === 'Undo') return restoreEntries(deps, restorable);
    if (choice === 'Show Log') deps.log.show();
  };
  if (text.level === 'info') {
    void notify('info', text.message, 'Undo').then(answer);
  } else if (outcomes.length === 1) {
    const { request, error } = outcomes[0];
    showAwsError(deps, describeError(error, { action: untagAction(request.resource), resource: request.resource.name }));
  } else {
    deps.log.warn(text.message);
    const actions = restorable.length > 0 ? ['Undo', 'Show Log'] : ['Show Log'];
    void notify(text.level === 'error' ? 'error' : 'warning', text.message, ...actions).then(answer);
  }
}
