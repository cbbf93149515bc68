import * as vscode from 'vscode';
import { describeError } from '../aws/errors';
import type { ScopeStore } from '../aws/scopeStore';
import { removeTags, type RemovalOutcome, type RemovalRequest } from '../aws/tagRemoval';
import type { HistoryEntry } from '../history';
import type { CommandDeps } from './deps';
import { showAwsError } from './messages';
import { resultText, untagAction } from './removalText';
import { restoreEntries } from './restore';

export interface RemovalPlan {
  readonly store: ScopeStore;
  readonly requests: RemovalRequest[];
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

function report(deps: CommandDeps, outcomes: RemovalOutcome[], restorable: HistoryEntry[]): void {
  for (const o of outcomes) {
    const keys = o.request.tags.map((t) => t.key);
    deps.log.info(`remove ${JSON.stringify(keys)} from ${o.request.resource.arn}: ${o.status}`);
  }
  if (outcomes.length === 0) return;
  const text = resultText(outcomes);
  const answer = (choice: string | undefined) => {
    if (choice === 'Undo') return restoreEntries(deps, restorable);
    if (choice === 'Show Log') deps.log.show();
  };
  if (text.level === 'info') {
    void vscode.window.showInformationMessage(text.message, 'Undo').then(answer);
  } else if (outcomes.length === 1) {
    const { request, error } = outcomes[0];
    showAwsError(deps, describeError(error, { action: untagAction(request.resource), resource: request.resource.name }));
  } else {
    deps.log.warn(text.message);
    const show = text.level === 'error' ? vscode.window.showErrorMessage : vscode.window.showWarningMessage;
    const actions = restorable.length > 0 ? ['Undo', 'Show Log'] : ['Show Log'];
    void show(text.message, ...actions).then(answer);
  }
}
