import * as assert from 'node:assert/strict';
import type { AccountPrincipals } from '../../src/aws/access/accountPrincipals';
import { FAILURE_KEPT_MS, PrincipalCache } from '../../src/aws/access/principalCache';

const loaded: AccountPrincipals = { principals: [], roles: 0, users: 0, warnings: [], loadedAt: 0 };

describe('access: the principal cache', () => {
  it('reads an account once, and again after clear()', async () => {
    const cache = new PrincipalCache();
    let reads = 0;
    const load = async () => {
      reads++;
      return loaded;
    };
    await cache.get('111111111111', load);
    await cache.get('111111111111', load);
    await cache.get('222222222222', load);
    assert.equal(reads, 2);
    cache.clear();
    await cache.get('111111111111', load);
    assert.equal(reads, 3);
  });

  it('keeps a failure for a while, so a refusing IAM is asked once, then tries again', async () => {
    let now = 1_000;
    const cache = new PrincipalCache(() => now);
    let reads = 0;
    const failing = async (): Promise<AccountPrincipals> => {
      reads++;
      throw new Error('AccessDenied');
    };
    await assert.rejects(cache.get('111111111111', failing), /AccessDenied/);
    now += FAILURE_KEPT_MS - 1;
    await assert.rejects(cache.get('111111111111', failing), /AccessDenied/);
    assert.equal(reads, 1);
    now += 1;
    await assert.rejects(cache.get('111111111111', failing));
    assert.equal(reads, 2);
  });
});
