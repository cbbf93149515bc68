import * as assert from 'node:assert/strict';
import { groupByResource } from '../../src/aws/tagRemoval';
import type { WriteOutcome } from '../../src/aws/tagWriter';
import type { AwsResource } from '../../src/aws/types';
import { removalText } from '../../src/commands/outcomeText';
import { confirmationText } from '../../src/commands/removalText';
import { kmsKey, secret } from './fixtures';

function outcome(
  resource: AwsResource,
  remove: string[],
  status: WriteOutcome['status'],
  error?: unknown,
  entries: Array<{ id: string }> = [],
): WriteOutcome {
  return { change: { store: undefined as never, resource, remove, set: [] }, status, error, entries };
}

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
    assert.deepEqual(
      groups[0].tags.map((t) => t.key),
      ['Environment', 'Team'],
    );
    assert.equal(groups[1].resource, k);
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

  it("says that a primary secret's replicas lose the tags too", () => {
    const primary = secret({ primaryRegion: 'us-east-1', replicaRegions: ['eu-west-1'] });
    assert.match(
      confirmationText([{ resource: primary, tags: [{ key: 'Team', value: 'p' }] }]).detail,
      /replicated to eu-west-1: Secrets Manager removes the tags from its replicas too/,
    );
    assert.doesNotMatch(
      confirmationText([{ resource: secret(), tags: [{ key: 'Team', value: 'p' }] }]).detail,
      /replica/,
    );
  });

  it('reports per resource what happened in a partial failure', () => {
    const denied = Object.assign(new Error('no'), { name: 'AccessDeniedException' });
    const text = removalText([
      outcome(secret(), ['Team'], 'applied'),
      outcome(kmsKey(), ['CostCenter'], 'notApplied', denied),
    ]);
    assert.equal(text.level, 'warning');
    assert.match(text.message, /Removed tags from 1 of 2 resources/);
    assert.match(text.message, /kms:UntagResource on "payments-data"/);
  });

  it('confirms a full success in one sentence', () => {
    const text = removalText([outcome(kmsKey(), ['CostCenter'], 'applied', undefined, [{ id: '1' }])]);
    assert.deepEqual(text, {
      level: 'info',
      message: 'Removed tag "CostCenter" from KMS key "payments-data".',
      undoable: true,
    });
  });

  it('reports a removal whose answer was lost as done, with the reason, and offers Undo', () => {
    const reset = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
    const text = removalText([outcome(secret(), ['Team'], 'applied', reset, [{ id: '1' }])]);
    assert.equal(text.level, 'info');
    assert.equal(
      text.message,
      'Removed tag "Team" from secret "prod/db": AWS\'s answer was lost (ECONNRESET); reading the secret back shows the tag gone.',
    );
    assert.equal(text.undoable, true);
  });

  it('says an unknown outcome is unknown, keeps Undo, and points at Restore', () => {
    const timeout = Object.assign(new Error('timed out'), { name: 'TimeoutError' });
    const text = removalText([outcome(kmsKey(), ['Team'], 'unknown', timeout, [{ id: '1' }])]);
    assert.equal(text.level, 'warning');
    assert.match(text.message, /outcome unknown: AWS's answer was lost \(TimeoutError\)/);
    assert.match(text.message, /Restore Removed Tags\.\.\. offers them/);
    assert.equal(text.undoable, true);
  });
});
