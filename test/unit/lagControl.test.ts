import * as assert from 'node:assert/strict';
import { LagControl } from '../../src/aws/lagControl';

/** A control on a clock the test moves; `window` feeds one 200 ms window of samples. */
function controlled(max: number, min: number) {
  let now = 0;
  const control = new LagControl(max, min, () => now);
  const window = (lagMs: number, inFlight: number) => {
    for (let i = 0; i < 20; i++) {
      now += 10;
      control.observe(lagMs, inFlight);
    }
  };
  return { control, window };
}

describe('LagControl', () => {
  it('starts at its maximum and lowers the limit while the event loop runs late, never under the minimum', () => {
    const { control, window } = controlled(64, 4);
    assert.equal(control.limit, 64);
    window(80, 64);
    assert.equal(control.limit, 44);
    for (let i = 0; i < 20; i++) window(80, control.limit);
    assert.equal(control.limit, 4);
  });

  it('raises the limit back while the loop keeps up and every place is in use, up to the maximum', () => {
    const { control, window } = controlled(64, 4);
    window(80, 64);
    window(80, 44);
    assert.equal(control.limit, 30);
    window(2, 30);
    assert.equal(control.limit, 34);
    for (let i = 0; i < 20; i++) window(2, control.limit);
    assert.equal(control.limit, 64);
  });

  it('does not raise a limit that the calls did not reach, nor move on lag between calm and slow', () => {
    const { control, window } = controlled(64, 4);
    window(80, 64);
    assert.equal(control.limit, 44);
    window(2, 10);
    assert.equal(control.limit, 44);
    window(20, 44);
    assert.equal(control.limit, 44);
  });

  it('one late timer in a window is enough to lower the limit', () => {
    let now = 0;
    const control = new LagControl(10, 2, () => now);
    for (let i = 0; i < 20; i++) {
      now += 10;
      control.observe(i === 3 ? 45 : 1, 10);
    }
    assert.equal(control.limit, 7);
  });
});
