import * as assert from 'node:assert/strict';
import { describeFilter, filtersFor, listSecretsFilters, matchesFilter } from '../../src/aws/resourceFilter';
import { kmsKey, secret } from './fixtures';

describe('resource filter', () => {
  it('keeps resources by tag key, exact pair, value substring or name', () => {
    assert.ok(matchesFilter(secret(), { kind: 'tagKey', key: 'Team' }));
    assert.ok(!matchesFilter(secret(), { kind: 'tagKey', key: 'team' }), 'tag keys are case-sensitive on AWS');
    assert.ok(matchesFilter(secret(), { kind: 'tag', key: 'Team', value: 'payments' }));
    assert.ok(!matchesFilter(secret(), { kind: 'tag', key: 'Team', value: 'prod' }), 'the pair must be on one tag');
    assert.ok(matchesFilter(kmsKey(), { kind: 'valueContains', text: '4' }));
    assert.ok(matchesFilter(secret(), { kind: 'nameContains', text: 'PROD/' }));
    assert.ok(!matchesFilter(kmsKey({ tags: undefined }), { kind: 'tagKey', key: 'CostCenter' }));
    assert.ok(matchesFilter(kmsKey(), undefined));
  });

  it('asks ListSecrets to narrow by tag key and value, and nothing for substrings', () => {
    assert.deepEqual(listSecretsFilters({ kind: 'tag', key: 'Team', value: 'web' }), [
      { Key: 'tag-key', Values: ['Team'] },
      { Key: 'tag-value', Values: ['web'] },
    ]);
    assert.deepEqual(listSecretsFilters({ kind: 'valueContains', text: 'x' }), []);
  });

  it('leaves to our side the text ListSecrets refuses in a filter, or would read as a negation', () => {
    assert.deepEqual(listSecretsFilters({ kind: 'tagKey', key: 'Équipe' }), []);
    assert.deepEqual(listSecretsFilters({ kind: 'tagKey', key: '!Team' }), []);
    assert.deepEqual(listSecretsFilters({ kind: 'tag', key: 'Team', value: 'web (old)' }), [
      { Key: 'tag-key', Values: ['Team'] },
    ]);
    assert.deepEqual(listSecretsFilters({ kind: 'tag', key: 'Team', value: '' }), [
      { Key: 'tag-key', Values: ['Team'] },
    ]);
    assert.deepEqual(listSecretsFilters({ kind: 'tag', key: 'a:b/c@d', value: 'x+y=z.-!' }), [
      { Key: 'tag-key', Values: ['a:b/c@d'] },
      { Key: 'tag-value', Values: ['x+y=z.-!'] },
    ]);
  });

  it('offers a key=value pair first when the text has an equals sign', () => {
    assert.deepEqual(filtersFor('Team=web')[0], { kind: 'tag', key: 'Team', value: 'web' });
    assert.deepEqual(
      filtersFor('Team').map((f) => f.kind),
      ['tagKey', 'valueContains', 'nameContains'],
    );
    assert.deepEqual(filtersFor('  '), []);
  });

  it('gives each meaning of the typed text its own label, so the picker never shows two alike', () => {
    const labels = filtersFor('Team=payments').map(describeFilter);
    assert.equal(new Set(labels).size, labels.length, labels.join(' | '));
  });
});
