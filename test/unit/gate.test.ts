import * as assert from 'node:assert/strict';
import { Gate } from '../../src/aws/concurrency';

describe('Gate', () => {
  it('runs at most its limit at once, the others in order as places free, failures included', async () => {
    const gate = new Gate(2);
    let running = 0;
    let most = 0;
    const order: number[] = [];
    const releases: Array<() => void> = [];
    const runs = [0, 1, 2, 3, 4].map((i) =>
      gate.run(async () => {
        running++;
        most = Math.max(most, running);
        order.push(i);
        await new Promise<void>((resolve) => releases.push(resolve));
        running--;
        if (i === 1) throw new Error('failed');
        return i;
      }),
    );
    for (let step = 0; step < 5; step++) {
      await new Promise((resolve) => setImmediate(resolve));
      releases.shift()?.();
    }
    const settled = await Promise.allSettled(runs);
    assert.equal(most, 2);
    assert.deepEqual(order, [0, 1, 2, 3, 4]);
    assert.deepEqual(
      settled.map((s) => s.status),
      ['fulfilled', 'rejected', 'fulfilled', 'fulfilled', 'fulfilled'],
    );
  });
});
