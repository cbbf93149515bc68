import * as assert from 'node:assert/strict';
import {
  AddUserToGroupCommand,
  AttachGroupPolicyCommand,
  AttachRolePolicyCommand,
  CreateGroupCommand,
  CreatePolicyCommand,
  CreateRoleCommand,
  CreateUserCommand,
  GetAccountAuthorizationDetailsCommand,
  GetRoleCommand,
  ListRolesCommand,
  paginateGetAccountAuthorizationDetails,
  PutGroupPolicyCommand,
  PutRolePermissionsBoundaryCommand,
  PutRolePolicyCommand,
  PutUserPermissionsBoundaryCommand,
  PutUserPolicyCommand,
  TagRoleCommand,
  TagUserCommand,
} from '@aws-sdk/client-iam';
import type { GetAccountAuthorizationDetailsCommandOutput, IAMClient } from '@aws-sdk/client-iam';
import { iamClient, useEmulator } from './helpers';
import { IAM_SEED, READ_PAYMENTS } from './test-seeds';

const decoded = (doc: string | undefined): unknown => JSON.parse(decodeURIComponent(doc ?? ''));
const statement = (Action: string, extra: object = {}) =>
  JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action, Resource: '*', ...extra }] });
const TRUST = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'ecs-tasks.amazonaws.com' }, Action: 'sts:AssumeRole' }],
});

/** Every entry of every page, as `List:name`. */
async function walk(iam: IAMClient, pageSize: number): Promise<{ names: string[]; pages: number[] }> {
  const names: string[] = [];
  const pages: number[] = [];
  for await (const page of paginateGetAccountAuthorizationDetails({ client: iam, pageSize }, {})) {
    const entries = [
      ...(page.UserDetailList ?? []).map((u) => `User:${u.UserName}`),
      ...(page.GroupDetailList ?? []).map((g) => `Group:${g.GroupName}`),
      ...(page.RoleDetailList ?? []).map((r) => `Role:${r.RoleName}`),
      ...(page.Policies ?? []).map((p) => `Policy:${p.PolicyName}`),
    ];
    pages.push(entries.length);
    names.push(...entries);
  }
  return { names, pages };
}

describe('emulator: IAM through the AWS SDK', function () {
  const env = useEmulator(IAM_SEED);
  let iam: IAMClient;
  before(() => (iam = iamClient(env.emu)));
  after(() => iam.destroy());

  it('creates, attaches, puts and tags, and GetAccountAuthorizationDetails returns it all with URL-encoded documents', async () => {
    env.emu.reset({ regions: {} });
    const boundary = await iam.send(
      new CreatePolicyCommand({ PolicyName: 'edge', Path: '/b/', PolicyDocument: statement('secretsmanager:*') }),
    );
    const boundaryArn = boundary.Policy?.Arn ?? '';
    assert.equal(boundaryArn, 'arn:aws:iam::123456789012:policy/b/edge');
    assert.match(boundary.Policy?.PolicyId ?? '', /^ANPA[A-Z2-7]{17}$/);
    const created = await iam.send(
      new CreateRoleCommand({
        RoleName: 'payments-app',
        Path: '/app/',
        AssumeRolePolicyDocument: TRUST,
        Tags: [{ Key: 'Team', Value: 'payments' }],
      }),
    );
    assert.equal(created.Role?.Arn, 'arn:aws:iam::123456789012:role/app/payments-app');
    assert.match(created.Role?.RoleId ?? '', /^AROA[A-Z2-7]{17}$/);
    const abac = statement('secretsmanager:GetSecretValue', {
      Condition: { StringEquals: { 'secretsmanager:ResourceTag/Team': 'payments & co' } },
    });
    await iam.send(new PutRolePolicyCommand({ RoleName: 'payments-app', PolicyName: 'abac', PolicyDocument: abac }));
    await iam.send(
      new AttachRolePolicyCommand({ RoleName: 'payments-app', PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }),
    );
    await iam.send(
      new PutRolePermissionsBoundaryCommand({ RoleName: 'payments-app', PermissionsBoundary: boundaryArn }),
    );
    await iam.send(new TagRoleCommand({ RoleName: 'payments-app', Tags: [{ Key: 'Env', Value: 'prod' }] }));
    assert.match((await iam.send(new CreateUserCommand({ UserName: 'ana' }))).User?.UserId ?? '', /^AIDA[A-Z2-7]{17}$/);
    assert.match(
      (await iam.send(new CreateGroupCommand({ GroupName: 'ops' }))).Group?.GroupId ?? '',
      /^AGPA[A-Z2-7]{17}$/,
    );
    await iam.send(new AddUserToGroupCommand({ UserName: 'ana', GroupName: 'ops' }));
    await iam.send(
      new PutUserPolicyCommand({ UserName: 'ana', PolicyName: 'own', PolicyDocument: statement('kms:Decrypt') }),
    );
    await iam.send(new PutUserPermissionsBoundaryCommand({ UserName: 'ana', PermissionsBoundary: boundaryArn }));
    await iam.send(new TagUserCommand({ UserName: 'ana', Tags: [{ Key: 'Team', Value: 'platform' }] }));
    await iam.send(
      new PutGroupPolicyCommand({ GroupName: 'ops', PolicyName: 'g', PolicyDocument: statement('kms:List*') }),
    );
    await iam.send(new AttachGroupPolicyCommand({ GroupName: 'ops', PolicyArn: boundaryArn }));

    const d = await iam.send(new GetAccountAuthorizationDetailsCommand({}));
    assert.equal(d.IsTruncated, false);
    assert.equal(d.Marker, undefined);
    const role = d.RoleDetailList?.[0];
    assert.equal(role?.RoleName, 'payments-app');
    assert.equal(role?.Path, '/app/');
    assert.ok(role?.CreateDate instanceof Date);
    // The SDK for JavaScript hands policy documents over as IAM sends them: URL-encoded.
    const inline = role?.RolePolicyList?.[0]?.PolicyDocument ?? '';
    assert.match(inline, /^%7B%22Version%22%3A%222012-10-17%22/);
    assert.ok(!/[ "{}&+]/.test(inline), inline);
    assert.deepEqual(decoded(inline), JSON.parse(abac));
    assert.deepEqual(decoded(role?.AssumeRolePolicyDocument), JSON.parse(TRUST));
    assert.deepEqual(role?.AttachedManagedPolicies, [
      { PolicyName: 'ReadOnlyAccess', PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' },
    ]);
    assert.deepEqual(role?.PermissionsBoundary, {
      PermissionsBoundaryType: 'Policy',
      PermissionsBoundaryArn: boundaryArn,
    });
    assert.deepEqual(role?.Tags, [
      { Key: 'Team', Value: 'payments' },
      { Key: 'Env', Value: 'prod' },
    ]);
    assert.deepEqual(role?.InstanceProfileList, []);
    const user = d.UserDetailList?.[0];
    assert.deepEqual(user?.GroupList, ['ops']);
    assert.deepEqual(decoded(user?.UserPolicyList?.[0]?.PolicyDocument), JSON.parse(statement('kms:Decrypt')));
    assert.equal(user?.PermissionsBoundary?.PermissionsBoundaryArn, boundaryArn);
    assert.deepEqual(user?.Tags, [{ Key: 'Team', Value: 'platform' }]);
    const group = d.GroupDetailList?.[0];
    assert.equal(group?.GroupPolicyList?.[0]?.PolicyName, 'g');
    assert.deepEqual(group?.AttachedManagedPolicies, [{ PolicyName: 'edge', PolicyArn: boundaryArn }]);
    const byName = Object.fromEntries((d.Policies ?? []).map((p) => [p.PolicyName ?? '', p] as const));
    assert.deepEqual(Object.keys(byName), ['edge', 'ReadOnlyAccess']);
    assert.equal(byName.edge.AttachmentCount, 1);
    assert.equal(byName.edge.PermissionsBoundaryUsageCount, 2);
    assert.equal(byName.edge.IsAttachable, true);
    assert.deepEqual(
      byName.edge.PolicyVersionList?.map((v) => [v.VersionId, v.IsDefaultVersion, decoded(v.Document)]),
      [['v1', true, JSON.parse(statement('secretsmanager:*'))]],
    );
    const readOnly = decoded(byName.ReadOnlyAccess.PolicyVersionList?.[0]?.Document) as { Statement: object[] };
    assert.ok(JSON.stringify(readOnly.Statement).includes('secretsmanager:ListSecrets'));
    assert.equal(byName.ReadOnlyAccess.DefaultVersionId, byName.ReadOnlyAccess.PolicyVersionList?.[0]?.VersionId);
  });

  it('pages with MaxItems=2 across users, groups, roles and policies, each exactly once', async () => {
    const all = await walk(iam, 1000);
    assert.deepEqual(all.pages, [all.names.length]);
    assert.deepEqual(all.names, [
      'User:ana',
      'User:ben',
      'User:cy',
      'Group:admins',
      'Group:readers',
      'Role:app',
      'Role:auditor',
      'Role:ci',
      'Policy:AdministratorAccess',
      'Policy:boundary',
      'Policy:read-payments',
      'Policy:ReadOnlyAccess',
    ]);
    const paged = await walk(iam, 2);
    assert.deepEqual(paged.names, all.names);
    assert.deepEqual(paged.pages, [2, 2, 2, 2, 2, 2]);
    const first = await iam.send(new GetAccountAuthorizationDetailsCommand({ MaxItems: 2 }));
    assert.equal(first.IsTruncated, true);
    assert.ok(first.Marker);
    const second = await iam.send(new GetAccountAuthorizationDetailsCommand({ MaxItems: 2, Marker: first.Marker }));
    assert.deepEqual(
      [second.UserDetailList?.map((u) => u.UserName), second.GroupDetailList?.map((g) => g.GroupName)],
      [['cy'], ['admins']],
    );
  });

  it('filters by entity type, and lists AWS managed policies only while they are attached', async () => {
    const only = async (...Filter: Array<'User' | 'Role' | 'Group' | 'LocalManagedPolicy' | 'AWSManagedPolicy'>) => {
      const d: GetAccountAuthorizationDetailsCommandOutput = await iam.send(
        new GetAccountAuthorizationDetailsCommand({ Filter }),
      );
      return [d.UserDetailList, d.GroupDetailList, d.RoleDetailList, d.Policies].map((l) => l?.length ?? 0);
    };
    assert.deepEqual(await only('Role'), [0, 0, 3, 0]);
    assert.deepEqual(await only('User', 'Group'), [3, 2, 0, 0]);
    assert.deepEqual(await only('LocalManagedPolicy'), [0, 0, 0, 2]);
    const aws = await iam.send(new GetAccountAuthorizationDetailsCommand({ Filter: ['AWSManagedPolicy'] }));
    assert.deepEqual(
      aws.Policies?.map((p) => [p.Arn, p.AttachmentCount]),
      [
        ['arn:aws:iam::aws:policy/AdministratorAccess', 1],
        ['arn:aws:iam::aws:policy/ReadOnlyAccess', 1],
      ],
    );
    await iam.send(
      new AttachRolePolicyCommand({ RoleName: 'ci', PolicyArn: 'arn:aws:iam::aws:policy/SecretsManagerReadWrite' }),
    );
    assert.deepEqual(await only('AWSManagedPolicy'), [0, 0, 0, 3]);
  });

  it('answers GetRole with tags and boundary, and ListRoles without them, paged by Marker', async () => {
    const role = (await iam.send(new GetRoleCommand({ RoleName: 'APP' }))).Role;
    assert.equal(role?.RoleName, 'app', 'IAM finds names regardless of case');
    assert.deepEqual(role?.Tags, [{ Key: 'Team', Value: 'payments' }]);
    const ben = await iam.send(new GetAccountAuthorizationDetailsCommand({ Filter: ['User'] }));
    assert.equal(
      ben.UserDetailList?.find((u) => u.UserName === 'ben')?.PermissionsBoundary?.PermissionsBoundaryArn,
      'arn:aws:iam::123456789012:policy/boundaries/boundary',
    );
    const first = await iam.send(new ListRolesCommand({ MaxItems: 2 }));
    assert.deepEqual(
      first.Roles?.map((r) => r.RoleName),
      ['app', 'auditor'],
    );
    assert.equal(first.Roles?.[0].Tags, undefined);
    assert.equal(first.IsTruncated, true);
    const rest = await iam.send(new ListRolesCommand({ MaxItems: 2, Marker: first.Marker }));
    assert.deepEqual(
      [rest.Roles?.map((r) => r.Arn), rest.IsTruncated],
      [['arn:aws:iam::123456789012:role/ci/ci'], false],
    );
    const ci = await iam.send(new ListRolesCommand({ PathPrefix: '/ci/' }));
    assert.deepEqual(
      ci.Roles?.map((r) => r.RoleName),
      ['ci'],
    );
    assert.deepEqual(decoded(rest.Roles?.[0].AssumeRolePolicyDocument), {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:root' }, Action: 'sts:AssumeRole' }],
    });
    const app = await iam.send(new GetAccountAuthorizationDetailsCommand({ Filter: ['LocalManagedPolicy'] }));
    const read = app.Policies?.find((p) => p.PolicyName === 'read-payments');
    assert.deepEqual(decoded(read?.PolicyVersionList?.[0].Document), READ_PAYMENTS);
  });
});
