// Cases where an answer from IAM, or a common policy, once led to a confident but wrong access impact.
import * as assert from 'node:assert/strict';
import { principalsFrom } from '../../src/aws/access/accountPrincipals';
import { changeImpact, type ChangeInput } from '../../src/aws/access/changeImpact';
import type { AwsResource } from '../../src/aws/types';
import { impactText } from '../../src/commands/impactText';
import { ACCOUNT, KEY_ARN, SECRET_ARN } from '../fixtures/access/builders';

const encode = (document: object) => encodeURIComponent(JSON.stringify(document));
const doc = (...Statement: object[]) => ({ Version: '2012-10-17', Statement });
const teamIsMine = doc({
  Effect: 'Allow',
  Action: 'secretsmanager:GetSecretValue',
  Resource: '*',
  Condition: { StringEquals: { 'aws:ResourceTag/Team': '${aws:PrincipalTag/Team}' } },
});
const payments = doc({
  Effect: 'Allow',
  Action: 'secretsmanager:GetSecretValue',
  Resource: '*',
  Condition: { StringEquals: { 'secretsmanager:ResourceTag/Team': 'payments' } },
});
const secret: AwsResource = {
  kind: 'secret',
  arn: SECRET_ARN,
  name: 'prod/db',
  region: 'us-east-1',
  tags: [{ key: 'Team', value: 'payments' }],
};
const removeTeam: ChangeInput = { resource: secret, before: secret.tags ?? [], after: [], policy: undefined };
const role = (name: string, extra: object) => ({
  RoleName: name,
  Arn: `arn:aws:iam::${ACCOUNT}:role/${name}`,
  ...extra,
});

function lead(details: Parameters<typeof principalsFrom>[0], change: ChangeInput = removeTeam) {
  const impact = changeImpact(principalsFrom(details, 0), [change]);
  return impactText([{ kind: 'computed', accountId: ACCOUNT, impact }]).lead;
}

describe('access: answers that must not be confident', () => {
  it('an IAM Identity Center role, whose sessions carry tags, depends on them instead of "no change"', () => {
    const sso = role('AWSReservedSSO_Payments_0123456789abcdef', {
      Path: '/aws-reserved/sso.amazonaws.com/',
      RolePolicyList: [{ PolicyName: 'team-abac', PolicyDocument: encode(teamIsMine) }],
    });
    const [line] = lead({ RoleDetailList: [sso] });
    assert.match(
      line,
      /^May change: role\/AWSReservedSSO_Payments_0123456789abcdef .*depends on aws:PrincipalTag\/Team/i,
    );
  });

  it('a role whose trust policy allows sts:TagSession is treated the same', () => {
    const trust = doc({
      Effect: 'Allow',
      Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
      Action: ['sts:AssumeRole', 'sts:TagSession'],
    });
    const tagged = role('ci', {
      AssumeRolePolicyDocument: encode(trust),
      Tags: [{ Key: 'Team', Value: 'payments' }],
      RolePolicyList: [{ PolicyName: 'team-abac', PolicyDocument: encode(teamIsMine) }],
    });
    assert.match(lead({ RoleDetailList: [tagged] })[0], /^May change: role\/ci/);
  });

  it('a permissions boundary missing from the answer makes the loss uncertain, not definite', () => {
    const bounded = role('app', {
      RolePolicyList: [{ PolicyName: 'payments', PolicyDocument: encode(payments) }],
      PermissionsBoundary: {
        PermissionsBoundaryType: 'Policy',
        PermissionsBoundaryArn: `arn:aws:iam::${ACCOUNT}:policy/gone`,
      },
    });
    const [line] = lead({ RoleDetailList: [bounded] });
    assert.match(line, /^May change: role\/app \(secretsmanager:GetSecretValue; depends on /);
  });

  it('policy documents sent as plain JSON (not URL-encoded) are read as they are, "%" included', () => {
    const percent = doc({
      Effect: 'Allow',
      Action: 'secretsmanager:GetSecretValue',
      Resource: '*',
      Condition: { StringEquals: { 'secretsmanager:ResourceTag/Team': 'pay%20ments' } },
    });
    const odd = { ...secret, tags: [{ key: 'Team', value: 'pay%20ments' }] };
    const plain = role('app', { RolePolicyList: [{ PolicyName: 'p', PolicyDocument: JSON.stringify(percent) }] });
    const [line] = lead({ RoleDetailList: [plain] }, { resource: odd, before: odd.tags, after: [], policy: undefined });
    assert.match(line, /^Loses access: role\/app \(secretsmanager:GetSecretValue/);
  });

  it('a signing key: losing kms:Sign is a loss, not "no change"', () => {
    const signer = role('signer', {
      RolePolicyList: [
        {
          PolicyName: 'sign',
          PolicyDocument: encode(
            doc({
              Effect: 'Allow',
              Action: 'kms:Sign',
              Resource: '*',
              Condition: { StringEquals: { 'aws:ResourceTag/Team': 'payments' } },
            }),
          ),
        },
      ],
    });
    const key: AwsResource = {
      kind: 'kmsKey',
      arn: KEY_ARN,
      name: 'sign',
      keyId: 'k',
      region: 'us-east-1',
      aliases: [],
      tags: [{ key: 'Team', value: 'payments' }],
    };
    const keyPolicy = JSON.stringify(
      doc({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'kms:*', Resource: '*' }),
    );
    const [line] = lead(
      { RoleDetailList: [signer] },
      { resource: key, before: key.tags ?? [], after: [], policy: keyPolicy },
    );
    assert.match(line, /^Loses access: role\/signer \(kms:Sign/);
  });

  it('a Deny on plain HTTP never applies (both services answer over TLS only): the loss stays definite', () => {
    const tls = doc({
      Effect: 'Deny',
      Action: '*',
      Resource: '*',
      Condition: { Bool: { 'aws:SecureTransport': 'false' } },
    });
    const app = role('app', {
      RolePolicyList: [
        { PolicyName: 'payments', PolicyDocument: encode(payments) },
        { PolicyName: 'tls-only', PolicyDocument: encode(tls) },
      ],
    });
    assert.match(lead({ RoleDetailList: [app] })[0], /^Loses access: role\/app/);
  });

  it('a managed policy attached to many roles is read once', () => {
    const arn = `arn:aws:iam::${ACCOUNT}:policy/shared`;
    const roles = Array.from({ length: 3 }, (_, i) =>
      role(`r${i}`, { AttachedManagedPolicies: [{ PolicyArn: arn, PolicyName: 'shared' }] }),
    );
    const account = principalsFrom(
      {
        RoleDetailList: roles,
        Policies: [
          {
            Arn: arn,
            PolicyName: 'shared',
            DefaultVersionId: 'v1',
            PolicyVersionList: [{ VersionId: 'v1', IsDefaultVersion: true, Document: encode(payments) }],
          },
        ],
      },
      0,
    );
    const documents = new Set(account.principals.map((p) => p.principal.policies[0].document));
    assert.equal(documents.size, 1);
  });
});
