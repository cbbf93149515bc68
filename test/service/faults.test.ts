// Faults injected by the emulator, met by the extension's own services over HTTP: what survives through the
// SDK's retries, what ends in which error category, and what the tree's store holds afterwards.
import * as assert from 'node:assert/strict';
import { createClients } from '../../src/aws/clients';
import { describeError, errorCategory } from '../../src/aws/errors';
import { KmsService } from '../../src/aws/kms';
import { SecretsService } from '../../src/aws/secrets';
import type { RemovalRequest } from '../../src/aws/tagRemoval';
import type { AwsResource, KmsKeyResource, SecretResource } from '../../src/aws/types';
import { untagAction } from '../../src/commands/removalText';
import type { Seed } from '../emulator/types';
import { CapturingLogger, REGION, startHarness, stopHarness, type Harness } from './harness';
import { removeTags, resultText } from './writes';

const KEY_DATA = '5a5a5a5a-1111-4111-8111-111111111111';
const KEY_REPORTS = '5b5b5b5b-2222-4222-8222-222222222222';

function faultSeed(): Seed {
  return {
    regions: {
      [REGION]: {
        secrets: [
          { name: 'prod/db', tags: { Environment: 'prod', Team: 'payments', Owner: '' }, lastChangedDaysAgo: 3 },
          { name: 'app/api', tags: { Team: 'web', Tier: 'front' }, lastChangedDaysAgo: 3 },
        ],
        keys: [
          { id: KEY_DATA, aliases: ['alias/payments-data'], tags: { CostCenter: '42', Team: 'payments' } },
          { id: KEY_REPORTS, aliases: ['alias/reports'], tags: { Team: 'data', Owner: 'ana' } },
        ],
      },
    },
  };
}

describe('service layer against the emulator: faults', () => {
  let h: Harness;
  let mark = 0;
  const recent = (op?: string) =>
    h.emulator
      .calls()
      .slice(mark)
      .filter((c) => op === undefined || c.op === op);
  const secret = (name: string) => h.services.secrets.describe(name);
  const key = async (id: string): Promise<KmsKeyResource> => {
    const keys = await h.services.kms.listKeys();
    return h.services.kms.details(keys.find((k) => k.keyId === id)!);
  };
  const request = (resource: AwsResource, ...keys: string[]): RemovalRequest => ({
    resource,
    tags: (resource.tags ?? []).filter((t) => keys.includes(t.key)),
  });
  const keysOf = (resource: AwsResource | undefined) => (resource?.tags ?? []).map((t) => t.key).sort();
  /** Separate clients with a short timeout or fewer attempts; destroyed by afterEach. */
  const extraClients: Array<{ destroy(): void }> = [];
  const servicesWith = (options: { requestTimeoutMs?: number; maxAttempts?: number }) => {
    const clients = createClients(
      { profile: undefined, region: REGION },
      { endpointUrl: h.emulator.url, logger: new CapturingLogger(), ...options },
    );
    extraClients.push(clients);
    return { secrets: new SecretsService(clients.secrets, REGION), kms: new KmsService(clients.kms, REGION) };
  };

  before(async () => {
    h = await startHarness(faultSeed());
  });
  after(() => stopHarness(h));
  beforeEach(() => {
    h.emulator.reset(faultSeed());
    mark = 0;
  });
  // The call log is cleared by each reset: what every test called is collected here first.
  const seen = { calls: 0, forbidden: [] as string[] };
  afterEach(() => {
    while (extraClients.length) extraClients.pop()!.destroy();
    const calls = h.emulator.calls();
    seen.calls += calls.length;
    seen.forbidden.push(...calls.filter((c) => c.operation === 'GetSecretValue').map((c) => c.resource ?? '?'));
  });

  describe('throttling', () => {
    it("a burst on KMS UntagResource is absorbed by the SDK's retries: the tag goes, with one call that landed", async () => {
      const k = await key(KEY_DATA);
      h.emulator.addFault({ service: 'kms', operation: 'UntagResource', error: 'ThrottlingException', times: 2 });
      mark = h.emulator.calls().length;
      const [outcome] = await removeTags(h.services, [request(k, 'CostCenter')]);
      assert.equal(outcome.status, 'removed');
      assert.deepEqual(
        recent('kms.UntagResource').map((c) => c.outcome),
        ['ThrottlingException', 'ThrottlingException', 'ok'],
      );
      assert.deepEqual(h.emulator.keyTags(KEY_DATA), { Team: 'payments' });
      assert.deepEqual(keysOf(outcome.current), ['Team']);
    });

    it('a throttled first ListSecrets page still loads the store in full', async () => {
      h.emulator.addFault({
        service: 'secretsmanager',
        operation: 'ListSecrets',
        error: 'ThrottlingException',
        times: 1,
      });
      const store = h.newStore();
      await store.loadSecrets().done;
      assert.equal(store.secrets.status, 'done');
      assert.deepEqual([...store.secrets.items.values()].map((s) => s.name).sort(), ['app/api', 'prod/db']);
    });

    it('once the retries are spent: category throttled, a message that says to wait, and the tag stays', async () => {
      const k = await key(KEY_DATA);
      h.emulator.addFault({ service: 'kms', operation: 'UntagResource', error: 'ThrottlingException' });
      mark = h.emulator.calls().length;
      const [outcome] = await removeTags(h.services, [request(k, 'Team')]);
      assert.equal(outcome.status, 'failed');
      assert.equal(errorCategory(outcome.error), 'throttled');
      assert.equal(recent('kms.UntagResource').length, 3, 'three attempts (maxAttempts 3), then give up');
      const message = describeError(outcome.error, { action: untagAction(k), resource: k.name }).message;
      assert.match(message, /throttling kms:UntagResource.*retries ran out.*try again/i);
      assert.equal(h.emulator.keyTags(KEY_DATA).Team, 'payments');
      assert.deepEqual(keysOf(outcome.current), ['CostCenter', 'Team'], 'the read-back shows the tag still there');
    });
  });

  describe('internal errors (500)', () => {
    it("answers each service's own 500 name, and both categorise as a service error once retries are spent", async () => {
      const db = await secret('prod/db');
      const k = await key(KEY_DATA);
      h.emulator.addFault({ operation: 'UntagResource' });
      const outcomes = await removeTags(h.services, [request(db, 'Team'), request(k, 'Team')]);
      assert.deepEqual(
        outcomes.map((o) => o.status),
        ['failed', 'failed'],
      );
      assert.deepEqual(
        outcomes.map((o) => (o.error as Error).name),
        ['InternalServiceError', 'KMSInternalException'],
      );
      assert.deepEqual(
        outcomes.map((o) => errorCategory(o.error)),
        ['service', 'service'],
      );
      assert.match(
        describeError(outcomes[0].error, { action: 'secretsmanager:UntagResource' }).message,
        /internal error.*InternalServiceError.*after retries/,
      );
      assert.equal(h.emulator.secretTags('prod/db').Team, 'payments');
      assert.equal(h.emulator.keyTags(KEY_DATA).Team, 'payments');
    });

    it('a single 500 on each service is retried and the removals land', async () => {
      const db = await secret('prod/db');
      const k = await key(KEY_DATA);
      h.emulator.addFault({ service: 'secretsmanager', operation: 'UntagResource', times: 1 });
      h.emulator.addFault({ service: 'kms', operation: 'UntagResource', times: 1 });
      mark = h.emulator.calls().length;
      const outcomes = await removeTags(h.services, [request(db, 'Team'), request(k, 'Team')]);
      assert.deepEqual(
        outcomes.map((o) => o.status),
        ['removed', 'removed'],
      );
      assert.deepEqual(
        recent('secretsmanager.UntagResource').map((c) => c.outcome),
        ['InternalServiceError', 'ok'],
      );
      assert.deepEqual(
        recent('kms.UntagResource').map((c) => c.outcome),
        ['KMSInternalException', 'ok'],
      );
      assert.equal(h.emulator.secretTags('prod/db').Team, undefined);
      assert.equal(h.emulator.keyTags(KEY_DATA).Team, undefined);
    });
  });

  describe('connection resets', () => {
    it("two resets of UntagResource are recovered by the SDK's retry, and the tag goes exactly once", async () => {
      const db = await secret('prod/db');
      h.emulator.addFault({ service: 'secretsmanager', operation: 'UntagResource', action: 'reset', times: 2 });
      mark = h.emulator.calls().length;
      const [outcome] = await removeTags(h.services, [request(db, 'Team')]);
      assert.equal(outcome.status, 'removed');
      assert.deepEqual(
        recent('secretsmanager.UntagResource').map((c) => c.outcome),
        ['reset', 'reset', 'ok'],
      );
      assert.deepEqual(keysOf(outcome.current), ['Environment', 'Owner']);
    });

    it('resets on every attempt end in the network category, with a message about the endpoint, and the tag stays', async () => {
      const k = await key(KEY_REPORTS);
      h.emulator.addFault({ service: 'kms', operation: 'UntagResource', action: 'reset' });
      const [outcome] = await removeTags(h.services, [request(k, 'Owner')]);
      assert.equal(outcome.status, 'failed');
      assert.equal(errorCategory(outcome.error), 'network');
      assert.match(
        describeError(outcome.error, { action: 'kms:UntagResource' }).message,
        /Cannot reach the AWS endpoint for kms:UntagResource/,
      );
      assert.equal(h.emulator.keyTags(KEY_REPORTS).Owner, 'ana');
      assert.deepEqual(keysOf(outcome.current), ['Owner', 'Team']);
    });
  });

  describe('a request that hangs', () => {
    it('ends in the timeout category within a bounded time, and the tag stays', async () => {
      const services = servicesWith({ requestTimeoutMs: 300, maxAttempts: 2 });
      const db = await services.secrets.describe('prod/db');
      h.emulator.addFault({ service: 'secretsmanager', operation: 'UntagResource', action: 'hang', hangMs: 10_000 });
      const started = Date.now();
      const [outcome] = await removeTags(services, [request(db, 'Team')]);
      const took = Date.now() - started;
      assert.equal(outcome.status, 'failed');
      assert.equal(errorCategory(outcome.error), 'timeout');
      assert.match(
        describeError(outcome.error, { action: 'secretsmanager:UntagResource' }).message,
        /did not answer secretsmanager:UntagResource in time/,
      );
      assert.ok(took < 3_000, `two attempts of 300 ms took ${took} ms`);
      assert.equal(h.emulator.secretTags('prod/db').Team, 'payments');
    });

    it('a single hang is retried after the timeout and the removal lands', async () => {
      const services = servicesWith({ requestTimeoutMs: 300 });
      const db = await services.secrets.describe('prod/db');
      h.emulator.addFault({
        service: 'secretsmanager',
        operation: 'UntagResource',
        action: 'hang',
        hangMs: 10_000,
        times: 1,
      });
      const [outcome] = await removeTags(services, [request(db, 'Team')]);
      assert.equal(outcome.status, 'removed');
      assert.equal(h.emulator.secretTags('prod/db').Team, undefined);
    });
  });

  describe('expired credentials mid-session', () => {
    it('is the credentials category on both services, and a new client works once the credentials are good again', async () => {
      const db = await secret('prod/db');
      h.emulator.addFault({ error: 'ExpiredTokenException' });
      const [outcome] = await removeTags(h.services, [request(db, 'Team')]);
      assert.equal(outcome.status, 'failed');
      assert.equal(errorCategory(outcome.error), 'credentials');
      assert.match(
        describeError(outcome.error, { action: 'secretsmanager:UntagResource' }).message,
        /expired.*Select a profile or refresh your credentials/,
      );
      await assert.rejects(h.services.kms.listKeys(), (e) => errorCategory(e) === 'credentials');
      assert.equal(h.emulator.secretTags('prod/db').Team, 'payments');

      h.emulator.clearFaults();
      const renewed = servicesWith({});
      const [retry] = await removeTags(renewed, [request(db, 'Team')]);
      assert.equal(retry.status, 'removed');
      assert.equal((await renewed.kms.listKeys()).length, 2);
    });
  });

  describe('changes made by someone else', () => {
    it('a KMS key deleted between listing and removal is gone, not failed', async () => {
      const k = await key(KEY_REPORTS);
      h.emulator.mutate({ op: 'deleteKey', keyId: KEY_REPORTS });
      const [outcome] = await removeTags(h.services, [request(k, 'Owner')]);
      assert.equal(outcome.status, 'gone');
      assert.equal(errorCategory(outcome.error), 'notFound');
      assert.match(
        describeError(outcome.error, { action: 'kms:UntagResource', resource: 'reports' }).message,
        /"reports" no longer exists/,
      );
    });

    it('a secret scheduled for deletion meanwhile fails with the reason, and the read-back shows the deletion', async () => {
      const db = await secret('prod/db');
      h.emulator.mutate({ op: 'deleteSecret', secretId: 'prod/db' });
      const [outcome] = await removeTags(h.services, [request(db, 'Team')]);
      assert.equal(outcome.status, 'failed');
      assert.equal(errorCategory(outcome.error), 'invalidState');
      assert.ok(
        (outcome.current as SecretResource | undefined)?.deletedDate,
        'the read-back carries the deletion date',
      );
      assert.equal(h.emulator.secretTags('prod/db').Team, 'payments');
    });

    it('a key scheduled for deletion meanwhile fails with the reason, and the read-back shows its new state', async () => {
      const k = await key(KEY_DATA);
      h.emulator.mutate({ op: 'setKeyState', keyId: KEY_DATA, state: 'PendingDeletion' });
      const [outcome] = await removeTags(h.services, [request(k, 'Team')]);
      assert.equal(outcome.status, 'failed');
      assert.equal(errorCategory(outcome.error), 'invalidState');
      assert.equal((outcome.current as KmsKeyResource | undefined)?.keyState, 'PendingDeletion');
      assert.equal(h.emulator.keyTags(KEY_DATA).Team, 'payments');
    });

    it('a tag already removed by someone else is a success, and the read-back shows what they changed besides', async () => {
      const k = await key(KEY_DATA);
      h.emulator.mutate({ op: 'untagKey', keyId: KEY_DATA, tagKeys: ['Team'] });
      h.emulator.mutate({ op: 'tagKey', keyId: KEY_DATA, tags: { Added: 'by someone else' } });
      const [outcome] = await removeTags(h.services, [request(k, 'Team')]);
      assert.equal(outcome.status, 'removed');
      assert.deepEqual(outcome.current?.tags, [
        { key: 'CostCenter', value: '42' },
        { key: 'Added', value: 'by someone else' },
      ]);
    });
  });

  describe('access denied on removal', () => {
    it('keeps the tag, and the message names the permission and the lock-out guard', async () => {
      const k = await key(KEY_DATA);
      h.emulator.denyUntagTagKey('CostCenter');
      const [outcome] = await removeTags(h.services, [request(k, 'CostCenter', 'Team')]);
      assert.equal(outcome.status, 'failed');
      assert.equal(errorCategory(outcome.error), 'accessDenied');
      const message = describeError(outcome.error, { action: untagAction(k), resource: k.name }).message;
      assert.match(message, /may not call kms:UntagResource on "payments-data"/);
      assert.match(message, /take away your own access/);
      assert.deepEqual(
        h.emulator.keyTags(KEY_DATA),
        { CostCenter: '42', Team: 'payments' },
        'neither key of the one call went',
      );
      assert.deepEqual(keysOf(outcome.current), ['CostCenter', 'Team']);
    });
  });

  describe('access denied on listing', () => {
    it('names the call really refused: kms:ListAliases while listing keys, kms:DescribeKey while reading a key', async () => {
      h.emulator.addFault({ service: 'kms', operation: 'ListAliases', error: 'AccessDeniedException', status: 400 });
      const listing: unknown = await h.services.kms.listKeys().then(
        () => undefined,
        (error: unknown) => error,
      );
      assert.match(describeError(listing, { action: 'kms:ListKeys' }).message, /may not call kms:ListAliases/);
      h.emulator.clearFaults();
      const [first] = await h.services.kms.listKeys();
      h.emulator.addFault({ service: 'kms', operation: 'DescribeKey', error: 'AccessDeniedException', status: 400 });
      const details: unknown = await h.services.kms.details(first).then(
        () => undefined,
        (error: unknown) => error,
      );
      assert.match(
        describeError(details, { action: 'kms:ListResourceTags', resource: first.name }).message,
        /may not call kms:DescribeKey on/,
      );
    });
  });

  describe('partial failure across resources', () => {
    it('says per resource what happened, and each read-back is the truth on AWS', async () => {
      const db = await secret('prod/db');
      const api = await secret('app/api');
      const data = await key(KEY_DATA);
      const reports = await key(KEY_REPORTS);
      h.emulator.denyUntagTagKey('Tier');
      h.emulator.addFault({
        service: 'kms',
        operation: 'UntagResource',
        resource: KEY_REPORTS,
        error: 'KMSInternalException',
      });
      h.emulator.mutate({ op: 'deleteSecret', secretId: 'prod/db', force: true });
      const outcomes = await removeTags(h.services, [
        request(db, 'Team'),
        request(api, 'Tier'),
        request(data, 'Team'),
        request(reports, 'Owner'),
      ]);
      assert.deepEqual(
        outcomes.map((o) => o.status),
        ['gone', 'failed', 'removed', 'failed'],
      );
      assert.deepEqual(
        outcomes.map((o) => keysOf(o.current)),
        [[], ['Team', 'Tier'], ['CostCenter'], ['Owner', 'Team']],
      );
      assert.deepEqual(h.emulator.secretTags('app/api'), { Team: 'web', Tier: 'front' });
      assert.deepEqual(h.emulator.keyTags(KEY_DATA), { CostCenter: '42' });
      assert.deepEqual(h.emulator.keyTags(KEY_REPORTS), { Team: 'data', Owner: 'ana' });

      const text = resultText(outcomes);
      assert.equal(text.level, 'warning');
      assert.match(text.message, /^Removed tags from 1 of 4 resources\./);
      assert.match(text.message, /"prod\/db" no longer exists/);
      assert.match(text.message, /secretsmanager:UntagResource on "app\/api"/);
      assert.match(text.message, /internal error on kms:UntagResource \(KMSInternalException\)/);
    });
  });

  describe('concurrency in the store', () => {
    it('two removals on one secret in quick succession both land, on AWS and in the store', async () => {
      const store = h.newStore();
      await store.loadSecrets().done;
      const db = [...store.secrets.items.values()].find((s) => s.name === 'prod/db')!;
      const apply =
        (ticket: number) =>
        ([outcome]: Awaited<ReturnType<typeof removeTags>>) => {
          if (outcome.current) store.applyWrite(outcome.current, ticket);
          return outcome;
        };
      const first = removeTags(h.services, [request(db, 'Team')]).then(apply(store.beginWrite()));
      const second = removeTags(h.services, [request(db, 'Environment')]).then(apply(store.beginWrite()));
      const outcomes = await Promise.all([first, second]);
      assert.deepEqual(
        outcomes.map((o) => o.status),
        ['removed', 'removed'],
      );
      assert.equal(h.emulator.calls({ op: 'secretsmanager.UntagResource' }).length, 2);
      assert.deepEqual(Object.keys(h.emulator.secretTags('prod/db')), ['Owner']);
      assert.deepEqual(keysOf(store.find(db.arn)), ['Owner']);
      store.reset();
      await store.loadSecrets().done;
      assert.deepEqual(keysOf(store.find(db.arn)), ['Owner'], 'a fresh listing agrees');
    });

    it("the earlier removal's read-back, applied last, does not bring back the key the later one removed", async () => {
      const store = h.newStore();
      await store.loadSecrets().done;
      const db = [...store.secrets.items.values()].find((s) => s.name === 'prod/db')!;
      const firstTicket = store.beginWrite();
      const [a] = await removeTags(h.services, [request(db, 'Team')]);
      const secondTicket = store.beginWrite();
      const [b] = await removeTags(h.services, [request(db, 'Environment')]);
      assert.deepEqual(keysOf(a.current), ['Environment', 'Owner'], 'the first read-back predates the second removal');
      store.applyWrite(b.current!, secondTicket);
      store.applyWrite(a.current!, firstTicket);
      assert.deepEqual(keysOf(store.find(db.arn)), ['Owner']);
      assert.deepEqual(Object.keys(h.emulator.secretTags('prod/db')), ['Owner']);
    });

    it('a refresh in flight while a removal happens, answered with a stale list, does not bring the tag back', async () => {
      const store = h.newStore();
      await store.loadSecrets().done;
      const db = store.find([...store.secrets.items.keys()].find((arn) => arn.includes(':secret:prod/db-'))!)!;
      h.emulator.setListSecretsStale(true);
      h.emulator.setLatency({ ms: 0, perOperation: { 'secretsmanager.ListSecrets': { ms: 300 } } });
      store.resetSecrets();
      const listing = store.loadSecrets();
      const ticket = store.beginWrite();
      const [outcome] = await removeTags(h.services, [request(db, 'Team')]);
      store.applyWrite(outcome.current!, ticket);
      await listing.done;
      const [list] = h.emulator.calls({ op: 'secretsmanager.ListSecrets' }).slice(-1);
      const [untag] = h.emulator.calls({ op: 'secretsmanager.UntagResource' });
      assert.ok(list.time + list.durationMs > untag.time, 'the listing was answered after the removal');
      assert.deepEqual(keysOf(store.find(db.arn)), ['Environment', 'Owner']);
      const raw: SecretResource[] = [];
      for await (const page of h.services.secrets.listPages()) raw.push(...page.secrets);
      assert.ok(
        raw.find((s) => s.name === 'prod/db')?.tags?.some((t) => t.key === 'Team'),
        'the list really was stale',
      );
    });
  });

  // Last: a suite's own tests run before its nested suites.
  describe('afterwards', () => {
    it('never called GetSecretValue in any of these tests', () => {
      assert.ok(seen.calls > 50, `only ${seen.calls} calls were seen`);
      assert.deepEqual(seen.forbidden, []);
    });
  });
});
