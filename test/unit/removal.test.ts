import * as assert from 'node:assert/strict';
import { groupByResource, withoutKeys } from '../../src/aws/tagRemoval';
import { confirmationText, resultText } from '../../src/commands/removalText';
import { kmsKey, secret } from './fixtures';

describe('grouping and wording of removals', () => {
  it('makes one request per resource with all its selected keys, once each', () => {
    const s = secret();
    const k = kmsKey();
    const groups = groupByResource([
      { resource: s, tag: { key: 'Environment', value: 'prod' } },
      { resource: k, tag: { key: 'CostCenter', value: '42' } },
      { resource: s, tag: { key: 'Team', value: 'payments' } },
      { resource: s, tag: { key: 'Team', value: 'payments' } },
    ]);
    assert.equal(groups.length, 2);
    assert.deepEqual(groups[0].tags.map((t) => t.key), ['Environment', 'Team']);
    assert.equal(groups[1].resource, k);
  });

  it('drops exactly the removed keys when the read-back failed', () => {
    assert.deepEqual(withoutKeys(secret(), ['Team']).tags, [{ key: 'Environment', value: 'prod' }]);
  });

  it('names the resource, key and value, and warns about access, before removing', () => {
    const { message, detail } = confirmationText([{ resource: secret(), tags: [{ key: 'Team', value: 'payments' }] }]);
    assert.equal(message, 'Remove tag "Team" from secret "prod/db"?');
    assert.match(detail, /prod\/db: Team = payments/);
    assert.match(detail, /grant or deny access/);
  });

  it('summarises a multi-resource removal and shows an empty value as empty', () => {
    const { message, detail } = confirmationText([
      { resource: secret(), tags: [{ key: 'Owner', value: '' }] },
      { resource: kmsKey(), tags: [{ key: 'CostCenter', value: '42' }] },
    ]);
    assert.equal(message, 'Remove 2 tags from 2 resources?');
    assert.match(detail, /Owner = \(empty value\)/);
    assert.match(detail, /payments-data: CostCenter = 42/);
  });

  it('says how many resources\' policies were not checked in a large bulk removal', () => {
    const requests = [{ resource: secret(), tags: [{ key: 'Team', value: 'p' }] }];
    assert.match(confirmationText(requests, { guarded: [], unreadable: [], unchecked: 12 }).detail, /The policies of 12 more resources were not checked\./);
    assert.doesNotMatch(confirmationText(requests, { guarded: [], unreadable: [], unchecked: 0 }).detail, /not checked/);
  });

  it('reports per resource what happened in a partial failure', () => {
    const denied = Object.assign(new Error('no'), { name: 'AccessDeniedException' });
    const text = resultText([
      { request: { resource: secret(), tags: [{ key: 'Team', value: 'p' }] }, status: 'removed' },
      { request: { resource: kmsKey(), tags: [{ key: 'CostCenter', value: '42' }] }, status: 'failed', error: denied },
    ]);
    assert.equal(text.level, 'warning');
    assert.match(text.message, /Removed tags from 1 of 2 resources/);
    assert.match(text.message, /kms:UntagResource on "payments-data"/);
  });

  it('confirms a full success in one sentence', () => {
    const text = resultText([{ request: { resource: kmsKey(), tags: [{ key: 'CostCenter', value: '42' }] }, status: 'removed' }]);
    assert.deepEqual(text, { level: 'info', message: 'Removed tag "CostCenter" from KMS key "payments-data".' });
  });
});
