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
import { parseUrlEncodedPolicy } from './parsePolicy';
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
  const warnings: string[] = [];
  const managed = new Map((details.Policies ?? []).map((p) => [p.Arn ?? '', p]));
  const read = (owner: string, name: string, encoded: string | undefined): NormalizedPolicy | undefined => {
    try {
      if (encoded === undefined) throw new Error('no document');
      return parseUrlEncodedPolicy(encoded);
    } catch (error) {
      warnings.push(`${owner}: policy ${name} could not be read (${(error as Error).message})`);
      return undefined;
    }
  };
  const managedDocument = (owner: string, arn: string | undefined) => {
    const policy = arn === undefined ? undefined : managed.get(arn);
    if (!policy) {
      warnings.push(`${owner}: managed policy ${arn ?? '(no ARN)'} is not in IAM's answer`);
      return undefined;
    }
    const document = read(owner, policy.PolicyName ?? arn ?? '', defaultVersion(policy));
    return document && { name: policy.PolicyName ?? arn ?? '', document };
  };
  const policiesOf = (
    owner: string,
    inline: readonly PolicyDetail[] | undefined,
    attached: readonly AttachedPolicy[] | undefined,
    source: IdentityPolicySource,
  ): IdentityPolicy[] => [
    ...(inline ?? []).flatMap((p) => {
      const document = read(owner, p.PolicyName ?? '', p.PolicyDocument);
      return document
        ? [
            {
              name: p.PolicyName ?? '',
              source: source.kind === 'group' ? source : { kind: 'inline' as const },
              document,
            },
          ]
        : [];
    }),
    ...(attached ?? []).flatMap((a) => {
      const found = managedDocument(owner, a.PolicyArn);
      return found ? [{ ...found, source: source.kind === 'group' ? source : { kind: 'managed' as const } }] : [];
    }),
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
  const boundaryOf = (owner: string, arn: string | undefined) => (arn ? managedDocument(owner, arn) : undefined);

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
      permissionsBoundary: boundaryOf(owner, role.PermissionsBoundary?.PermissionsBoundaryArn),
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
      permissionsBoundary: boundaryOf(owner, user.PermissionsBoundary?.PermissionsBoundaryArn),
    });
  }
  return {
    principals: principals.map(compilePrincipal),
    roles: principals.filter((p) => p.kind === 'role').length,
    users: principals.filter((p) => p.kind === 'user').length,
    warnings,
    loadedAt,
  };
}

function defaultVersion(policy: ManagedPolicyDetail): string | undefined {
  const versions = policy.PolicyVersionList ?? [];
  return (versions.find((v) => v.IsDefaultVersion) ?? versions.find((v) => v.VersionId === policy.DefaultVersionId))
    ?.Document;
}

function tagsOf(tags: readonly IamTag[] | undefined) {
  return (tags ?? []).map((t) => ({ key: t.Key ?? '', value: t.Value ?? '' }));
}
