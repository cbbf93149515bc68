// From IAM's GetAccountAuthorizationDetails answer to the principals evaluated, and from a change to the words the
// confirmation leads with.
import * as assert from 'node:assert/strict';
import { principalsFrom } from '../../src/aws/access/accountPrincipals';
import { changeImpact, callerPrincipalArn } from '../../src/aws/access/changeImpact';
import type { AwsResource } from '../../src/aws/types';
import { impactText } from '../../src/commands/impactText';
import { impactReportText } from '../../src/commands/impactReport';
import { ACCOUNT, SECRET_ARN } from '../fixtures/access/builders';
import { DESCRIBE_ALL, PAYMENTS_ABAC } from '../fixtures/access/documents';

const encode = (document: object) => encodeURIComponent(JSON.stringify(document));
const DESCRIBE_ARN = `arn:aws:iam::${ACCOUNT}:policy/describe-all`;

const details = {
  RoleDetailList: [
    {
      RoleName: 'payments-app',
      Arn: `arn:aws:iam::${ACCOUNT}:role/apps/payments-app`,
      RoleId: 'AROAEXAMPLEPAYMENTS01',
      RolePolicyList: [{ PolicyName: 'payments-PAYMENTS_ABAC', PolicyDocument: encode(PAYMENTS_ABAC) }],
      Tags: [{ Key: 'Team', Value: 'payments' }],
    },
    {
      RoleName: 'auditor',
      Arn: `arn:aws:iam::${ACCOUNT}:role/auditor`,
      AttachedManagedPolicies: [{ PolicyName: 'describe-all', PolicyArn: DESCRIBE_ARN }],
    },
  ],
  UserDetailList: [{ UserName: 'dana', Arn: `arn:aws:iam::${ACCOUNT}:user/dana`, GroupList: ['payments-devs'] }],
  GroupDetailList: [
    {
      GroupName: 'payments-devs',
      GroupPolicyList: [{ PolicyName: 'devs-PAYMENTS_ABAC', PolicyDocument: encode(PAYMENTS_ABAC) }],
    },
  ],
  Policies: [
    {
      PolicyName: 'describe-all',
      Arn: DESCRIBE_ARN,
      DefaultVersionId: 'v2',
      PolicyVersionList: [
        { VersionId: 'v1', IsDefaultVersion: false, Document: encode(PAYMENTS_ABAC) },
        { VersionId: 'v2', IsDefaultVersion: true, Document: encode(DESCRIBE_ALL) },
      ],
    },
  ],
};

const secret: AwsResource = {
  kind: 'secret',
  arn: SECRET_ARN,
  name: 'prod/db',
  region: 'us-east-1',
  tags: [{ key: 'Team', value: 'payments' }],
};
const removeTeam = { resource: secret, before: secret.tags ?? [], after: [], policy: undefined };

describe('access: the principals of an account', () => {
  it('takes inline, group and the default version of managed policies, decoded', () => {
    const account = principalsFrom(details, 0);
    assert.equal(account.roles, 2);
    assert.equal(account.users, 1);
    assert.deepEqual(account.warnings, []);
    const byName = new Map(account.principals.map((p) => [p.principal.name, p.principal]));
    assert.deepEqual(
      byName.get('dana')?.policies.map((p) => [p.name, p.source]),
      [['devs-PAYMENTS_ABAC', { kind: 'group', groupName: 'payments-devs' }]],
    );
    assert.equal(
      byName.get('auditor')?.policies[0].document.statements[0].actions?.[0],
      'secretsmanager:DescribeSecret',
    );
    assert.deepEqual(byName.get('payments-app')?.tags, [{ key: 'Team', value: 'payments' }]);
  });

  it('names a policy it cannot read instead of guessing', () => {
    const broken = {
      ...details,
      RoleDetailList: [
        {
          RoleName: 'odd',
          Arn: `arn:aws:iam::${ACCOUNT}:role/odd`,
          RolePolicyList: [{ PolicyName: 'p', PolicyDocument: '%7B' }],
          AttachedManagedPolicies: [{ PolicyArn: 'arn:aws:iam::aws:policy/Missing' }],
        },
      ],
    };
    const account = principalsFrom(broken, 0);
    assert.equal(account.warnings.length, 2);
    assert.match(account.warnings[0], /^role\/odd: policy p could not be read/);
    assert.match(account.warnings[1], /managed policy arn:aws:iam::aws:policy\/Missing is not in IAM's answer/);
  });

  it("finds the caller's role from its assumed-role session ARN, and a user by its ARN", () => {
    const account = principalsFrom(details, 0);
    assert.equal(
      callerPrincipalArn(account, `arn:aws:sts::${ACCOUNT}:assumed-role/payments-app/dana@example.com`),
      `arn:aws:iam::${ACCOUNT}:role/apps/payments-app`,
    );
    assert.equal(callerPrincipalArn(account, `arn:aws:iam::${ACCOUNT}:user/dana`), `arn:aws:iam::${ACCOUNT}:user/dana`);
    assert.equal(callerPrincipalArn(account, `arn:aws:iam::${ACCOUNT}:root`), undefined);
  });
});

describe('access: what the confirmation says', () => {
  const account = principalsFrom(details, 0);

  it('leads with who loses what and through which policy; the auditor is not named', () => {
    const impact = changeImpact(account, [removeTeam]);
    const text = impactText([{ kind: 'computed', accountId: ACCOUNT, impact }]);
    assert.equal(text.changes, true);
    assert.deepEqual(text.lead, [
      'Loses access: role/payments-app (secretsmanager:GetSecretValue, via policy payments-PAYMENTS_ABAC)',
      'Loses access: user/dana (secretsmanager:GetSecretValue, via policy devs-PAYMENTS_ABAC of group payments-devs)',
    ]);
    assert.match(text.detail.join('\n'), /Evaluated 2 roles, 1 user in account 123456789012\./);
    assert.match(text.detail.join('\n'), /Not evaluated: SCPs, RCPs, session policies/);
  });

  it('puts the caller first, and says that Secrets Manager refuses such a change', () => {
    const impact = changeImpact(account, [removeTeam], {
      arn: `arn:aws:sts::${ACCOUNT}:assumed-role/payments-app/s`,
    });
    const [first] = impactText([{ kind: 'computed', accountId: ACCOUNT, impact }]).lead;
    assert.match(
      first,
      /^You would lose: secretsmanager:GetSecretValue \(as role\/payments-app\)\. Secrets Manager refuses/,
    );
  });

  it('says when nothing changes and what was evaluated, and when the impact could not be computed', () => {
    const other = {
      ...removeTeam,
      after: [{ key: 'Team', value: 'payments' }],
      before: [
        { key: 'Team', value: 'payments' },
        { key: 'Env', value: 'x' },
      ],
    };
    const none = impactText([{ kind: 'computed', accountId: ACCOUNT, impact: changeImpact(account, [other]) }]);
    assert.equal(none.changes, false);
    assert.deepEqual(none.lead, ['No change in access found (evaluated 2 roles, 1 user in account 123456789012).']);
    const refused = impactText([{ kind: 'unavailable', accountId: ACCOUNT, reason: 'AccessDenied: not allowed' }]);
    assert.deepEqual(refused.lead, ['Access impact could not be computed: AccessDenied: not allowed']);
    assert.equal(refused.changes, false);
  });

  it('a KMS key whose key policy could not be read is not guessed', () => {
    const key: AwsResource = {
      kind: 'kmsKey',
      arn: `arn:aws:kms:us-east-1:${ACCOUNT}:key/k`,
      name: 'k',
      keyId: 'k',
      region: 'us-east-1',
      aliases: [],
      tags: [],
    };
    const impact = changeImpact(account, [
      { resource: key, before: [], after: [], policy: undefined, policyUnreadable: true },
    ]);
    assert.deepEqual(
      impact.unknown.map((u) => u.reason),
      ['its key policy could not be read'],
    );
  });

  it('Show Access Impact lists each principal with the statement that decides, as plain text', () => {
    const impact = changeImpact(account, [removeTeam]);
    const text = impactReportText(
      secret,
      { key: 'Team', value: 'payments' },
      { kind: 'computed', accountId: ACCOUNT, impact },
    );
    assert.match(text, /^Access that depends on tag "Team" = "payments" of secret "prod\/db"/);
    assert.match(
      text,
      /role\/payments-app\n {2}loses secretsmanager:GetSecretValue: allowed now by policy payments-PAYMENTS_ABAC, statement ReadTeamSecrets \(Allow\)/,
    );
    assert.doesNotMatch(text, /auditor/);
  });
});
