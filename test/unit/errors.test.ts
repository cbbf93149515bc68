import * as assert from 'node:assert/strict';
import { describeError, errorCategory } from '../../src/aws/errors';

function awsError(name: string, message = '', status = 400): Error {
  return Object.assign(new Error(message), { name, $metadata: { httpStatusCode: status } });
}

describe('error mapping', () => {
  it('names the permission and the lock-out guard when untagging is denied', () => {
    const d = describeError(awsError('AccessDeniedException', 'denied'), {
      action: 'secretsmanager:UntagResource',
      resource: 'prod/db',
    });
    assert.equal(d.category, 'accessDenied');
    assert.match(d.message, /secretsmanager:UntagResource/);
    assert.match(d.message, /"prod\/db"/);
    assert.match(d.message, /your own access/);
  });

  it('does not mention the lock-out guard for a denied list call', () => {
    const d = describeError(awsError('AccessDeniedException'), { action: 'kms:ListKeys' });
    assert.doesNotMatch(d.message, /own access/);
  });

  it('maps missing and expired credentials to one category that suggests a profile', () => {
    for (const name of [
      'CredentialsProviderError',
      'ExpiredTokenException',
      'UnrecognizedClientException',
      'InvalidSignatureException',
    ]) {
      const d = describeError(awsError(name), { action: 'kms:ListKeys' });
      assert.equal(d.category, 'credentials', name);
      assert.match(d.message, /Select a profile/);
    }
  });

  it("says a resource was deleted for both services' not-found errors", () => {
    assert.equal(errorCategory(awsError('ResourceNotFoundException')), 'notFound');
    assert.equal(errorCategory(awsError('NotFoundException')), 'notFound');
    assert.match(
      describeError(awsError('NotFoundException'), { action: 'kms:UntagResource', resource: 'k' }).message,
      /no longer exists/,
    );
  });

  it("passes on AWS's reason for a refused state change", () => {
    const d = describeError(
      awsError('KMSInvalidStateException', 'arn:aws:kms:us-east-1:1:key/x is pending deletion.'),
      { action: 'kms:UntagResource', resource: 'k' },
    );
    assert.equal(d.category, 'invalidState');
    assert.match(d.message, /is pending deletion/);
    assert.equal(errorCategory(awsError('InvalidRequestException')), 'invalidState');
  });

  it('recognises throttling, timeouts, network failures and 5xx faults', () => {
    assert.equal(errorCategory(awsError('ThrottlingException')), 'throttled');
    assert.equal(errorCategory(Object.assign(new Error('timed out'), { name: 'TimeoutError' })), 'timeout');
    assert.equal(
      errorCategory(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' })),
      'network',
    );
    assert.equal(errorCategory(new Error('socket hang up')), 'network');
    assert.equal(errorCategory(awsError('SomethingNew', 'x', 503)), 'service');
    assert.equal(errorCategory(awsError('SomethingNew', 'x', 400)), 'unknown');
  });
});
