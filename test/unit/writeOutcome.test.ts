import * as assert from 'node:assert/strict';
import { decideOutcome, mayHaveApplied, takenAway, withDelta } from '../../src/aws/writeOutcome';
import { secret } from './fixtures';

const err = (name: string, code?: string) => Object.assign(new Error(name), { name, ...(code ? { code } : {}) });
const reset = err('Error', 'ECONNRESET');
const denied = err('AccessDeniedException');
const removeTeam = { remove: ['Team'], set: [] };
const gone = secret({ tags: [{ key: 'Environment', value: 'prod' }] });
const still = secret();

describe("deciding a write's outcome from the read-back", () => {
  it('applied when the read-back shows the change, whatever the call said', () => {
    assert.equal(decideOutcome(removeTeam, { readBack: gone }), 'applied');
    assert.equal(decideOutcome(removeTeam, { callError: reset, readBack: gone }), 'applied');
    assert.equal(decideOutcome(removeTeam, { callError: err('InternalServiceError'), readBack: gone }), 'applied');
  });

  it('applied when AWS answered success, even if the read still lags', () => {
    assert.equal(decideOutcome(removeTeam, { readBack: still }), 'applied');
    assert.equal(decideOutcome(removeTeam, {}), 'applied');
  });

  it('not applied when AWS refused, or when the read-back shows the old state after a lost answer', () => {
    assert.equal(decideOutcome(removeTeam, { callError: denied, readBack: still }), 'notApplied');
    assert.equal(decideOutcome(removeTeam, { callError: denied }), 'notApplied');
    assert.equal(decideOutcome(removeTeam, { callError: reset, readBack: still }), 'notApplied');
  });

  it('unknown only when the answer was lost and nothing could be read back', () => {
    assert.equal(decideOutcome(removeTeam, { callError: reset }), 'unknown');
    assert.equal(decideOutcome(removeTeam, { callError: err('TimeoutError') }), 'unknown');
  });

  it('gone when the resource no longer exists', () => {
    assert.equal(decideOutcome(removeTeam, { callError: err('ResourceNotFoundException') }), 'gone');
    assert.equal(decideOutcome(removeTeam, { callError: reset, readBackGone: true }), 'gone');
  });

  it('keeps the values restorable whenever the change may have been made', () => {
    assert.equal(mayHaveApplied('notApplied', reset), true, 'a lagging read after a lost answer');
    assert.equal(mayHaveApplied('notApplied', denied), false);
    assert.equal(mayHaveApplied('unknown', reset), true);
  });

  it('knows what a change takes away and what it leaves', () => {
    const before = [
      { key: 'Team', value: 'a' },
      { key: 'Env', value: 'b' },
    ];
    assert.deepEqual(
      takenAway(before, {
        remove: ['Team', 'Missing'],
        set: [
          { key: 'Env', value: 'c' },
          { key: 'New', value: 'd' },
        ],
      }),
      {
        removed: [{ key: 'Team', value: 'a' }],
        overwritten: [{ key: 'Env', value: 'b' }],
      },
    );
    assert.deepEqual(
      takenAway(before, { remove: [], set: [{ key: 'Env', value: 'b' }] }).overwritten,
      [],
      'the same value overwrites nothing',
    );
    assert.deepEqual(withDelta(before, { remove: ['Team'], set: [{ key: 'New', value: 'd' }] }), [
      { key: 'Env', value: 'b' },
      { key: 'New', value: 'd' },
    ]);
  });
});
