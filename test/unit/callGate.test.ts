import * as assert from 'node:assert/strict';
import { CallGate } from '../../src/aws/callGate';

/** A call that ends when the test says so, recording when it started. */
function heldCalls(gate: CallGate, started: string[]) {
  const releases = new Map<string, () => void>();
  const start = (lane: string, name: string) =>
    gate.run(lane, () => {
      started.push(name);
      return new Promise<void>((resolve) => releases.set(name, resolve));
    });
  const finish = async (name: string) => {
    if (!releases.has(name)) throw new Error(`${name} not started; started: ${started.join(',')}`);
    releases.get(name)!();
    // Lets the gate hand the place on and the next call start.
    await new Promise((resolve) => setImmediate(resolve));
  };
  return { start, finish };
}

describe('CallGate', () => {
  it('never has more calls in flight than its limit, and lets the next in as one ends', async () => {
    const gate = new CallGate(2);
    const started: string[] = [];
    const { start, finish } = heldCalls(gate, started);
    const all = ['a1', 'a2', 'a3', 'a4'].map((name) => start('a', name));
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(started, ['a1', 'a2']);
    await finish('a1');
    assert.deepEqual(started, ['a1', 'a2', 'a3']);
    await finish('a2');
    await finish('a3');
    await finish('a4');
    await Promise.all(all);
    assert.equal(gate.peakInFlight, 2);
  });

  it('takes waiting lanes in turn, so a lane with many calls cannot hold back one with few', async () => {
    const gate = new CallGate(1);
    const started: string[] = [];
    const { start, finish } = heldCalls(gate, started);
    const big = ['big1', 'big2', 'big3', 'big4'].map((name) => start('big', name));
    const small = ['small1', 'small2'].map((name) => start('small', name));
    await new Promise((resolve) => setImmediate(resolve));
    for (const name of ['big1', 'big2', 'small1', 'big3', 'small2', 'big4']) await finish(name);
    await Promise.all([...big, ...small]);
    // First come first served would have run every big call before the small lane's first.
    assert.deepEqual(started, ['big1', 'big2', 'small1', 'big3', 'small2', 'big4']);
  });

  it('gives the place back when a call fails', async () => {
    const gate = new CallGate(1);
    await assert.rejects(
      gate.run('a', () => Promise.reject(new Error('boom'))),
      /boom/,
    );
    assert.equal(await gate.run('a', () => Promise.resolve('next')), 'next');
  });

  it('refuses a limit that is not a positive integer', () => {
    assert.throws(() => new CallGate(0), RangeError);
    assert.throws(() => new CallGate(1.5), RangeError);
  });
});
