// "All enabled regions": Account Management's ListRegions through the SDK, paged, against the emulator.
import * as assert from 'node:assert/strict';
import { enabledRegionsOf } from '../../src/aws/enabledRegions';
import { errorCategory } from '../../src/aws/errors';
import type { Seed } from '../emulator/types';
import { REGION, startHarness, stopHarness, type Harness } from './harness';

/** 17 Regions enabled by default, one opt-in Region turned on, and 40 more so that the answer spans two pages of 50. */
function seed(): Seed {
  const extra = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`xx-test-${i + 1}`, 'ENABLED' as const]));
  return {
    regions: {},
    account: { regions: { 'af-south-1': 'ENABLED', 'eu-south-2': 'ENABLING', 'me-south-1': 'DISABLING', ...extra } },
  };
}

describe('service layer against the emulator: enabled regions (account:ListRegions)', function () {
  this.timeout(60_000);
  let h: Harness;
  const read = () =>
    enabledRegionsOf({ profile: undefined, region: REGION }, { endpointUrl: h.emulator.url, logger: h.logger });

  before(async () => {
    h = await startHarness(seed());
  });
  after(() => stopHarness(h));
  beforeEach(() => h.emulator.reset(seed()));

  it('reads every enabled Region across pages, leaving out the disabled and those changing state', async () => {
    const regions = await read();
    assert.equal(regions.length, 17 + 1 + 40);
    assert.deepEqual(regions, [...regions].sort());
    assert.ok(regions.includes('us-east-1') && regions.includes('af-south-1') && regions.includes('xx-test-40'));
    for (const off of ['eu-south-2', 'me-south-1', 'ap-east-1']) assert.ok(!regions.includes(off), off);
    const calls = h.emulator.calls({ op: 'account.ListRegions' });
    assert.equal(calls.length, 2, 'two pages of at most 50');
    assert.ok(h.logger.lines.some((l) => /^account:ListRegions -> ok/.test(l)));
  });

  it('throws AccessDenied when account:ListRegions is not allowed, for the caller to fall back', async () => {
    h.emulator.allowOnlyActions(['kms:*', 'secretsmanager:*']);
    await assert.rejects(read(), (error) => errorCategory(error) === 'accessDenied');
    assert.deepEqual(
      h.emulator.calls({ op: 'account.ListRegions' }).map((c) => c.outcome),
      ['AccessDeniedException'],
    );
  });
});
