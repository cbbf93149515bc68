import * as assert from 'node:assert/strict';
import { KMS_ACTIONS, SECRET_ACTIONS } from '../../src/aws/access';
import {
  ACCOUNT,
  allow,
  decision,
  deny,
  ENABLE_IAM_POLICIES,
  KEY_ARN,
  kmsKey,
  OTHER_ACCOUNT,
  policy,
  principal,
  secret,
  SECRET_ARN,
  verdict,
} from '../fixtures/access/builders';

const GET = 'secretsmanager:GetSecretValue';
const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/app`;

describe('access: deciding one action', () => {
  it('an explicit Deny wins over any Allow, and names the denying statement', () => {
    const who = principal('app', {
      admin: policy(allow('*')),
      guard: policy({ ...deny('secretsmanager:*'), Sid: 'NoSecrets' }),
    });
    const result = decision(who, secret({}), GET);
    assert.equal(result.decision, 'explicitDeny');
    assert.deepEqual(
      result.statements.map((s) => [s.policy, s.sid, s.effect]),
      [['guard', 'NoSecrets', 'Deny']],
    );
    assert.equal(verdict(who, kmsKey({}, policy(ENABLE_IAM_POLICIES)), 'kms:Decrypt'), 'allow');
  });

  it('an allow names its statements with Sid, position and source', () => {
    const who = principal('app', [
      {
        name: 'readers',
        source: { kind: 'group', groupName: 'devs' },
        document: policy(allow('secretsmanager:Describe*'), allow(GET)),
      },
    ]);
    const [ref] = decision(who, secret({}), GET).statements;
    assert.deepEqual(ref, {
      policy: 'readers',
      source: { kind: 'group', groupName: 'devs' },
      effect: 'Allow',
      sid: undefined,
      index: 1,
    });
  });

  it('wildcard actions: secretsmanager:Get* and kms:GenerateDataKey*, in any case', () => {
    const reader = principal('app', { p: policy(allow('SecretsManager:get*')) });
    assert.equal(verdict(reader, secret({}), GET), 'allow');
    assert.equal(verdict(reader, secret({}), 'secretsmanager:DescribeSecret'), 'implicitDeny');
    const keys = principal('app', { p: policy(allow('kms:GenerateDataKey*')) });
    const key = kmsKey({}, policy(ENABLE_IAM_POLICIES));
    for (const action of ['kms:GenerateDataKey', 'kms:GenerateDataKeyWithoutPlaintext', 'kms:GenerateDataKeyPair']) {
      assert.ok(KMS_ACTIONS.includes(action as never), action);
      assert.equal(verdict(keys, key, action), 'allow', action);
    }
    assert.equal(verdict(keys, key, 'kms:Decrypt'), 'implicitDeny');
    assert.equal(
      verdict(principal('app', { p: policy(allow('kms:Generate?ataKey')) }), key, 'kms:GenerateDataKey'),
      'allow',
    );
  });

  it('NotAction allows everything but the named actions; NotResource everything but the named resources', () => {
    const notAction = principal('app', {
      p: policy({ Effect: 'Allow', NotAction: 'secretsmanager:Delete*', Resource: '*' }),
    });
    assert.equal(verdict(notAction, secret({}), GET), 'allow');
    assert.equal(verdict(notAction, secret({}), 'secretsmanager:DeleteSecret'), 'implicitDeny');
    const notResource = principal('app', {
      p: policy({
        Effect: 'Allow',
        Action: 'secretsmanager:*',
        NotResource: 'arn:aws:secretsmanager:*:*:secret:prod/*',
      }),
    });
    assert.equal(verdict(notResource, secret({}), GET), 'implicitDeny');
    const elsewhere = principal('app', {
      p: policy({
        Effect: 'Allow',
        Action: 'secretsmanager:*',
        NotResource: 'arn:aws:secretsmanager:*:*:secret:dev/*',
      }),
    });
    assert.equal(verdict(elsewhere, secret({}), GET), 'allow');
    const exact = principal('app', { p: policy(allow(GET, { Resource: SECRET_ARN.replace('AbCdEf', '??????') })) });
    assert.equal(verdict(exact, secret({}), GET), 'allow');
  });

  describe('permissions boundaries', () => {
    const reader = policy(allow('secretsmanager:*'));

    it('cut an allow the identity policy gives when they do not allow too', () => {
      const bounded = principal('app', { reader }, { boundary: policy(allow('kms:*')) });
      assert.equal(verdict(bounded, secret({}), GET), 'implicitDeny');
      const wide = principal('app', { reader }, { boundary: policy(allow('secretsmanager:Get*')) });
      assert.equal(verdict(wide, secret({}), GET), 'allow');
      assert.equal(verdict(wide, secret({}), 'secretsmanager:DeleteSecret'), 'implicitDeny');
    });

    it('deny explicitly with their own Deny statements', () => {
      const bounded = principal('app', { reader }, { boundary: policy(allow('*'), deny(GET)) });
      const result = decision(bounded, secret({}), GET);
      assert.equal(result.decision, 'explicitDeny');
      assert.equal(result.statements[0].source.kind, 'permissionsBoundary');
    });

    it('limit a resource policy grant to a role ARN, not one to a user ARN', () => {
      const grants = (arn: string) => secret({}, policy(allow(GET, { Principal: { AWS: arn } })));
      const role = principal('app', {}, { boundary: policy(allow('kms:*')) });
      assert.equal(verdict(role, grants(ROLE_ARN), GET), 'implicitDeny');
      assert.equal(verdict(principal('app', {}), grants(ROLE_ARN), GET), 'allow');
      const user = principal('app', {}, { kind: 'user', boundary: policy(allow('kms:*')) });
      assert.equal(verdict(user, grants(`arn:aws:iam::${ACCOUNT}:user/app`), GET), 'allow');
    });
  });

  describe('secret resource policies', () => {
    it('grant a same-account role that has no identity policy', () => {
      const resource = secret({}, policy({ ...allow(GET, { Principal: { AWS: ROLE_ARN } }), Sid: 'AppReads' }));
      const result = decision(principal('app', {}), resource, GET);
      assert.equal(result.decision, 'allow');
      assert.deepEqual(
        result.statements.map((s) => [s.policy, s.sid, s.source.kind]),
        [['resource policy', 'AppReads', 'resourcePolicy']],
      );
      assert.equal(verdict(principal('other', {}), resource, GET), 'implicitDeny');
      assert.equal(verdict(principal('app', {}), resource, 'secretsmanager:PutSecretValue'), 'implicitDeny');
    });

    it('naming the account root grants nothing by itself; "*" grants everyone its conditions admit', () => {
      const root = secret({}, policy(allow(GET, { Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` } })));
      assert.equal(verdict(principal('app', {}), root, GET), 'implicitDeny');
      const everyone = secret(
        { Team: 'payments' },
        policy(
          allow(GET, {
            Principal: '*',
            Condition: { StringEquals: { 'aws:PrincipalTag/Team': '${aws:ResourceTag/Team}' } },
          }),
        ),
      );
      assert.equal(verdict(principal('app', {}, { tags: { Team: 'payments' } }), everyone, GET), 'allow');
      assert.equal(verdict(principal('app', {}, { tags: { Team: 'ops' } }), everyone, GET), 'implicitDeny');
    });

    it('deny a principal they name, even one its identity policy allows', () => {
      const resource = secret({}, policy(deny(GET, { Principal: { AWS: ACCOUNT } })));
      assert.equal(verdict(principal('app', { p: policy(allow('*')) }), resource, GET), 'explicitDeny');
    });

    it('a grant to a role session depends on the session name', () => {
      const resource = secret(
        {},
        policy(allow(GET, { Principal: { AWS: `arn:aws:sts::${ACCOUNT}:assumed-role/app/ci` } })),
      );
      const result = decision(principal('app', {}), resource, GET);
      assert.equal(result.decision, 'dependsOn');
      assert.deepEqual(result.dependsOn, ['sts:RoleSessionName']);
    });

    it('NotPrincipal with Deny always denies a principal that has a permissions boundary', () => {
      const resource = secret({}, policy(deny(GET, { NotPrincipal: { AWS: [ROLE_ARN, ACCOUNT] } })));
      const admin = policy(allow('*'));
      assert.equal(verdict(principal('app', { admin }, { boundary: admin }), resource, GET), 'explicitDeny');
      assert.equal(verdict(principal('other', { admin }), resource, GET), 'explicitDeny');
      // Without a boundary, excluding a role takes its session ARN, which the policy does not list.
      assert.equal(verdict(principal('app', { admin }), resource, GET), 'dependsOn');
    });

    it('from another account, the identity policy and the resource policy must both allow', () => {
      const reader = policy(allow(GET));
      const outsider = principal('app', { reader }, { account: OTHER_ACCOUNT });
      assert.equal(verdict(outsider, secret({}), GET), 'implicitDeny');
      const shared = secret({}, policy(allow(GET, { Principal: { AWS: OTHER_ACCOUNT } })));
      assert.equal(verdict(outsider, shared, GET), 'allow');
      assert.equal(verdict(principal('app', {}, { account: OTHER_ACCOUNT }), shared, GET), 'implicitDeny');
    });
  });

  describe('KMS key policies', () => {
    const decrypter = principal('app', { p: policy(allow('kms:Decrypt')) });

    it('without the "enable IAM policies" statement, an identity allow alone is not enough', () => {
      const key = kmsKey({}, policy(allow('kms:*', { Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/admin` } })));
      assert.equal(verdict(decrypter, key, 'kms:Decrypt'), 'implicitDeny');
      assert.equal(verdict(principal('admin', {}), key, 'kms:ScheduleKeyDeletion'), 'allow');
    });

    it('with it, identity policies decide, and the decision names both statements', () => {
      const key = kmsKey({}, policy(ENABLE_IAM_POLICIES));
      const result = decision(decrypter, key, 'kms:Decrypt');
      assert.equal(result.decision, 'allow');
      assert.deepEqual(result.statements.map((s) => s.source.kind).sort(), ['inline', 'keyPolicy']);
      assert.equal(verdict(decrypter, key, 'kms:Encrypt'), 'implicitDeny');
      // The account statement enables IAM policies only for the actions it lists.
      const partly = kmsKey({}, policy({ ...ENABLE_IAM_POLICIES, Action: 'kms:Describe*' }));
      assert.equal(verdict(decrypter, partly, 'kms:Decrypt'), 'implicitDeny');
    });

    it('a key policy naming the role grants without an identity policy; kms:CallerAccount is known', () => {
      const key = kmsKey(
        {},
        policy(allow('kms:Decrypt', { Principal: '*', Condition: { StringEquals: { 'kms:CallerAccount': ACCOUNT } } })),
      );
      assert.equal(verdict(principal('app', {}), key, 'kms:Decrypt'), 'allow');
      assert.equal(verdict(principal('app', {}, { account: OTHER_ACCOUNT }), key, 'kms:Decrypt'), 'implicitDeny');
      assert.equal(key.arn, KEY_ARN);
    });

    it('kms:EncryptionContext and kms:ViaService conditions are unknown', () => {
      const key = kmsKey(
        {},
        policy(
          ENABLE_IAM_POLICIES,
          deny('kms:Decrypt', { Principal: '*', Condition: { StringNotEquals: { 'kms:ViaService': 'x' } } }),
        ),
      );
      const result = decision(decrypter, key, 'kms:Decrypt');
      assert.equal(result.decision, 'dependsOn');
      assert.deepEqual(result.dependsOn, ['kms:ViaService']);
      const contextual = principal('app', {
        p: policy(allow('kms:Encrypt', { Condition: { StringEquals: { 'kms:EncryptionContext:app': 'payments' } } })),
      });
      const encrypt = decision(contextual, kmsKey({}, policy(ENABLE_IAM_POLICIES)), 'kms:Encrypt');
      assert.deepEqual([encrypt.decision, encrypt.dependsOn], ['dependsOn', ['kms:EncryptionContext:app']]);
    });
  });

  it('exports the actions that matter for each service', () => {
    assert.equal(SECRET_ACTIONS.length, 11);
    assert.ok(SECRET_ACTIONS.includes('secretsmanager:UntagResource'));
    assert.ok(KMS_ACTIONS.includes('kms:ReEncryptFrom') && KMS_ACTIONS.includes('kms:ScheduleKeyDeletion'));
    // Signing and HMAC keys are used through these, not Decrypt: a change to them must not read as "no change".
    for (const action of ['kms:Sign', 'kms:Verify', 'kms:GenerateMac', 'kms:VerifyMac', 'kms:CreateGrant']) {
      assert.ok((KMS_ACTIONS as readonly string[]).includes(action), action);
    }
  });
});
