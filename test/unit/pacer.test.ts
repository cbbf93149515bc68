import * as assert from 'node:assert/strict';
import { Pacer } from '../../src/aws/pacer';

describe('pacer', () => {
  it('grants the first call at once and spaces the next ones by the quota with headroom', async () => {
    let clock = 1_000;
    const granted: number[] = [];
    const pacer = new Pacer(5, 0.8, () => clock);
    // Ask for three slots at the same instant; only the scheduled start times matter here.
    const originalSetTimeout = global.setTimeout;
    global.setTimeout = ((fn: () => void, ms: number) => {
      clock += ms;
      fn();
      return 0 as unknown as NodeJS.Timeout;
    }) as typeof setTimeout;
    try {
      for (let i = 0; i < 3; i++) {
        await pacer.acquire();
        granted.push(clock);
      }
    } finally {
      global.setTimeout = originalSetTimeout;
    }
    assert.deepEqual(granted, [1_000, 1_250, 1_500]);
  });
});
