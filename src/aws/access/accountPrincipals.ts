// Every role and user of an account with the policies that apply to it, from IAM's GetAccountAuthorizationDetails
// (one paginated call gives users, groups, roles and managed policies with their versions). Built into the
// evaluator's shapes once per account; the evaluator never calls AWS.
import {
  paginateGetAccountAuthorizationDetails,
  type AttachedPolicy,
  type GetAccountAuthorizationDetailsCommandOutput,
  type IAMClient,
  type ManagedPolicyDetail,
  type PolicyDetail,
  type Tag as IamTag,
} from '@aws-sdk/client-iam';
import { compilePrincipal, type CompiledPrincipal } from './compile';
import { normalizePolicy, parseUrlEncodedPolicy } from './parsePolicy';
import type { AccessPrincipal, IdentityPolicy, IdentityPolicySource, NormalizedPolicy } from './types';

export interface AccountPrincipals {
  readonly principals: readonly CompiledPrincipal[];
  readonly roles: number;
  readonly users: number;
  /** Policies that could not be read (unparsable, or a managed policy missing from the answer): named, not guessed. */
  readonly warnings: readonly string[];
  readonly loadedAt: number;
}

type Details = Pick<
  GetAccountAuthorizationDetailsCommandOutput,
  'UserDetailList' | 'GroupDetailList' | 'RoleDetailList' | 'Policies'
>;

/** IAM's largest page (MaxItems): the fewest round trips, which at 80 ms each are most of the wait. */
const PAGE_SIZE = 1000;

/** Reads every page; `onPage` gets the number of principals read so far, for progress. */
export async function loadAccountPrincipals(
  iam: IAMClient,
  onPage?: (principalsSoFar: number) => void,
  pageSize = PAGE_SIZE,
): Promise<AccountPrincipals> {
  const all: Required<Details> = { UserDetailList: [], GroupDetailList: [], RoleDetailList: [], Policies: [] };
  for await (const page of paginateGetAccountAuthorizationDetails({ client: iam, pageSize }, {})) {
    all.UserDetailList.push(...(page.UserDetailList ?? []));
    all.GroupDetailList.push(...(page.GroupDetailList ?? []));
    all.RoleDetailList.push(...(page.RoleDetailList ?? []));
    all.Policies.push(...(page.Policies ?? []));
    onPage?.(all.UserDetailList.length + all.RoleDetailList.length);
  }
  return principalsFrom(all);
}

/** Pure: the SDK's answer to the evaluator's principals. */
export function principalsFrom(details: Details, loadedAt = Date.now()): AccountPrincipals {
  const warnings = new Set<string>();
  const managed = new Map((details.Policies ?? []).map((p) => [p.Arn ?? '', p]));
  // A policy that applies but cannot be read stands in as one whose every effect "depends on" it: never guessed.
  const read = (owner: string, name: string, encoded: string | undefined): NormalizedPolicy => {
    try {
      if (encoded === undefined) throw new Error('no document');
      return parseUrlEncodedPolicy(encoded);
    } catch (error) {
      warnings.add(`${owner}: policy ${name} could not be read (${(error as Error).message})`);
      return unreadable(name);
    }
  };
  // Parsed once per ARN, however many roles attach it: one document object, compiled once.
  const parsedManaged = new Map<string, { name: string; document: NormalizedPolicy }>();
  const managedDocument = (arn: string | undefined) => {
    const key = arn ?? '(no ARN)';
    let found = parsedManaged.get(key);
    if (!found) {
      const policy = arn === undefined ? undefined : managed.get(arn);
      if (!policy) {
        warnings.add(`managed policy ${key} is not in IAM's answer`);
        found = { name: key, document: unreadable(key) };
      } else {
        const name = policy.PolicyName ?? key;
        found = { name, document: read(`managed policy ${key}`, name, defaultVersion(policy)) };
      }
      parsedManaged.set(key, found);
    }
    return found;
  };
  const policiesOf = (
    owner: string,
    inline: readonly PolicyDetail[] | undefined,
    attached: readonly AttachedPolicy[] | undefined,
    source: IdentityPolicySource,
  ): IdentityPolicy[] => [
    ...(inline ?? []).map((p) => ({
      name: p.PolicyName ?? '',
      source: source.kind === 'group' ? source : { kind: 'inline' as const },
      document: read(owner, p.PolicyName ?? '', p.PolicyDocument),
    })),
    ...(attached ?? []).map((a) => ({
      ...managedDocument(a.PolicyArn),
      source: source.kind === 'group' ? source : { kind: 'managed' as const },
    })),
  ];
  const groups = new Map(
    (details.GroupDetailList ?? []).map((g) => [
      g.GroupName ?? '',
      policiesOf(`group/${g.GroupName}`, g.GroupPolicyList, g.AttachedManagedPolicies, {
        kind: 'group',
        groupName: g.GroupName ?? '',
      }),
    ]),
  );
  const boundaryOf = (arn: string | undefined) => (arn ? managedDocument(arn) : undefined);

  const principals: AccessPrincipal[] = [];
  for (const role of details.RoleDetailList ?? []) {
    const owner = `role/${role.RoleName}`;
    principals.push({
      kind: 'role',
      name: role.RoleName ?? '',
      arn: role.Arn ?? '',
      id: role.RoleId,
      tags: tagsOf(role.Tags),
      policies: policiesOf(owner, role.RolePolicyList, role.AttachedManagedPolicies, { kind: 'inline' }),
      permissionsBoundary: boundaryOf(role.PermissionsBoundary?.PermissionsBoundaryArn),
      sessionTags: sessionsMayBeTagged(role.Path, role.AssumeRolePolicyDocument),
    });
  }
  for (const user of details.UserDetailList ?? []) {
    const owner = `user/${user.UserName}`;
    principals.push({
      kind: 'user',
      name: user.UserName ?? '',
      arn: user.Arn ?? '',
      id: user.UserId,
      tags: tagsOf(user.Tags),
      policies: [
        ...policiesOf(owner, user.UserPolicyList, user.AttachedManagedPolicies, { kind: 'inline' }),
        ...(user.GroupList ?? []).flatMap((g) => groups.get(g) ?? []),
      ],
      permissionsBoundary: boundaryOf(user.PermissionsBoundary?.PermissionsBoundaryArn),
    });
  }
  return {
    principals: principals.map(compilePrincipal),
    roles: principals.filter((p) => p.kind === 'role').length,
    users: principals.filter((p) => p.kind === 'user').length,
    warnings: [...warnings],
    loadedAt,
  };
}

/** Stands for a policy that applies but could not be read: whatever it could allow or deny depends on it. */
function unreadable(name: string): NormalizedPolicy {
  const unknowable = { Null: { [`aws:UnreadablePolicy/${name}`]: 'false' } };
  return normalizePolicy({
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Action: '*', Resource: '*', Condition: unknowable },
      { Effect: 'Deny', Action: '*', Resource: '*', Condition: unknowable },
    ],
  });
}

/**
 * Sessions of this role may carry session tags, which override its own: IAM Identity Center's roles (attributes for
 * access control), federation, or a trust policy that allows sts:TagSession ("Pass session tags in AWS STS").
 */
function sessionsMayBeTagged(path: string | undefined, trust: string | undefined): boolean {
  if (path?.startsWith('/aws-reserved/sso.amazonaws.com/')) return true;
  let text = trust ?? '';
  try {
    text = decodeURIComponent(text);
  } catch {
    // as sent
  }
  return /sts:TagSession|sts:\*|"Federated"|AssumeRoleWithSAML|AssumeRoleWithWebIdentity/i.test(text);
}

function defaultVersion(policy: ManagedPolicyDetail): string | undefined {
  const versions = policy.PolicyVersionList ?? [];
  return (versions.find((v) => v.IsDefaultVersion) ?? versions.find((v) => v.VersionId === policy.DefaultVersionId))
    ?.Document;
}

function tagsOf(tags: readonly IamTag[] | undefined) {
  return (tags ?? []).map((t) => ({ key: t.Key ?? '', value: t.Value ?? '' }));
}
