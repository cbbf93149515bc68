import * as assert from 'node:assert/strict';
import { accessImpact, compilePrincipal, KMS_ACTIONS, SECRET_ACTIONS, type AccessResource } from '../../src/aws/access';
import { allow, ENABLE_IAM_POLICIES, kmsKey, policy, principal, secret } from '../fixtures/access/builders';

const GET = 'secretsmanager:GetSecretValue';

describe('access: impact of a tag change', () => {
  const paymentsReader = principal('payments-app', {
    'payments-abac': policy({
      ...allow(GET, { Condition: { StringEquals: { 'secretsmanager:ResourceTag/Team': 'payments' } } }),
      Sid: 'ReadTeamSecrets',
    }),
  });
  const readOnly = principal('read-only', {
    describe: policy(allow(['secretsmanager:DescribeSecret', 'secretsmanager:List*'])),
  });
  const roles = [paymentsReader, readOnly].map(compilePrincipal);

  it('removing Team=payments makes the ABAC role lose GetSecretValue via its inline policy; read-only is unaffected', () => {
    const before = secret({ Team: 'payments', Env: 'prod' });
    const after = secret({ Env: 'prod' });
    const impact = accessImpact(roles, before, after);
    assert.deepEqual(impact.evaluated, { roles: 2, users: 0, actions: SECRET_ACTIONS.length });
    assert.equal(impact.principals.length, 1);
    const [changed] = impact.principals;
    assert.equal(changed.principal.name, 'payments-app');
    assert.deepEqual(changed.gains, []);
    assert.deepEqual(changed.uncertain, []);
    assert.deepEqual(
      changed.loses.map((loss) => [loss.action, loss.via.map((ref) => `${ref.policy}#${ref.sid}:${ref.source.kind}`)]),
      [[GET, ['payments-abac#ReadTeamSecrets:inline']]],
    );
  });

  it('adding the tag back is a gain; changing an unrelated tag changes nothing', () => {
    const without = secret({ Env: 'prod' });
    const tagged = secret({ Team: 'payments', Env: 'prod' });
    const gain = accessImpact(roles, without, tagged).principals;
    assert.deepEqual(
      gain.map((p) => [p.principal.name, p.gains.map((g) => g.action), p.loses.length]),
      [['payments-app', [GET], 0]],
    );
    assert.deepEqual(accessImpact(roles, tagged, secret({ Team: 'payments', Env: 'dev' })).principals, []);
  });

  it('a change whose outcome turns on an unknown request fact is uncertain, not a loss', () => {
    const vpnOnly = compilePrincipal(
      principal('vpn-app', {
        vpn: policy(
          allow(GET, {
            Condition: {
              StringEquals: { 'aws:ResourceTag/Team': 'payments' },
              IpAddress: { 'aws:SourceIp': '10.0.0.0/8' },
            },
          }),
        ),
      }),
    );
    const [impact] = accessImpact([vpnOnly], secret({ Team: 'payments' }), secret({})).principals;
    assert.deepEqual(impact.loses, []);
    assert.equal(impact.uncertain.length, 1);
    assert.equal(impact.uncertain[0].action, GET);
    assert.equal(impact.uncertain[0].before.decision, 'dependsOn');
    assert.deepEqual(impact.uncertain[0].before.dependsOn, ['aws:SourceIp']);
    assert.equal(impact.uncertain[0].after.decision, 'implicitDeny');
  });

  it('a key policy reading the tag affects principals whose own policies never mention it', () => {
    const keyPolicy = policy(
      ENABLE_IAM_POLICIES,
      allow('kms:Decrypt', {
        Principal: '*',
        Condition: { StringEquals: { 'aws:ResourceTag/Team': '${aws:PrincipalTag/Team}' } },
      }),
    );
    const member = compilePrincipal(principal('member', {}, { tags: { Team: 'payments' }, kind: 'user' }));
    const before: AccessResource = kmsKey({ Team: 'payments' }, keyPolicy);
    const impact = accessImpact([member], before, kmsKey({ Team: 'billing' }, keyPolicy));
    assert.deepEqual(impact.evaluated, { roles: 0, users: 1, actions: KMS_ACTIONS.length });
    assert.deepEqual(
      impact.principals[0].loses.map((loss) => [loss.action, loss.via[0].source.kind]),
      [['kms:Decrypt', 'keyPolicy']],
    );
  });

  it('refuses to compare two different resources', () => {
    const other = { ...secret({}), arn: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:other-AbCdEf' };
    assert.throws(() => accessImpact(roles, secret({}), other), /one resource/);
  });
});
