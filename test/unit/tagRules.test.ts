import * as assert from 'node:assert/strict';
import { tagKeyProblem, tagValueProblem } from '../../src/aws/tagRules';
import { kmsKey, secret } from './fixtures';

describe('tag rules checked before any call', () => {
  it('accepts an ordinary key and value on both services', () => {
    assert.equal(tagKeyProblem(secret(), 'CostCenter'), undefined);
    assert.equal(tagKeyProblem(kmsKey(), 'cost:center/eu@x'), undefined);
    assert.equal(tagValueProblem('secret', ''), undefined);
    assert.equal(tagValueProblem('secret', 'Zürich 42'), undefined);
  });

  it('refuses empty, too long, reserved and duplicate keys', () => {
    assert.match(tagKeyProblem(secret(), '') ?? '', /empty/);
    assert.match(tagKeyProblem(secret(), 'k'.repeat(129)) ?? '', /at most 128/);
    assert.equal(tagKeyProblem(secret(), 'k'.repeat(128)), undefined);
    assert.match(tagKeyProblem(kmsKey(), 'AWS:x') ?? '', /reserved/);
    assert.match(tagKeyProblem(secret(), 'Team') ?? '', /already a tag/);
    assert.equal(tagKeyProblem(secret(), 'team'), undefined, 'keys differing in case are different keys');
  });

  it('applies the Secrets Manager character set, and not to KMS', () => {
    assert.match(tagKeyProblem(secret(), 'a#b') ?? '', /only letters, digits/);
    assert.match(tagValueProblem('secret', 'x<script>') ?? '', /only letters/);
    assert.equal(tagValueProblem('kmsKey', 'x<script>'), undefined);
  });

  it('refuses a 51st user tag, not counting system tags', () => {
    const fifty = Array.from({ length: 50 }, (_, i) => ({ key: `k${i}`, value: '' }));
    assert.match(tagKeyProblem(secret({ tags: fifty }), 'one-more') ?? '', /already has 50/);
    const withSystem = [...fifty.slice(1), { key: 'aws:cloudformation:stack-name', value: 's' }];
    assert.equal(tagKeyProblem(secret({ tags: withSystem }), 'one-more'), undefined);
  });

  it('counts characters, not UTF-16 units, for the 256-character value limit', () => {
    assert.equal(tagValueProblem('kmsKey', '😀'.repeat(256)), undefined);
    assert.match(tagValueProblem('kmsKey', '😀'.repeat(257)) ?? '', /at most 256/);
  });
});
