import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GetAccountAuthorizationDetailsCommand } from '@aws-sdk/client-iam';
import { cli, iamClient, useEmulator } from './helpers';
import type { Seed } from './index';
import { IAM_SEED, READ_PAYMENTS } from './test-seeds';

const DEMO_SEED = join(__dirname, '..', 'fixtures', 'demo-seed.json');

interface Details {
  UserDetailList: Array<{ UserName: string; GroupList: string[] }>;
  GroupDetailList: Array<{ GroupName: string }>;
  RoleDetailList: Array<{
    RoleName: string;
    AssumeRolePolicyDocument: unknown;
    RolePolicyList: Array<{ PolicyName: string; PolicyDocument: unknown }>;
    PermissionsBoundary?: { PermissionsBoundaryArn: string };
    Tags: Array<{ Key: string; Value: string }>;
  }>;
  Policies: Array<{ PolicyName: string; PolicyVersionList: Array<{ Document: unknown }> }>;
}

describe('emulator: IAM through the AWS CLI, and IAM seeds', function () {
  this.timeout(60_000);
  const env = useEmulator(IAM_SEED);

  it('creates a role with the CLI, whose get-account-authorization-details prints the documents decoded', async () => {
    const trust = {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
    };
    const created = await cli(env.emu, [
      'iam',
      'create-role',
      '--role-name',
      'cli-role',
      '--assume-role-policy-document',
      JSON.stringify(trust),
      '--tags',
      'Key=Team,Value=payments',
    ]);
    assert.equal(created.code, 0, created.stderr);
    assert.deepEqual((created.json?.Role as { AssumeRolePolicyDocument: unknown }).AssumeRolePolicyDocument, trust);
    const inline = {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Action: 'kms:Decrypt',
          Resource: '*',
          Condition: { StringEquals: { 'aws:ResourceTag/Team': 'a b+c&d' } },
        },
      ],
    };
    const put = await cli(env.emu, [
      'iam',
      'put-role-policy',
      '--role-name',
      'cli-role',
      '--policy-name',
      'decrypt',
      '--policy-document',
      JSON.stringify(inline),
    ]);
    assert.equal(put.code, 0, put.stderr);
    // The CLI URL-decodes and parses policy documents (botocore does so for IAM): objects here prove AWS's encoding.
    const listed = await cli(env.emu, ['iam', 'get-account-authorization-details']);
    assert.equal(listed.code, 0, listed.stderr);
    const d = listed.json as unknown as Details;
    const role = d.RoleDetailList.find((r) => r.RoleName === 'cli-role');
    assert.deepEqual(role?.AssumeRolePolicyDocument, trust);
    assert.deepEqual(role?.RolePolicyList, [{ PolicyName: 'decrypt', PolicyDocument: inline }]);
    assert.deepEqual(role?.Tags, [{ Key: 'Team', Value: 'payments' }]);
    const read = d.Policies.find((p) => p.PolicyName === 'read-payments');
    assert.deepEqual(read?.PolicyVersionList[0].Document, READ_PAYMENTS);
    assert.deepEqual(d.UserDetailList.find((u) => u.UserName === 'ana')?.GroupList, ['admins']);
  });

  it('lets the CLI page through everything with --page-size, and reports IAM errors by name', async () => {
    const whole = (await cli(env.emu, ['iam', 'get-account-authorization-details'])).json as unknown as Details;
    const paged = await cli(env.emu, ['iam', 'get-account-authorization-details', '--page-size', '3']);
    assert.equal(paged.code, 0, paged.stderr);
    assert.deepEqual(paged.json, whole);
    assert.equal(env.emu.calls({ op: 'iam.GetAccountAuthorizationDetails' }).length, 1 + 4);
    const roles = await cli(env.emu, ['iam', 'get-account-authorization-details', '--filter', 'Role']);
    assert.deepEqual(
      (roles.json as unknown as Details).RoleDetailList.map((r) => r.RoleName),
      ['app', 'auditor', 'ci'],
    );
    assert.deepEqual((roles.json as unknown as Details).UserDetailList, []);
    const missing = await cli(env.emu, ['iam', 'get-role', '--role-name', 'ghost']);
    assert.equal(missing.error, 'NoSuchEntity');
    const taken = await cli(env.emu, ['iam', 'create-group', '--group-name', 'ADMINS']);
    assert.equal(taken.error, 'EntityAlreadyExists');
    env.emu.allowOnlyActions(['kms:*']);
    const denied = await cli(env.emu, ['iam', 'get-account-authorization-details']);
    assert.equal(denied.error, 'AccessDenied');
  });

  it('seeds IAM: names of managed policies resolve, and a bad seed says what is wrong', () => {
    const state = env.emu.state.toJSON() as { iam: { roles: Array<{ name: string; attached: string[] }> } };
    assert.deepEqual(
      state.iam.roles.map((r) => [r.name, r.attached]),
      [
        ['app', ['arn:aws:iam::123456789012:policy/read-payments']],
        ['auditor', ['arn:aws:iam::aws:policy/ReadOnlyAccess']],
        ['ci', []],
      ],
    );
    assert.throws(
      () => env.emu.reset({ regions: {}, iam: { roles: [{ name: 'r', attachedPolicies: ['NoSuchPolicy'] }] } }),
      /^Error: seed: iam: no managed policy named NoSuchPolicy$/,
    );
    assert.throws(
      () => env.emu.reset({ regions: {}, iam: { policies: [{ name: 'p', document: '{"Statement": 1}' }] } }),
      /seed: iam: Syntax errors in policy\./,
    );
    assert.throws(
      () => env.emu.reset({ regions: {}, iam: { users: [{ name: 'u', groups: ['nobody'] }] } }),
      /seed: iam: The group with name nobody cannot be found\./,
    );
  });

  it('loads the demo seed: ABAC roles that a Team=payments removal affects, next to secrets tagged so', async () => {
    const seed = JSON.parse(readFileSync(DEMO_SEED, 'utf8')) as Seed;
    env.emu.reset(seed);
    const payments = [...env.emu.state.region('us-east-1').secrets.values()].filter((s) =>
      s.tags?.some((t) => t.Key === 'Team' && t.Value === 'payments'),
    );
    assert.ok(payments.length >= 3);
    const iam = iamClient(env.emu);
    try {
      const d = await iam.send(new GetAccountAuthorizationDetailsCommand({}));
      const roles = Object.fromEntries((d.RoleDetailList ?? []).map((r) => [r.RoleName ?? '', r] as const));
      assert.deepEqual(Object.keys(roles), ['auditor', 'deploy-ci', 'payments-app', 'reporting']);
      const abac = JSON.parse(decodeURIComponent(roles['payments-app'].RolePolicyList?.[0].PolicyDocument ?? ''));
      assert.deepEqual(abac.Statement[0].Condition, {
        StringEquals: { 'secretsmanager:ResourceTag/Team': 'payments' },
      });
      assert.deepEqual(abac.Statement[1].Condition, { StringEquals: { 'aws:ResourceTag/Team': 'payments' } });
      const ci = roles['deploy-ci'];
      assert.ok(decodeURIComponent(ci.RolePolicyList?.[0].PolicyDocument ?? '').includes('${aws:PrincipalTag/Team}'));
      assert.ok(ci.Tags?.some((t) => t.Key === 'Team' && t.Value === 'payments'));
      assert.match(ci.PermissionsBoundary?.PermissionsBoundaryArn ?? '', /:policy\/ci-boundary$/);
      assert.deepEqual(
        roles.auditor.AttachedManagedPolicies?.map((p) => p.PolicyName),
        ['ReadOnlyAccess'],
      );
      assert.deepEqual(
        d.Policies?.map((p) => p.PolicyName),
        ['ci-boundary', 'ReadOnlyAccess', 'SecretsManagerReadWrite'],
      );
    } finally {
      iam.destroy();
    }
  });
});
