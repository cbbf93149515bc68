import * as vscode from 'vscode';
import { mapWithConcurrency } from '../aws/concurrency';
import { policyUsesTag, type PolicyUse } from '../aws/policies';
import { keysForLog } from '../aws/printable';
import type { ResourceStore } from '../aws/resourceStore';
import type { RemovalRequest } from '../aws/tagRemoval';
import { readTags, type Claim, type TagChange, type WriteOutcome } from '../aws/tagWriter';
import type { AwsResource } from '../aws/types';
import { readSettings } from '../connections/settings';
import type { CommandDeps } from './deps';
import { askModal, notify, showAwsError } from './messages';
import { describeError, errorName } from '../aws/errors';
import { isRefusal } from '../aws/writeOutcome';
import { printable } from '../tree/presentation';
import { removalText } from './outcomeText';
import { confirmationText, untagAction, type PolicyFindings } from './removalText';
import { restoreEntries } from './restore';
import { computeImpact, type ImpactRequest } from './accessImpact';
import { impactText } from './impactText';

export interface RemovalPlan {
  readonly store: ResourceStore;
  readonly requests: RemovalRequest[];
}

export interface ConfirmOptions {
  /** Ask even when `awsTags.confirmRemoval` is off (Remove Tag Key Everywhere always asks). */
  readonly always?: boolean;
}

/**
 * Asks before removing: reads every resource's policy and tags first (side by side), puts a policy that uses a
 * removed key in a condition in the first line, names every policy that could not be read, and shows the values
 * AWS holds now. Such a removal is always confirmed, whatever its size and whatever `awsTags.confirmRemoval` says.
 * Resolves to the plans with those values, or undefined when cancelled.
 */
export async function confirmRemoval(
  deps: CommandDeps,
  plans: readonly RemovalPlan[],
  options: ConfirmOptions = {},
): Promise<RemovalPlan[] | undefined> {
  const { findings, onAws, policies } = await readBeforeRemoval(plans);
  const checked = withValuesOnAws(plans, onAws);
  const impact = impactText(await computeImpact(deps, impactRequests(checked, onAws, policies)));
  const mustAsk = options.always || impact.changes || findings.guarded.length > 0 || findings.unreadable.length > 0;
  // Read now, not at the last reload: this setting changes no listing, so it triggers none.
  if (!mustAsk && !readSettings().confirmRemoval) return checked;
  const { message, detail } = confirmationText(
    checked.flatMap((p) => p.requests),
    findings,
    impact,
  );
  const remove = vscode.l10n.t('Remove');
  return (await askModal(message, detail, remove)) === remove ? checked : undefined;
}

async function readBeforeRemoval(
  plans: readonly RemovalPlan[],
): Promise<{ findings: PolicyFindings; onAws: Map<string, AwsResource>; policies: Map<string, PolicyUse> }> {
  const all = plans.flatMap((plan) => plan.requests.map((request) => ({ plan, request })));
  const read = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Reading tags and policies…') },
    () =>
      mapWithConcurrency(all, 8, ({ plan, request }) =>
        Promise.all([
          plan.store.policies.use(request.resource, { fresh: true }),
          readTags(plan.store, request.resource).catch(() => undefined),
        ]),
      ),
  );
  const guarded: Array<{ resource: AwsResource; keys: string[] }> = [];
  const unreadable: AwsResource[] = [];
  const onAws = new Map<string, AwsResource>();
  const policies = new Map<string, PolicyUse>();
  for (const { item, value } of read) {
    const [policy, current] = value ?? [];
    if (policy) policies.set(item.request.resource.arn, policy);
    const keys = item.request.tags.map((t) => t.key).filter((key) => policyUsesTag(policy, key));
    if (keys.length > 0) guarded.push({ resource: item.request.resource, keys });
    if (!policy?.keys) unreadable.push(item.request.resource);
    if (current) onAws.set(current.arn, current);
  }
  return { findings: { guarded, unreadable }, onAws, policies };
}

// Someone may have changed a value since the tree listed it: the dialog shows the value on AWS. The history keeps
// the value the write path reads again just before each call.
function withValuesOnAws(plans: readonly RemovalPlan[], onAws: Map<string, AwsResource>): RemovalPlan[] {
  return plans.map((plan) => ({
    ...plan,
    requests: plan.requests.map((request) => {
      const read = onAws.get(request.resource.arn);
      if (!read?.tags) return request;
      const resource = {
        ...request.resource,
        ...(read.kind === 'secret' ? { replicaRegions: read.replicaRegions } : {}),
      } as AwsResource;
      return {
        resource,
        tags: request.tags.map((t) => ({
          key: t.key,
          value: read.tags?.find((aws) => aws.key === t.key)?.value ?? t.value,
        })),
      };
    }),
  }));
}

/**
 * Remove Tag and Remove Tag Key Everywhere alike: claims the keys first (a second click, or an overlapping run,
 * while this one still asks or calls sends nothing), confirms the keys it holds, then runs the removal.
 */
export async function confirmAndRemove(
  deps: CommandDeps,
  plans: readonly RemovalPlan[],
  options: ConfirmOptions & { cancellable?: boolean } = {},
): Promise<void> {
  const held = deps.writer.claim(removalChanges(plans));
  try {
    if (held.changes.length === 0) return;
    const confirmed = await confirmRemoval(deps, onlyHeld(plans, held.changes), options);
    if (confirmed) await runRemoval(deps, { ...held, changes: removalChanges(confirmed) }, options);
  } finally {
    held.release();
  }
}

/** The plans narrowed to the keys the claim holds. */
function onlyHeld(plans: readonly RemovalPlan[], held: readonly TagChange[]): RemovalPlan[] {
  const keys = new Set(held.flatMap((c) => c.remove.map((k) => `${c.resource.arn}\n${k}`)));
  return plans
    .map((p) => ({
      ...p,
      requests: p.requests
        .map((r) => ({ ...r, tags: r.tags.filter((t) => keys.has(`${r.resource.arn}\n${t.key}`)) }))
        .filter((r) => r.tags.length > 0),
    }))
    .filter((p) => p.requests.length > 0);
}

function removalChanges(plans: readonly RemovalPlan[]): TagChange[] {
  return plans.flatMap(({ store, requests }) =>
    requests.map((r) => ({ store, resource: r.resource, remove: r.tags.map((t) => t.key), set: [] })),
  );
}

/**
 * Runs confirmed removals for Remove Tag and Remove Tag Key Everywhere alike, through the write path, with a
 * progress notification, then one report with Undo.
 */
export async function runRemoval(
  deps: CommandDeps,
  claim: Claim,
  options: { cancellable?: boolean } = {},
): Promise<WriteOutcome[]> {
  const total = claim.changes.length;
  const outcomes = await vscode.window.withProgress(
    {
      location: vscode.ProgressLocation.Notification,
      title: vscode.l10n.t('Removing tags'),
      cancellable: options.cancellable ?? false,
    },
    async (progress, token) => {
      let done = 0;
      const onOutcome = () => {
        done++;
        if (total > 1)
          progress.report({ message: vscode.l10n.t('{0} of {1} resources', done, total), increment: 100 / total });
      };
      return deps.writer.apply(claim, { onOutcome, isCancelled: () => token.isCancellationRequested });
    },
  );
  report(deps, outcomes);
  return outcomes;
}

function report(deps: CommandDeps, outcomes: readonly WriteOutcome[]): void {
  for (const o of outcomes) {
    deps.log.info(
      `remove ${keysForLog(o.change.remove)} from ${o.change.resource.arn}: ${o.status}` +
        (o.error !== undefined ? ` (call failed: ${errorName(o.error)})` : ''),
    );
  }
  if (outcomes.length === 0) return;
  const [only] = outcomes;
  if (outcomes.length === 1 && (only.status === 'gone' || (only.status === 'notApplied' && isRefusal(only.error)))) {
    // AWS refused (or the resource is gone): the message offers what can fix it (Select Profile, Refresh Credentials).
    return showAwsError(
      deps,
      describeError(only.error, {
        action: untagAction(only.change.resource),
        resource: printable(only.change.resource.name),
      }),
    );
  }
  const text = removalText(outcomes);
  const undo = outcomes
    .filter((o) => o.status === 'applied' || o.status === 'unknown')
    .flatMap((o) => o.entries.map((e) => e.id));
  const undoLabel = vscode.l10n.t('Undo');
  const showLog = vscode.l10n.t('Show Log');
  const actions = [...(text.undoable ? [undoLabel] : []), ...(text.level === 'info' ? [] : [showLog])];
  if (text.level !== 'info') deps.log.warn(text.message);
  void notify(text.level, text.message, ...actions).then(async (choice) => {
    if (choice === showLog) deps.log.show();
    if (choice !== undoLabel) return;
    const ids = new Set(undo);
    await restoreEntries(
      deps,
      (await deps.history.list()).filter((e) => ids.has(e.id)),
    );
  });
}

/** Each resource's tags as AWS holds them now, and without the keys to remove, for the access impact. */
function impactRequests(
  plans: readonly RemovalPlan[],
  onAws: ReadonlyMap<string, AwsResource>,
  policies: ReadonlyMap<string, PolicyUse>,
): ImpactRequest[] {
  return plans.flatMap(({ store, requests }) =>
    requests.map((r) => {
      const before = onAws.get(r.resource.arn)?.tags ?? r.resource.tags ?? [];
      const removed = new Set(r.tags.map((t) => t.key));
      return {
        store,
        resource: r.resource,
        before,
        after: before.filter((t) => !removed.has(t.key)),
        policy: policies.get(r.resource.arn),
      };
    }),
  );
}
