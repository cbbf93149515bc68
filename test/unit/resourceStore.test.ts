import * as assert from 'node:assert/strict';
import type { KmsService } from '../../src/aws/kms';
import { ResourceStore, type StoreChange } from '../../src/aws/resourceStore';
import type { SecretsService } from '../../src/aws/secrets';
import type { KmsKeyResource, SecretResource } from '../../src/aws/types';
import { kmsKey, secret } from './fixtures';

/** Services that answer from arrays, so the store's own logic is tested without any AWS. */
function fakeServices(pages: SecretResource[][], keys: KmsKeyResource[] = []) {
  const gate = { release: () => {} };
  const secrets = {
    async *listPages() {
      for (const [i, page] of pages.entries()) {
        if (i === 1) await new Promise<void>((resolve) => (gate.release = resolve));
        yield { secrets: page, more: i < pages.length - 1 };
      }
    },
  } as unknown as SecretsService;
  const kms = {
    listKeys: async () => keys.map((k) => ({ ...k, tags: undefined })),
    // No Tagging API here: the details bring the tags.
    allKeyTags: async () => undefined,
    details: async (key: KmsKeyResource) => ({
      ...key,
      tags: [{ key: 'Detail', value: key.keyId }],
      keyManager: 'CUSTOMER',
    }),
  } as unknown as KmsService;
  return { services: { secrets, kms }, gate };
}

const options = { includePlannedDeletion: false, skipAwsManagedKeyDetails: true };

describe('scope store', () => {
  it('makes the first page usable before the rest of the list has arrived', async () => {
    const a = secret({ arn: 'arn:a', name: 'a' });
    const b = secret({ arn: 'arn:b', name: 'b' });
    const { services, gate } = fakeServices([[a], [b]]);
    const store = new ResourceStore({ profile: undefined, region: 'us-east-1' }, services, options);
    const run = store.loadSecrets();
    await run.firstPage;
    assert.deepEqual([...store.secrets.items.keys()], ['arn:a']);
    assert.equal(store.secrets.status, 'loading');
    gate.release();
    await run.done;
    assert.deepEqual([...store.secrets.items.keys()], ['arn:a', 'arn:b']);
    assert.equal(store.secrets.status, 'done');
  });

  it('does not let a lagging list bring back a tag removed a moment ago', async () => {
    const before = secret({ lastChangedDate: new Date(1000) });
    const after = secret({ lastChangedDate: new Date(2000), tags: [{ key: 'Environment', value: 'prod' }] });
    const { services, gate } = fakeServices([[before]]);
    gate.release();
    const store = new ResourceStore({ profile: undefined, region: 'us-east-1' }, services, options);
    store.applyWrite(after, store.beginWrite());
    store.reset();
    await store.loadSecrets().done;
    assert.deepEqual(store.find(before.arn)?.tags, after.tags);
  });

  it('takes a listed copy that is newer than the last write', async () => {
    const written = secret({ lastChangedDate: new Date(1000), tags: [] });
    const newer = secret({ lastChangedDate: new Date(3000) });
    const { services } = fakeServices([[newer]]);
    const store = new ResourceStore({ profile: undefined, region: 'us-east-1' }, services, options);
    store.applyWrite(written, store.beginWrite());
    await store.loadSecrets().done;
    assert.equal(store.find(newer.arn)?.tags?.length, 2);
  });

  it('lists keys before their details, then fills each in, skipping AWS managed keys', async () => {
    const customer = kmsKey({ arn: 'arn:k1', keyId: 'k1', aliases: ['alias/app'] });
    const managed = kmsKey({ arn: 'arn:k2', keyId: 'k2', aliases: ['alias/aws/s3'], keyManager: 'AWS' });
    const { services } = fakeServices([], [customer, managed]);
    const store = new ResourceStore({ profile: undefined, region: 'us-east-1' }, services, options);
    const changes: StoreChange[] = [];
    store.onDidChange((c) => changes.push(c));
    const run = store.loadKeys();
    await run.listed;
    assert.equal(store.keys.items.size, 2);
    await run.done;
    assert.deepEqual(store.keys.items.get('arn:k1')?.tags, [{ key: 'Detail', value: 'k1' }]);
    assert.equal(store.keys.items.get('arn:k2')?.tags, undefined);
    assert.ok(changes.some((c) => c.kind === 'resource' && c.resource.arn === 'arn:k1'));
  });

  it("fetches a key's details once when the tree and the background ask together", async () => {
    let calls = 0;
    const { services } = fakeServices([], [kmsKey()]);
    const details = services.kms.details.bind(services.kms);
    services.kms.details = async (k) => {
      calls++;
      return details(k);
    };
    const store = new ResourceStore({ profile: undefined, region: 'us-east-1' }, services, options);
    await store.loadKeys().listed;
    const key = [...store.keys.items.values()][0];
    await Promise.all([store.keyDetails(key), store.keyDetails(key), store.loadKeys().done]);
    assert.equal(calls, 1);
  });
});

describe('scope store, once replaced', () => {
  it('stops listing secrets at the next page and fetching key details at the next key', async () => {
    const keys = Array.from({ length: 40 }, (_, i) => kmsKey({ arn: `arn:k${i}`, keyId: `k${i}`, name: `k${i}` }));
    let detailCalls = 0;
    let releaseDetails = () => {};
    const held = new Promise<void>((resolve) => (releaseDetails = resolve));
    const { services, gate } = fakeServices(
      [[secret({ arn: 'arn:a', name: 'a' })], [secret({ arn: 'arn:b', name: 'b' })]],
      keys,
    );
    const kms = services.kms as unknown as { details: (key: KmsKeyResource) => Promise<KmsKeyResource> };
    kms.details = async (key) => {
      detailCalls++;
      await held;
      return { ...key, tags: [] };
    };
    const store = new ResourceStore({ profile: undefined, region: 'us-east-1' }, services, {
      ...options,
      detailConcurrency: 4,
    });
    const secrets = store.loadSecrets();
    await secrets.firstPage;
    const loadedKeys = store.loadKeys();
    await loadedKeys.listed;
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(detailCalls, 4, 'four keys in flight');

    store.dispose();
    gate.release();
    releaseDetails();
    await Promise.all([secrets.done, loadedKeys.done]);
    assert.equal(detailCalls, 4, 'no key started after dispose');
    assert.deepEqual([...store.secrets.items.keys()], ['arn:a'], 'no page taken after dispose');
  });
});
