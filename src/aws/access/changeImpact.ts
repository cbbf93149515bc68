// The access impact of tag changes on resources, for the confirmation: each resource with its tags before and after
// (as read from AWS just now) and its policy, against an account's principals. Pure: callers read AWS.
import type { AwsResource, Tag } from '../types';
import type { AccountPrincipals } from './accountPrincipals';
import { accessImpact } from './impact';
import { parsePolicy } from './parsePolicy';
import type { AccessImpact, AccessResource, NormalizedPolicy, PrincipalImpact } from './types';

export interface ChangeInput {
  readonly resource: AwsResource;
  readonly before: readonly Tag[];
  readonly after: readonly Tag[];
  /** The secret's resource policy or the key's key policy as AWS returned it; undefined: a secret with none. */
  readonly policy: string | undefined;
  /** The policy could not be read: the impact of this resource cannot be known. */
  readonly policyUnreadable?: boolean;
}

export interface ResourceImpact {
  readonly resource: AwsResource;
  /** Principals whose access changes; empty when nothing changes. */
  readonly principals: readonly PrincipalImpact[];
}

export interface ChangeImpact {
  readonly resources: readonly ResourceImpact[];
  /** Resources whose impact could not be computed, with why. */
  readonly unknown: ReadonlyArray<{ resource: AwsResource; reason: string }>;
  readonly evaluated: { readonly roles: number; readonly users: number };
  /** The caller's own role or user, when it is among the account's principals. */
  readonly callerArn?: string;
  readonly warnings: readonly string[];
}

const NO_POLICY: NormalizedPolicy = { version: undefined, statements: [] };

export function changeImpact(
  principals: AccountPrincipals,
  changes: readonly ChangeInput[],
  caller?: { arn?: string },
): ChangeImpact {
  const resources: ResourceImpact[] = [];
  const unknown: Array<{ resource: AwsResource; reason: string }> = [];
  for (const change of changes) {
    const built = accessResources(change);
    if (typeof built === 'string') {
      unknown.push({ resource: change.resource, reason: built });
      continue;
    }
    const impact: AccessImpact = accessImpact(principals.principals, built.before, built.after);
    resources.push({ resource: change.resource, principals: impact.principals });
  }
  return {
    resources,
    unknown,
    evaluated: { roles: principals.roles, users: principals.users },
    callerArn: callerPrincipalArn(principals, caller?.arn),
    warnings: principals.warnings,
  };
}

/** The resource before and after, or why it cannot be evaluated. */
function accessResources(change: ChangeInput): { before: AccessResource; after: AccessResource } | string {
  const { resource } = change;
  const parts = resource.arn.split(':');
  const accountId = parts[4] ?? '';
  if (change.policyUnreadable) return `its ${resource.kind === 'secret' ? 'resource' : 'key'} policy could not be read`;
  let policy: NormalizedPolicy;
  try {
    policy = change.policy ? parsePolicy(change.policy) : NO_POLICY;
  } catch (error) {
    return `its policy could not be parsed (${(error as Error).message})`;
  }
  if (resource.kind === 'kmsKey' && !change.policy) return 'its key policy could not be read';
  const base = { arn: resource.arn, accountId, region: resource.region };
  const make = (tags: readonly Tag[]): AccessResource =>
    resource.kind === 'secret'
      ? { ...base, service: 'secretsmanager', tags, resourcePolicy: change.policy ? policy : undefined }
      : { ...base, service: 'kms', tags, keyPolicy: policy };
  return { before: make(change.before), after: make(change.after) };
}

/**
 * The caller's principal ARN in IAM terms: an assumed-role session (arn:aws:sts::A:assumed-role/NAME/SESSION) is
 * its role, found by name since the session ARN carries no path; a user is itself.
 */
export function callerPrincipalArn(principals: AccountPrincipals, arn: string | undefined): string | undefined {
  if (!arn) return undefined;
  const session = /^arn:[^:]+:sts::\d{12}:assumed-role\/([^/]+)\//.exec(arn);
  const match = principals.principals.find(({ principal }) =>
    session ? principal.kind === 'role' && principal.name === session[1] : principal.arn === arn,
  );
  return match?.principal.arn;
}
