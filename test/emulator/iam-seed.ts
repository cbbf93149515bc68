// A seed's IAM part: policies first, then groups, users (joining their groups) and roles.
import { AWS_MANAGED_POLICIES } from './iam-managed';
import type { EntityKind, IamState } from './iam-state';
import { DAY_MS } from './state';
import { smTags } from './tags';
import type { SeedIam, SeedIamGroup, SeedPolicyDocument, SeedTags } from './types';

const text = (d: SeedPolicyDocument): string => (typeof d === 'string' ? d : JSON.stringify(d, null, 2));

const tagList = (tags: SeedTags | undefined) => (tags === undefined ? [] : smTags(tags));

/** A managed policy by ARN, or by name: this account's customer managed policy first, then an AWS managed one. */
function policyArn(iam: IamState, ref: string): string {
  if (ref.startsWith('arn:')) return ref;
  const found = iam.localPolicies().find((p) => p.name === ref) ?? AWS_MANAGED_POLICIES.find((p) => p.name === ref);
  if (!found) throw new Error(`no managed policy named ${ref}`);
  return found.arn;
}

function rootTrust(accountId: string): string {
  const statement = { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${accountId}:root` }, Action: 'sts:AssumeRole' };
  return text({ Version: '2012-10-17', Statement: [statement] });
}

function addPolicies(iam: IamState, kind: EntityKind, s: SeedIamGroup): void {
  for (const [name, doc] of Object.entries(s.inlinePolicies ?? {})) iam.putInline(kind, s.name, name, text(doc));
  for (const ref of s.attachedPolicies ?? []) iam.attach(kind, s.name, policyArn(iam, ref));
}

export function applyIamSeed(iam: IamState, accountId: string, seed: SeedIam, now: number): void {
  const created = (daysAgo: number | undefined): number => now - (daysAgo ?? 60) * DAY_MS;
  try {
    for (const p of seed.policies ?? []) {
      const init = { name: p.name, path: p.path, description: p.description, document: text(p.document) };
      iam.createPolicy(init, created(p.createdDaysAgo));
    }
    for (const g of seed.groups ?? []) {
      iam.create('group', { name: g.name, path: g.path }, created(g.createdDaysAgo));
      addPolicies(iam, 'group', g);
    }
    for (const u of seed.users ?? []) {
      const boundary = u.permissionsBoundary === undefined ? undefined : policyArn(iam, u.permissionsBoundary);
      const init = { name: u.name, path: u.path, boundary, tags: tagList(u.tags) };
      iam.create('user', init, created(u.createdDaysAgo));
      addPolicies(iam, 'user', u);
      for (const g of u.groups ?? []) iam.addUserToGroup(u.name, g);
    }
    for (const r of seed.roles ?? []) {
      const boundary = r.permissionsBoundary === undefined ? undefined : policyArn(iam, r.permissionsBoundary);
      const trustPolicy = r.assumeRolePolicy === undefined ? rootTrust(accountId) : text(r.assumeRolePolicy);
      const init = {
        name: r.name,
        path: r.path,
        boundary,
        tags: tagList(r.tags),
        trustPolicy,
        description: r.description,
      };
      iam.create('role', init, created(r.createdDaysAgo));
      addPolicies(iam, 'role', r);
    }
  } catch (e) {
    throw new Error(`seed: iam: ${(e as Error).message}`);
  }
}
