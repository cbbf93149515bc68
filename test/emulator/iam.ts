// IAM operations over the query protocol: each answers its Result element's content, or undefined for none.
import { validationError } from './errors';
import { optParam, memberList, page, param, tagList } from './iam-params';
import type { Params } from './iam-params';
import type { EntityKind, IamState } from './iam-state';
import {
  groupDetail,
  groupShape,
  policyDetail,
  policyShape,
  roleDetail,
  roleShape,
  userDetail,
  userShape,
} from './iam-xml';
import type { XmlValue } from './query';

/** Handlers of operations without output return nothing. */
export type IamHandler = (iam: IamState, p: Params, now: number) => XmlValue | void;

const ENTITY_TYPES = ['User', 'Role', 'Group', 'LocalManagedPolicy', 'AWSManagedPolicy'];

/**
 * One list across users, groups, roles and policies, in that order and each by name, paged as a whole: a page can
 * end in the middle of one list and the next page go on from there. AWS managed policies are listed only while
 * something is attached to them; customer managed ones always.
 */
const getAccountAuthorizationDetails: IamHandler = (iam, p) => {
  const filter = memberList(p, 'Filter');
  const bad = filter.find((f) => !ENTITY_TYPES.includes(f));
  if (bad !== undefined) {
    const set = `Member must satisfy enum value set: [${ENTITY_TYPES.join(', ')}]`;
    throw validationError(`[${filter.join(', ')}]`, 'filter', `Member must satisfy constraint: [${set}]`);
  }
  const wants = (type: string): boolean => filter.length === 0 || filter.includes(type);
  type Entry = [list: 'UserDetailList' | 'GroupDetailList' | 'RoleDetailList' | 'Policies', value: XmlValue];
  const policies = [
    ...(wants('LocalManagedPolicy') ? iam.localPolicies() : []),
    ...(wants('AWSManagedPolicy') ? iam.awsPoliciesInUse() : []),
  ].sort((a, b) => (a.name.toLowerCase() < b.name.toLowerCase() ? -1 : 1));
  const entries: Entry[] = [
    ...(wants('User') ? iam.list('user').map((e): Entry => ['UserDetailList', userDetail(iam, e)]) : []),
    ...(wants('Group') ? iam.list('group').map((e): Entry => ['GroupDetailList', groupDetail(iam, e)]) : []),
    ...(wants('Role') ? iam.list('role').map((e): Entry => ['RoleDetailList', roleDetail(iam, e)]) : []),
    ...policies.map((pol): Entry => ['Policies', policyDetail(iam, pol)]),
  ];
  const { items, IsTruncated, Marker } = page(p, entries);
  const pick = (list: Entry[0]): XmlValue[] => items.filter(([l]) => l === list).map(([, v]) => v);
  return {
    UserDetailList: pick('UserDetailList'),
    GroupDetailList: pick('GroupDetailList'),
    RoleDetailList: pick('RoleDetailList'),
    Policies: pick('Policies'),
    IsTruncated,
    Marker,
  };
};

const NOUNS: Record<EntityKind, 'User' | 'Group' | 'Role'> = { user: 'User', group: 'Group', role: 'Role' };
const nameOf = (p: Params, kind: EntityKind): string => param(p, `${NOUNS[kind]}Name`);

/** AttachXPolicy and PutXPolicy have the same shape for users, groups and roles. */
function perKind(kind: EntityKind): Record<string, IamHandler> {
  const noun = NOUNS[kind];
  return {
    [`Attach${noun}Policy`]: (iam, p) => iam.attach(kind, nameOf(p, kind), param(p, 'PolicyArn')),
    [`Put${noun}Policy`]: (iam, p) =>
      iam.putInline(kind, nameOf(p, kind), param(p, 'PolicyName'), param(p, 'PolicyDocument')),
  };
}

/** Users and roles also take a permissions boundary and tags. */
function boundedKind(kind: 'user' | 'role'): Record<string, IamHandler> {
  const noun = NOUNS[kind];
  return {
    [`Put${noun}PermissionsBoundary`]: (iam, p) =>
      iam.setBoundary(kind, nameOf(p, kind), param(p, 'PermissionsBoundary')),
    [`Tag${noun}`]: (iam, p) => iam.tag(kind, nameOf(p, kind), tagList(p)),
  };
}

export const IAM_OPS: Record<string, IamHandler> = {
  GetAccountAuthorizationDetails: getAccountAuthorizationDetails,
  CreateRole: (iam, p, now) => {
    const role = iam.create(
      'role',
      {
        name: param(p, 'RoleName'),
        path: optParam(p, 'Path'),
        trustPolicy: param(p, 'AssumeRolePolicyDocument'),
        description: optParam(p, 'Description'),
        boundary: optParam(p, 'PermissionsBoundary'),
        tags: tagList(p),
      },
      now,
    );
    return { Role: roleShape(role, true) };
  },
  CreateUser: (iam, p, now) => {
    const init = {
      name: param(p, 'UserName'),
      path: optParam(p, 'Path'),
      boundary: optParam(p, 'PermissionsBoundary'),
    };
    return { User: userShape(iam.create('user', { ...init, tags: tagList(p) }, now)) };
  },
  CreateGroup: (iam, p, now) => ({
    Group: groupShape(iam.create('group', { name: param(p, 'GroupName'), path: optParam(p, 'Path') }, now)),
  }),
  CreatePolicy: (iam, p, now) => {
    const policy = iam.createPolicy(
      {
        name: param(p, 'PolicyName'),
        path: optParam(p, 'Path'),
        document: param(p, 'PolicyDocument'),
        description: optParam(p, 'Description'),
      },
      now,
    );
    return { Policy: policyShape(iam, policy) };
  },
  AddUserToGroup: (iam, p) => iam.addUserToGroup(param(p, 'UserName'), param(p, 'GroupName')),
  GetRole: (iam, p) => ({ Role: roleShape(iam.get('role', param(p, 'RoleName')), true) }),
  ListRoles: (iam, p) => {
    const prefix = optParam(p, 'PathPrefix') ?? '/';
    const { items, IsTruncated, Marker } = page(
      p,
      iam.list('role').filter((r) => r.path.startsWith(prefix)),
    );
    return { Roles: items.map((r) => roleShape(r, false)), IsTruncated, Marker };
  },
  ...perKind('user'),
  ...perKind('group'),
  ...perKind('role'),
  ...boundedKind('user'),
  ...boundedKind('role'),
};
