// IAM's users, groups, roles and customer managed policies: one set per account, as IAM is global.
import { AwsError } from './errors';
import { checkName, checkPath, checkPolicyDocument } from './iam-params';
import { AWS_MANAGED_POLICIES, iamId } from './iam-managed';
import type { ManagedPolicy } from './iam-managed';

export type EntityKind = 'user' | 'group' | 'role';

export interface IamTag {
  Key: string;
  Value: string;
}

export interface IamEntity {
  kind: EntityKind;
  name: string;
  id: string;
  arn: string;
  path: string;
  createdMs: number;
  /** Inline policies by name, in the order they were first put. */
  inlinePolicies: Map<string, string>;
  /** ARNs of the attached managed policies, in attachment order. */
  attached: string[];
  /** Users and roles: the managed policy that bounds their permissions. */
  boundary?: string;
  tags: IamTag[];
  /** Users: the groups they belong to. */
  groups: string[];
  /** Roles: the trust policy. */
  trustPolicy?: string;
  description?: string;
}

export interface EntityInit {
  name: string;
  path?: string;
  trustPolicy?: string;
  description?: string;
  boundary?: string;
  tags?: IamTag[];
}

const ID_PREFIX: Record<EntityKind, string> = { user: 'AIDA', group: 'AGPA', role: 'AROA' };
const NAME_LIMIT: Record<EntityKind, number> = { user: 64, group: 128, role: 64 };
const TAG_LIMIT = 50;

const byName = (a: { name: string }, b: { name: string }): number =>
  a.name.toLowerCase() < b.name.toLowerCase() ? -1 : a.name.toLowerCase() > b.name.toLowerCase() ? 1 : 0;

export class IamState {
  // IAM names are unique regardless of case, and found regardless of case.
  private readonly entities: Record<EntityKind, Map<string, IamEntity>> = {
    user: new Map(),
    group: new Map(),
    role: new Map(),
  };
  private readonly customerPolicies = new Map<string, ManagedPolicy>();

  constructor(private readonly accountId: () => string) {}

  clear(): void {
    for (const m of Object.values(this.entities)) m.clear();
    this.customerPolicies.clear();
  }

  /** Sorted by name, as IAM lists them. */
  list(kind: EntityKind): IamEntity[] {
    return [...this.entities[kind].values()].sort(byName);
  }

  /** Customer managed policies, sorted by name. */
  localPolicies(): ManagedPolicy[] {
    return [...this.customerPolicies.values()].sort(byName);
  }

  /** AWS managed policies attached to at least one user, group or role. */
  awsPoliciesInUse(): ManagedPolicy[] {
    return AWS_MANAGED_POLICIES.filter((p) => this.attachmentCount(p.arn) > 0);
  }

  get(kind: EntityKind, name: string): IamEntity {
    const found = this.entities[kind].get(name.toLowerCase());
    if (!found) throw new AwsError('NoSuchEntity', `The ${kind} with name ${name} cannot be found.`, 404);
    return found;
  }

  create(kind: EntityKind, init: EntityInit, now: number): IamEntity {
    checkName(init.name, `${kind}Name`, NAME_LIMIT[kind]);
    const path = init.path ?? '/';
    checkPath(path);
    if (init.trustPolicy !== undefined) checkPolicyDocument(init.trustPolicy, false);
    if (this.entities[kind].has(init.name.toLowerCase())) {
      const noun = kind[0].toUpperCase() + kind.slice(1);
      throw new AwsError('EntityAlreadyExists', `${noun} with name ${init.name} already exists.`, 409);
    }
    if (init.boundary !== undefined) this.policy(init.boundary);
    const entity: IamEntity = {
      kind,
      name: init.name,
      id: iamId(ID_PREFIX[kind], `${this.accountId()}/${kind}/${init.name.toLowerCase()}`),
      arn: `arn:aws:iam::${this.accountId()}:${kind}${path}${init.name}`,
      path,
      createdMs: now,
      inlinePolicies: new Map(),
      attached: [],
      boundary: init.boundary,
      tags: [],
      groups: [],
      trustPolicy: init.trustPolicy,
      description: init.description,
    };
    this.entities[kind].set(init.name.toLowerCase(), entity);
    if (init.tags?.length && kind !== 'group') this.tag(kind, init.name, init.tags);
    return entity;
  }

  createPolicy(
    init: { name: string; path?: string; document: string; description?: string },
    now: number,
  ): ManagedPolicy {
    checkName(init.name, 'policyName', 128);
    const path = init.path ?? '/';
    checkPath(path);
    checkPolicyDocument(init.document, true);
    if (this.localPolicies().some((p) => p.name.toLowerCase() === init.name.toLowerCase())) {
      const message = `A policy called ${init.name} already exists. Duplicate names are not allowed.`;
      throw new AwsError('EntityAlreadyExists', message, 409);
    }
    const policy: ManagedPolicy = {
      name: init.name,
      id: iamId('ANPA', `${this.accountId()}/policy/${init.name.toLowerCase()}`),
      arn: `arn:aws:iam::${this.accountId()}:policy${path}${init.name}`,
      path,
      description: init.description,
      document: init.document,
      versionId: 'v1',
      createdMs: now,
      updatedMs: now,
      awsManaged: false,
    };
    this.customerPolicies.set(policy.arn, policy);
    return policy;
  }

  /** A customer or AWS managed policy by ARN. */
  policy(arn: string): ManagedPolicy {
    if (!/^arn:aws[\w-]*:iam::(\d{12}|aws):policy\//.test(arn))
      throw new AwsError('InvalidInput', `ARN ${arn} is not valid.`);
    const found = this.customerPolicies.get(arn) ?? AWS_MANAGED_POLICIES.find((p) => p.arn === arn);
    if (!found) throw new AwsError('NoSuchEntity', `Policy ${arn} does not exist or is not attachable.`, 404);
    return found;
  }

  /** Attaching a policy that is already attached changes nothing, as in IAM. */
  attach(kind: EntityKind, name: string, policyArn: string): void {
    const entity = this.get(kind, name);
    this.policy(policyArn);
    if (!entity.attached.includes(policyArn)) entity.attached.push(policyArn);
  }

  putInline(kind: EntityKind, name: string, policyName: string, document: string): void {
    const entity = this.get(kind, name);
    checkName(policyName, 'policyName', 128);
    checkPolicyDocument(document, true);
    entity.inlinePolicies.set(policyName, document);
  }

  setBoundary(kind: 'user' | 'role', name: string, policyArn: string): void {
    const entity = this.get(kind, name);
    this.policy(policyArn);
    entity.boundary = policyArn;
  }

  /** Adds or replaces tags by key. */
  tag(kind: 'user' | 'role', name: string, tags: IamTag[]): void {
    const entity = this.get(kind, name);
    const merged = new Map(entity.tags.map((t) => [t.Key, t.Value]));
    for (const t of tags) merged.set(t.Key, t.Value);
    if (merged.size > TAG_LIMIT) {
      const quota = `Tags${kind === 'role' ? 'PerRole' : 'PerUser'}`;
      throw new AwsError('LimitExceeded', `Cannot exceed quota for ${quota}: ${TAG_LIMIT}.`, 409);
    }
    entity.tags = [...merged].map(([Key, Value]) => ({ Key, Value }));
  }

  addUserToGroup(userName: string, groupName: string): void {
    const group = this.get('group', groupName);
    const user = this.get('user', userName);
    if (!user.groups.includes(group.name)) user.groups.push(group.name);
  }

  attachmentCount(policyArn: string): number {
    return this.all().filter((e) => e.attached.includes(policyArn)).length;
  }

  boundaryUsageCount(policyArn: string): number {
    return this.all().filter((e) => e.boundary === policyArn).length;
  }

  private all(): IamEntity[] {
    return Object.values(this.entities).flatMap((m) => [...m.values()]);
  }

  toJSON(): object {
    const plain = (e: IamEntity) => ({ ...e, inlinePolicies: Object.fromEntries(e.inlinePolicies) });
    return {
      users: this.list('user').map(plain),
      groups: this.list('group').map(plain),
      roles: this.list('role').map(plain),
      policies: this.localPolicies(),
    };
  }
}
