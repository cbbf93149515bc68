import * as assert from 'node:assert/strict';
import { policyTagKeys, policyUsesTag } from '../../src/aws/policies';

const policy = (condition: object) =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: '*', Action: 'kms:Decrypt', Resource: '*', Condition: condition }],
  });

describe('tag keys used by resource policies', () => {
  it('finds aws:, kms: and secretsmanager: ResourceTag conditions in any case', () => {
    const keys = policyTagKeys(
      policy({
        StringEquals: { 'aws:ResourceTag/Team': 'x', 'KMS:resourcetag/Env': 'y' },
        StringLike: { 'secretsmanager:ResourceTag/Cost-Center': '*' },
      }),
    );
    assert.deepEqual([...keys].sort(), ['cost-center', 'env', 'team']);
    assert.ok(policyUsesTag({ keys }, 'TEAM'));
    assert.ok(!policyUsesTag({ keys }, 'Owner'));
  });

  it('ignores request-tag conditions, which concern the caller, not the resource', () => {
    assert.equal(
      policyTagKeys(policy({ StringEquals: { 'aws:RequestTag/Team': 'x', 'aws:PrincipalTag/Team': 'y' } })).size,
      0,
    );
  });

  it('reads a single statement object and survives no policy or bad JSON', () => {
    const single = JSON.stringify({
      Statement: { Effect: 'Deny', Condition: { Null: { 'aws:ResourceTag/Owner': 'true' } } },
    });
    assert.deepEqual([...policyTagKeys(single)], ['owner']);
    assert.equal(policyTagKeys(undefined).size, 0);
    assert.equal(policyTagKeys('{not json').size, 0);
  });

  it('says nothing about a tag when the policy could not be read', () => {
    assert.equal(policyUsesTag({ keys: undefined, error: new Error('denied') }, 'Team'), false);
  });
});
