// Gathers what the access impact of a change needs: each account's principals (read once, cached, with progress)
// and the caller, then evaluates each resource's tags before and after against its policy read just now.
import * as vscode from 'vscode';
import type { ChangeImpact, ChangeInput } from '../aws/access/changeImpact';
import { describeError } from '../aws/errors';
import type { PolicyUse } from '../aws/policies';
import type { ResourceStore } from '../aws/resourceStore';
import type { AwsResource, Tag } from '../aws/types';
import type { CommandDeps } from './deps';

export interface ImpactRequest {
  readonly store: ResourceStore;
  readonly resource: AwsResource;
  readonly before: readonly Tag[];
  readonly after: readonly Tag[];
  readonly policy: PolicyUse | undefined;
}

/** Per account: the impact, or why it could not be computed. */
export type ImpactReport =
  | { readonly kind: 'computed'; readonly accountId: string; readonly impact: ChangeImpact }
  | { readonly kind: 'unavailable'; readonly accountId: string; readonly reason: string };

export async function computeImpact(deps: CommandDeps, requests: readonly ImpactRequest[]): Promise<ImpactReport[]> {
  const byAccount = new Map<string, ImpactRequest[]>();
  for (const request of requests) {
    const accountId = request.resource.arn.split(':')[4] ?? '';
    byAccount.set(accountId, [...(byAccount.get(accountId) ?? []), request]);
  }
  // The evaluator lives in the AWS chunk, loaded on first listing: activation does not pay for it.
  const { changeImpact } = await import('../aws/openScope.js');
  return Promise.all(
    [...byAccount].map(async ([accountId, group]): Promise<ImpactReport> => {
      const access = group[0].store.services.access;
      if (!access) return { kind: 'unavailable', accountId, reason: vscode.l10n.t('IAM is not available here') };
      try {
        const loading = deps.connections.principals.get(accountId, () =>
          Promise.resolve(loadWithProgress(deps, accountId, access)),
        );
        const [principals, caller] = await Promise.all([withinWait(loading), access.caller().catch(() => undefined)]);
        if (principals === undefined) {
          const reason = vscode.l10n.t(
            "IAM's roles and users are still loading (more than {0} s); the next confirmation will have them.",
            IMPACT_WAIT_MS / 1000,
          );
          return { kind: 'unavailable', accountId, reason };
        }
        const inputs: ChangeInput[] = group.map((r) => ({
          resource: r.resource,
          before: r.before,
          after: r.after,
          policy: r.policy?.text,
          policyUnreadable: r.policy?.keys === undefined,
        }));
        for (const warning of principals.warnings) deps.log.warn(`access impact: ${warning}`);
        return { kind: 'computed', accountId, impact: changeImpact(principals, inputs, caller) };
      } catch (error) {
        const reason = describeError(error, { action: 'iam:GetAccountAuthorizationDetails' }).message;
        deps.log.warn(`access impact for account ${accountId} not computed: ${reason}`);
        return { kind: 'unavailable', accountId, reason };
      }
    }),
  );
}

/**
 * How long a confirmation waits for IAM. A large account, or an IAM endpoint that does not answer, must not hold the
 * dialog: the read goes on in the background and the cache has it for the next change.
 */
export const IMPACT_WAIT_MS = 8_000;

function withinWait<T>(work: Promise<T>): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const waited = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), IMPACT_WAIT_MS);
  });
  return Promise.race([work, waited]).finally(() => clearTimeout(timer));
}

function loadWithProgress(
  deps: CommandDeps,
  accountId: string,
  access: NonNullable<ResourceStore['services']['access']>,
) {
  return vscode.window.withProgress(
    {
      location: vscode.ProgressLocation.Notification,
      title: vscode.l10n.t('Reading the IAM roles and users of account {0}', accountId),
    },
    async (progress) => {
      const started = Date.now();
      const principals = await access.principals((n) => progress.report({ message: vscode.l10n.t('{0} so far', n) }));
      deps.log.info(
        `access impact: ${principals.roles} roles and ${principals.users} users of ${accountId} read in ${Date.now() - started} ms`,
      );
      return principals;
    },
  );
}
