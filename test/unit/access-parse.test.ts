import * as assert from 'node:assert/strict';
import { parsePolicy, parseUrlEncodedPolicy, PolicyParseError } from '../../src/aws/access';

describe('access: reading policy documents', () => {
  const json = JSON.stringify({
    Version: '2012-10-17',
    Statement: {
      Sid: 'ReadPayments',
      Effect: 'Allow',
      Action: 'secretsmanager:GetSecretValue',
      Resource: '*',
      Condition: {
        StringEquals: { 'secretsmanager:ResourceTag/Team': 'payments' },
        Bool: { 'aws:SecureTransport': true },
      },
    },
  });

  it('decodes the URL-encoded documents IAM returns, then normalises single values to lists', () => {
    const encoded = encodeURIComponent(json);
    assert.match(encoded, /%7B%22Version%22/);
    const policy = parseUrlEncodedPolicy(encoded);
    assert.equal(policy.version, '2012-10-17');
    assert.equal(policy.statements.length, 1);
    const [statement] = policy.statements;
    assert.equal(statement.sid, 'ReadPayments');
    assert.deepEqual(statement.actions, ['secretsmanager:GetSecretValue']);
    assert.deepEqual(statement.resources, ['*']);
    assert.equal(statement.notActions, undefined);
    assert.deepEqual(statement.conditions.StringEquals, { 'secretsmanager:ResourceTag/Team': ['payments'] });
    // Booleans and numbers compare by their text, as IAM does.
    assert.deepEqual(statement.conditions.Bool, { 'aws:SecureTransport': ['true'] });
  });

  it('reads "*" as a principal list and keeps other principal types apart', () => {
    const policy = parsePolicy(
      JSON.stringify({
        Statement: [
          { Effect: 'Allow', Principal: '*', Action: 'kms:*', Resource: '*' },
          { Effect: 'Allow', Principal: { Service: 'rds.amazonaws.com' }, NotAction: 'kms:Delete*', NotResource: 'x' },
        ],
      }),
    );
    assert.deepEqual(policy.statements[0].principals, { AWS: ['*'] });
    assert.deepEqual(policy.statements[1].principals, { Service: ['rds.amazonaws.com'] });
    assert.deepEqual(policy.statements[1].notActions, ['kms:Delete*']);
    assert.deepEqual(policy.statements[1].notResources, ['x']);
    assert.equal(policy.version, undefined);
  });

  it('says what is wrong, and where', () => {
    const bad = (text: string, message: RegExp) =>
      assert.throws(
        () => parsePolicy(text),
        (error: unknown) => error instanceof PolicyParseError && message.test(error.message),
      );
    bad('{"Statement": [', /not valid JSON/);
    bad('[]', /must be a JSON object/);
    bad('{"Version": "2012-10-17"}', /no Statement/);
    bad(
      '{"Statement": [{"Effect": "Allow", "Action": "a"}, {"Effect": "allow", "Action": "a"}]}',
      /Statement 1: Effect/,
    );
    bad('{"Statement": {"Effect": "Deny"}}', /exactly one of Action and NotAction/);
    bad('{"Statement": {"Effect": "Deny", "Action": [1]}}', /Action must hold strings/);
    bad('{"Statement": {"Effect": "Deny", "Action": "a", "Condition": {"Bool": "x"}}}', /Condition.Bool/);
    assert.throws(() => parseUrlEncodedPolicy('%7B%zz'), /not URL-encoded/);
  });
});
