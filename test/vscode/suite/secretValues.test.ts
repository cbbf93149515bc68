import * as assert from 'node:assert/strict';
import { calls, secretValueReads } from './helpers';

// Imported last: by now every other test has run, and each reset has handed over its call log.
suite('the whole extension-host run', () => {
  test('never called GetSecretValue, in any test', async () => {
    const reads = [
      ...secretValueReads,
      ...(await calls()).filter((c) => c.operation === 'GetSecretValue').map((c) => c.resource ?? '?'),
    ];
    assert.deepEqual(reads, []);
  });
});
