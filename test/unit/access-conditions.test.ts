import * as assert from 'node:assert/strict';
import { normalizePolicy } from '../../src/aws/access';
import { allow, decision, policy, principal, secret, secretVerdict } from '../fixtures/access/builders';

const GET = 'secretsmanager:GetSecretValue';
const when = (Condition: object) => allow(GET, { Condition } as never);

describe('access: condition operators', () => {
  it('StringEquals on a resource tag: matches the value, fails on another value or an absent tag', () => {
    for (const key of ['aws:ResourceTag/Team', 'secretsmanager:ResourceTag/Team', 'AWS:resourcetag/team']) {
      const statement = when({ StringEquals: { [key]: 'payments' } });
      assert.equal(secretVerdict(statement, { Team: 'payments' }).decision, 'allow', key);
      assert.equal(secretVerdict(statement, { Team: 'Payments' }).decision, 'implicitDeny', key);
      assert.equal(secretVerdict(statement, {}).decision, 'implicitDeny', key);
    }
  });

  it('several values of one key are OR, several keys and operators are AND', () => {
    const statement = when({
      StringEquals: { 'aws:ResourceTag/Team': ['payments', 'billing'], 'aws:ResourceTag/Env': 'prod' },
      StringLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/app' },
    });
    assert.equal(secretVerdict(statement, { Team: 'billing', Env: 'prod' }).decision, 'allow');
    assert.equal(secretVerdict(statement, { Team: 'billing', Env: 'dev' }).decision, 'implicitDeny');
    assert.equal(secretVerdict(statement, { Team: 'ops', Env: 'prod' }).decision, 'implicitDeny');
  });

  it('negated operators match when the key is absent, and their values are NOR', () => {
    const statement = when({ StringNotEquals: { 'aws:ResourceTag/Team': ['payments', 'billing'] } });
    assert.equal(secretVerdict(statement, {}).decision, 'allow');
    assert.equal(secretVerdict(statement, { Team: 'ops' }).decision, 'allow');
    assert.equal(secretVerdict(statement, { Team: 'billing' }).decision, 'implicitDeny');
    const ignoringCase = when({ StringNotEqualsIgnoreCase: { 'aws:ResourceTag/Team': 'PAYMENTS' } });
    assert.equal(secretVerdict(ignoringCase, { Team: 'payments' }).decision, 'implicitDeny');
    assert.equal(
      secretVerdict(when({ StringEqualsIgnoreCase: { 'aws:ResourceTag/Team': 'PAYMENTS' } }), { Team: 'payments' })
        .decision,
      'allow',
    );
  });

  it('StringEqualsIfExists: an absent key matches, a present one must equal', () => {
    const statement = when({ StringEqualsIfExists: { 'aws:ResourceTag/Team': 'payments' } });
    assert.equal(secretVerdict(statement, {}).decision, 'allow');
    assert.equal(secretVerdict(statement, { Team: 'payments' }).decision, 'allow');
    assert.equal(secretVerdict(statement, { Team: 'ops' }).decision, 'implicitDeny');
  });

  it('Null: "true" wants the key absent, "false" wants it present', () => {
    const absent = when({ Null: { 'aws:ResourceTag/Team': 'true' } });
    const present = when({ Null: { 'aws:ResourceTag/Team': false } });
    assert.equal(secretVerdict(absent, {}).decision, 'allow');
    assert.equal(secretVerdict(absent, { Team: 'x' }).decision, 'implicitDeny');
    assert.equal(secretVerdict(present, { Team: 'x' }).decision, 'allow');
    assert.equal(secretVerdict(present, {}).decision, 'implicitDeny');
  });

  it('ForAnyValue:StringLike needs a matching value and fails on an absent key', () => {
    const statement = when({ 'ForAnyValue:StringLike': { 'aws:ResourceTag/Team': ['pay*', 'bill?ng'] } });
    assert.equal(secretVerdict(statement, { Team: 'payments' }).decision, 'allow');
    assert.equal(secretVerdict(statement, { Team: 'billing' }).decision, 'allow');
    assert.equal(secretVerdict(statement, { Team: 'ops' }).decision, 'implicitDeny');
    assert.equal(secretVerdict(statement, {}).decision, 'implicitDeny');
  });

  it('ForAllValues:StringEquals is true for an absent (empty) key, as IAM warns', () => {
    const statement = when({ 'ForAllValues:StringEquals': { 'aws:ResourceTag/Team': ['payments'] } });
    assert.equal(secretVerdict(statement, {}).decision, 'allow');
    assert.equal(secretVerdict(statement, { Team: 'payments' }).decision, 'allow');
    assert.equal(secretVerdict(statement, { Team: 'ops' }).decision, 'implicitDeny');
  });

  it('ArnLike keeps a wildcard inside one ARN part; ArnNotEquals negates', () => {
    const like = (pattern: string) => secretVerdict(when({ ArnLike: { 'aws:PrincipalArn': pattern } }), {}).decision;
    assert.equal(like('arn:aws:iam::123456789012:role/*'), 'allow');
    assert.equal(like('arn:aws:iam::*:role/app'), 'allow');
    assert.equal(like('arn:aws:*:role/app'), 'implicitDeny');
    const notEquals = when({ ArnNotEquals: { 'aws:PrincipalArn': 'arn:aws:iam::123456789012:role/app' } });
    assert.equal(secretVerdict(notEquals, {}).decision, 'implicitDeny');
  });

  it('Bool and Numeric compare by value', () => {
    assert.equal(secretVerdict(when({ Bool: { 'aws:PrincipalIsAWSService': 'false' } }), {}).decision, 'allow');
    assert.equal(secretVerdict(when({ Bool: { 'aws:PrincipalIsAWSService': true } }), {}).decision, 'implicitDeny');
    const level = (op: string, value: number) =>
      secretVerdict(when({ [op]: { 'aws:ResourceTag/Level': value } }), { Level: '3' }).decision;
    assert.equal(level('NumericLessThan', 5), 'allow');
    assert.equal(level('NumericGreaterThanEquals', 5), 'implicitDeny');
    assert.equal(level('NumericEquals', 3), 'allow');
  });

  it('a condition on a request fact (aws:SourceIp) gives dependsOn, never allow or deny', () => {
    const result = secretVerdict(when({ IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } }), {});
    assert.equal(result.decision, 'dependsOn');
    assert.deepEqual(result.dependsOn, ['aws:SourceIp']);
    assert.equal(result.statements[0].policy, 'app');
    // A known false part settles it regardless: false AND unknown is false.
    const settled = when({
      IpAddress: { 'aws:SourceIp': '10.0.0.0/8' },
      StringEquals: { 'aws:ResourceTag/Team': 'x' },
    });
    assert.equal(secretVerdict(settled, {}).decision, 'implicitDeny');
    // A Deny that only might apply leaves an allow open.
    const who = principal('app', {
      app: normalizePolicy({
        Version: '2012-10-17',
        Statement: [
          allow(GET),
          {
            Effect: 'Deny',
            Action: GET,
            Resource: '*',
            Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'false' } },
          },
        ],
      }),
    });
    const open = decision(who, secret({}), GET);
    assert.equal(open.decision, 'dependsOn');
    assert.deepEqual(open.dependsOn, ['aws:MultiFactorAuthPresent']);
  });

  it("request tags, tag keys and KMS request keys are unknown; the other service's keys are absent", () => {
    assert.deepEqual(secretVerdict(when({ StringEquals: { 'aws:RequestTag/Team': 'x' } }), {}).dependsOn, [
      'aws:RequestTag/Team',
    ]);
    assert.equal(
      secretVerdict(when({ 'ForAllValues:StringEquals': { 'aws:TagKeys': ['Team'] } }), {}).decision,
      'dependsOn',
    );
    assert.equal(secretVerdict(when({ StringEquals: { 'kms:ViaService': 'x' } }), {}).decision, 'implicitDeny');
    assert.equal(secretVerdict(when({ StringNotEquals: { 'kms:ViaService': 'x' } }), {}).decision, 'allow');
    assert.equal(
      secretVerdict(when({ StringEquals: { 'secretsmanager:VersionStage': 'AWSCURRENT' } }), {}).decision,
      'dependsOn',
    );
  });
});

describe('access: policy variables', () => {
  const sameTeam = when({ StringEquals: { 'aws:ResourceTag/Team': '${aws:PrincipalTag/Team}' } });

  it('${aws:PrincipalTag/Team} matches the resource tag of the same value, not another', () => {
    assert.equal(secretVerdict(sameTeam, { Team: 'payments' }, { tags: { Team: 'payments' } }).decision, 'allow');
    assert.equal(secretVerdict(sameTeam, { Team: 'billing' }, { tags: { Team: 'payments' } }).decision, 'implicitDeny');
  });

  it('a principal lacking the tag does not match, and StringNotEquals then does ("Policy variables with no value")', () => {
    assert.equal(secretVerdict(sameTeam, { Team: 'payments' }).decision, 'implicitDeny');
    const other = when({ StringNotEquals: { 'aws:ResourceTag/Team': '${aws:PrincipalTag/Team}' } });
    assert.equal(secretVerdict(other, { Team: 'payments' }).decision, 'allow');
    const fallback = when({ StringEquals: { 'aws:ResourceTag/Team': "${aws:PrincipalTag/Team, 'shared'}" } });
    assert.equal(secretVerdict(fallback, { Team: 'shared' }).decision, 'allow');
  });

  it("${aws:username} is a user's name and absent for a role; ${aws:PrincipalAccount} is the account", () => {
    const own = policy(
      allow(GET, { Resource: 'arn:aws:secretsmanager:*:${aws:PrincipalAccount}:secret:${aws:username}-*' }),
    );
    // The secret is prod/db-AbCdEf: a user named prod/db owns it, a user named app does not.
    assert.equal(decision(principal('prod/db', { own }, { kind: 'user' }), secret({}), GET).decision, 'allow');
    assert.equal(decision(principal('app', { own }, { kind: 'user' }), secret({}), GET).decision, 'implicitDeny');
    assert.equal(decision(principal('prod/db', { own }), secret({}), GET).decision, 'implicitDeny');
    const elsewhere = principal('prod/db', { own }, { kind: 'user', account: '210987654321' });
    assert.equal(decision(elsewhere, secret({}), GET).decision, 'implicitDeny');
  });

  it('two resource tags differing only in case make that key unknown', () => {
    const statement = when({ StringEquals: { 'aws:ResourceTag/Team': 'payments' } });
    const result = secretVerdict(statement, { Team: 'payments', team: 'ops' });
    assert.equal(result.decision, 'dependsOn');
    assert.deepEqual(result.dependsOn, ['aws:ResourceTag/Team']);
    assert.equal(secretVerdict(statement, { Team: 'payments', team: 'payments' }).decision, 'allow');
  });

  it('${aws:userid} of a role session is unknown: dependsOn', () => {
    const result = secretVerdict(when({ StringLike: { 'aws:ResourceTag/Owner': '${aws:userid}' } }), {
      Owner: 'AROA:me',
    });
    assert.equal(result.decision, 'dependsOn');
    assert.deepEqual(result.dependsOn, ['aws:userid']);
  });

  it('${*}, ${?} and ${$} are literal characters, not wildcards', () => {
    const star = when({ StringLike: { 'aws:ResourceTag/Team': 'a${*}' } });
    assert.equal(secretVerdict(star, { Team: 'a*' }).decision, 'allow');
    assert.equal(secretVerdict(star, { Team: 'ab' }).decision, 'implicitDeny');
    const rest = when({ StringEquals: { 'aws:ResourceTag/Team': '${$}x${?}' } });
    assert.equal(secretVerdict(rest, { Team: '$x?' }).decision, 'allow');
  });

  it('a policy without Version 2012-10-17 reads ${...} literally', () => {
    const old = normalizePolicy({ Version: '2008-10-17', Statement: sameTeam });
    const who = principal('app', { old }, { tags: { Team: 'payments' } });
    assert.equal(decision(who, secret({ Team: 'payments' }), GET).decision, 'implicitDeny');
    assert.equal(decision(who, secret({ Team: '${aws:PrincipalTag/Team}' }), GET).decision, 'allow');
  });
});
