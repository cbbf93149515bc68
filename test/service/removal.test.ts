import { DeleteSecretCommand, UntagResourceCommand } from '@aws-sdk/client-secrets-manager';
import * as assert from 'node:assert/strict';
import { createClients } from '../../src/aws/clients';
import { errorCategory } from '../../src/aws/errors';
import { SecretsService } from '../../src/aws/secrets';
import type { AwsResource } from '../../src/aws/types';
import { CapturingLogger, REGION, startHarness, stopHarness, type Harness } from './harness';
import { KEY_PAYMENTS, KEY_PENDING, serviceSeed } from './seed';
import { removeTags } from './writes';

describe('service layer against the emulator: removing tags', () => {
  let h: Harness;
  let mark = 0;
  const recent = () => h.emulator.calls().slice(mark);
  const secret = (name: string) => h.services.secrets.describe(name);
  const key = async (id: string) => {
    const keys = await h.services.kms.listKeys();
    return h.services.kms.details(keys.find((k) => k.keyId === id)!);
  };
  const remove = (resource: AwsResource, ...keys: string[]) =>
    removeTags(h.services, [{ resource, tags: (resource.tags ?? []).filter((t) => keys.includes(t.key)) }]);

  beforeEach(async () => {
    h = await startHarness(serviceSeed());
    mark = h.emulator.calls().length;
  });
  afterEach(() => stopHarness(h));

  it('removes one tag from a secret with one read before, one untag and one read-back, and leaves the others', async () => {
    const db = await secret('prod/db');
    mark = h.emulator.calls().length;
    const [outcome] = await remove(db, 'Team');
    assert.equal(outcome.status, 'removed');
    assert.deepEqual(
      outcome.current?.tags?.map((t) => t.key),
      ['Environment', 'Owner'],
    );
    assert.deepEqual(
      recent().map((c) => c.op),
      ['secretsmanager.DescribeSecret', 'secretsmanager.UntagResource', 'secretsmanager.DescribeSecret'],
    );
    assert.deepEqual(recent()[1].tagKeys, ['Team']);
    assert.deepEqual(Object.keys(h.emulator.secretTags('prod/db')), ['Environment', 'Owner']);
  });

  it('removes several tags of one key in a single call by key ARN, and reads its tags back', async () => {
    const k = await key(KEY_PAYMENTS);
    mark = h.emulator.calls().length;
    const [outcome] = await remove(k, 'CostCenter', 'Team');
    assert.equal(outcome.status, 'removed');
    assert.deepEqual(outcome.current?.tags, []);
    const untags = recent().filter((c) => c.op === 'kms.UntagResource');
    assert.equal(untags.length, 1);
    assert.deepEqual(untags[0].tagKeys, ['CostCenter', 'Team']);
    assert.match(untags[0].resource ?? '', /^arn:aws:kms:us-east-1:\d{12}:key\//);
    assert.deepEqual(h.emulator.keyTags(KEY_PAYMENTS), {});
  });

  it('treats a tag someone else already removed as removed (idempotent untag)', async () => {
    const db = await secret('prod/db');
    await h.clients.secrets.send(new UntagResourceCommand({ SecretId: 'prod/db', TagKeys: ['Team'] }));
    const [outcome] = await remove(db, 'Team');
    assert.equal(outcome.status, 'removed');
    assert.ok(!outcome.current?.tags?.some((t) => t.key === 'Team'));
  });

  it('reports a secret deleted by someone else as gone', async () => {
    const db = await secret('prod/db');
    await h.clients.secrets.send(new DeleteSecretCommand({ SecretId: 'prod/db', ForceDeleteWithoutRecovery: true }));
    const [outcome] = await remove(db, 'Team');
    assert.equal(outcome.status, 'gone');
    assert.equal(errorCategory(outcome.error), 'notFound');
  });

  it('refuses tags of a key pending deletion and leaves them on AWS', async () => {
    const k = await key(KEY_PENDING);
    const [outcome] = await remove(k, 'Team');
    assert.equal(outcome.status, 'failed');
    assert.equal(errorCategory(outcome.error), 'invalidState');
    assert.deepEqual(outcome.current?.tags, [{ key: 'Team', value: 'legacy' }]);
    assert.deepEqual(h.emulator.keyTags(KEY_PENDING), { Team: 'legacy' });
  });

  it('refuses tags of a secret marked for deletion with InvalidRequestException', async () => {
    const doomed = await secret('doomed');
    const [outcome] = await remove(doomed, 'Team');
    assert.equal(outcome.status, 'failed');
    assert.equal((outcome.error as Error).name, 'InvalidRequestException');
  });

  it('keeps the tag when AWS denies the removal (the lock-out guard), and says so per resource', async () => {
    h.emulator.denyUntagTagKey('Team');
    const db = await secret('prod/db');
    const k = await key(KEY_PAYMENTS);
    const outcomes = await removeTags(h.services, [
      { resource: db, tags: [{ key: 'Team', value: 'payments' }] },
      { resource: k, tags: [{ key: 'CostCenter', value: '42' }] },
    ]);
    assert.deepEqual(
      outcomes.map((o) => o.status),
      ['failed', 'removed'],
    );
    assert.equal(errorCategory(outcomes[0].error), 'accessDenied');
    assert.equal(h.emulator.secretTags('prod/db').Team, 'payments');
    assert.equal(h.emulator.keyTags(KEY_PAYMENTS).CostCenter, undefined);
  });

  it("succeeds through a short throttling burst thanks to the SDK's retries", async () => {
    const db = await secret('prod/db');
    h.emulator.addFault({
      service: 'secretsmanager',
      operation: 'UntagResource',
      error: 'ThrottlingException',
      times: 2,
    });
    const [outcome] = await remove(db, 'Team');
    assert.equal(outcome.status, 'removed');
    assert.equal(recent().filter((c) => c.op === 'secretsmanager.UntagResource').length, 3);
  });

  it('reports throttling once the retries are spent, and the tag stays', async () => {
    const db = await secret('prod/db');
    h.emulator.addFault({ service: 'secretsmanager', operation: 'UntagResource', error: 'ThrottlingException' });
    const [outcome] = await remove(db, 'Team');
    assert.equal(outcome.status, 'failed');
    assert.equal(errorCategory(outcome.error), 'throttled');
    assert.equal(h.emulator.secretTags('prod/db').Team, 'payments');
  });

  it('reports an internal error of AWS after retries', async () => {
    const k = await key(KEY_PAYMENTS);
    h.emulator.addFault({ service: 'kms', operation: 'UntagResource', error: 'KMSInternalException' });
    const [outcome] = await remove(k, 'Team');
    assert.equal(errorCategory(outcome.error), 'service');
  });

  it('reports an endpoint that is down as a network failure', async () => {
    const db = await secret('prod/db');
    const url = h.emulator.url;
    await h.emulator.stop();
    const logger = new CapturingLogger();
    const clients = createClients({ profile: undefined, region: REGION }, { endpointUrl: url, logger, maxAttempts: 1 });
    try {
      await assert.rejects(
        new SecretsService(clients.secrets, REGION).describe(db.arn),
        (e) => errorCategory(e) === 'network',
      );
    } finally {
      clients.destroy();
      h = await startHarness(serviceSeed());
    }
  });

  it('ends a hung request with a timeout instead of waiting for ever', async () => {
    h.emulator.addFault({ service: 'secretsmanager', operation: 'DescribeSecret', action: 'hang', hangMs: 5_000 });
    const clients = createClients(
      { profile: undefined, region: REGION },
      { endpointUrl: h.emulator.url, logger: new CapturingLogger(), requestTimeoutMs: 300, maxAttempts: 1 },
    );
    const started = Date.now();
    try {
      await assert.rejects(
        new SecretsService(clients.secrets, REGION).describe('prod/db'),
        (e) => errorCategory(e) === 'timeout',
      );
      assert.ok(Date.now() - started < 3_000, `took ${Date.now() - started} ms`);
    } finally {
      clients.destroy();
    }
  });

  it('reports wrong credentials as a credentials problem', async () => {
    const saved = process.env.AWS_SECRET_ACCESS_KEY;
    process.env.AWS_SECRET_ACCESS_KEY = 'wrong';
    const clients = createClients(
      { profile: undefined, region: REGION },
      { endpointUrl: h.emulator.url, logger: new CapturingLogger() },
    );
    try {
      // The chain reads the environment when the first call needs credentials.
      await assert.rejects(
        new SecretsService(clients.secrets, REGION).describe('prod/db'),
        (e) => errorCategory(e) === 'credentials',
      );
    } finally {
      process.env.AWS_SECRET_ACCESS_KEY = saved;
      clients.destroy();
    }
  });

  it('does not let a lagging ListSecrets bring back a removed tag on the next refresh', async () => {
    const store = h.newStore();
    await store.loadSecrets().done;
    h.emulator.setListSecretsStale(true);
    const db = [...store.secrets.items.values()].find((s) => s.name === 'prod/db')!;
    const [outcome] = await remove(db, 'Team');
    store.applyWrite(outcome.current!, store.beginWrite());
    store.reset();
    await store.loadSecrets().done;
    const listed = [...store.secrets.items.values()].find((s) => s.name === 'prod/db')!;
    assert.ok(!listed.tags?.some((t) => t.key === 'Team'), 'the removed tag came back from a stale list');
    // The list really was stale: without the store's guard the tag would be back.
    const raw = [];
    for await (const page of h.services.secrets.listPages()) raw.push(...page.secrets);
    assert.ok(raw.find((s) => s.name === 'prod/db')?.tags?.some((t) => t.key === 'Team'));
  });

  it('logs operation, resource, keys and outcome, and never a credential or tag value', async () => {
    const db = await secret('prod/db');
    await remove(db, 'Team');
    const log = h.logger.lines.join('\n');
    assert.match(log, /secretsmanager:UntagResource arn:aws:secretsmanager:\S+ keys=\["Team"\] -> ok/);
    assert.ok(!log.includes(process.env.AWS_SECRET_ACCESS_KEY!));
    assert.ok(!log.includes(process.env.AWS_ACCESS_KEY_ID!));
    assert.ok(!log.includes('payments'), 'tag values stay out of the log');
  });
});
