import * as assert from 'node:assert/strict';
import { DescribeKeyCommand, ListKeysCommand, UntagResourceCommand as KmsUntag } from '@aws-sdk/client-kms';
import {
  DescribeSecretCommand,
  GetSecretValueCommand,
  ListSecretsCommand,
  TagResourceCommand,
  UntagResourceCommand,
} from '@aws-sdk/client-secrets-manager';
import { startEmulator } from './index';
import type { Emulator } from './index';
import { cli, sdk, sdkError } from './helpers';
import { KEY_A, KMS_SEED, SECRETS_SEED } from './test-seeds';

describe('emulator: faults, quotas, latency and access rules', function () {
  this.timeout(30_000);
  let emu: Emulator;
  let c: ReturnType<typeof sdk>;
  before(async () => {
    const seed = {
      regions: { 'us-east-1': { ...SECRETS_SEED.regions['us-east-1'], ...KMS_SEED.regions['us-east-1'] } },
    };
    emu = await startEmulator({ seed, quiet: true });
    c = sdk(emu);
  });
  beforeEach(() => emu.reset());
  after(async () => {
    c.destroy();
    await emu.stop();
  });
  const describe1 = () => c.sm.send(new DescribeSecretCommand({ SecretId: 'prod/payments/db' }));

  it("throttles over quota with each service's message, Tag and Untag sharing one Secrets Manager quota", async () => {
    emu.setQuotas({ 'kms.ListKeys': 1, 'secretsmanager.TagResource': 2 });
    const once = sdk(emu, { maxAttempts: 1 });
    try {
      await once.kms.send(new ListKeysCommand({}));
      assert.deepEqual(await sdkError(once.kms.send(new ListKeysCommand({}))), {
        name: 'ThrottlingException',
        message: 'You have exceeded the rate at which you may call KMS. Reduce the frequency of your calls.',
        status: 400,
      });
      await once.sm.send(new TagResourceCommand({ SecretId: 'never-tagged', Tags: [{ Key: 'a', Value: 'b' }] }));
      await once.sm.send(new UntagResourceCommand({ SecretId: 'never-tagged', TagKeys: ['a'] }));
      const third = await sdkError(
        once.sm.send(new UntagResourceCommand({ SecretId: 'never-tagged', TagKeys: ['a'] })),
      );
      assert.deepEqual([third.name, third.message], ['ThrottlingException', 'Rate exceeded']);
    } finally {
      once.destroy();
    }
  });

  it('lets SDK retries ride out a burst over quota (fixed retry delay, so the timing is certain)', async () => {
    emu.setQuotas({ 'kms.DescribeKey': 10 });
    const steady = sdk(emu, { maxAttempts: 3, fixedRetryDelayMs: 250 });
    try {
      for (let i = 0; i < 14; i++) await steady.kms.send(new DescribeKeyCommand({ KeyId: KEY_A }));
    } finally {
      steady.destroy();
    }
    const throttled = emu.calls({ op: 'kms.DescribeKey', outcome: 'ThrottlingException' }).length;
    assert.ok(throttled >= 1, `throttled ${throttled} times`);
    assert.equal(emu.calls({ op: 'kms.DescribeKey', outcome: 'ok' }).length, 14);
  });

  it('applies a fault N times: retried away when N is under the attempts, surfaced when over', async () => {
    emu.addFault({ service: 'secretsmanager', operation: 'DescribeSecret', error: 'ThrottlingException', times: 2 });
    assert.equal((await describe1()).Name, 'prod/payments/db');
    assert.equal(emu.calls({ op: 'secretsmanager.DescribeSecret' }).length, 3);
    assert.deepEqual(emu.faults(), []);
    const id = emu.addFault({ operation: 'DescribeSecret', error: 'ThrottlingException', times: 5 });
    assert.equal((await sdkError(describe1())).name, 'ThrottlingException');
    assert.equal(emu.faults().find((f) => f.id === id)?.times, 2);
  });

  it("answers 500 faults in the called service's own name", async () => {
    emu.addFault({ error: 'InternalServiceError' });
    const kms = await sdkError(c.kms.send(new ListKeysCommand({})));
    assert.deepEqual([kms.name, kms.status], ['KMSInternalException', 500]);
    const sm = await sdkError(c.sm.send(new ListSecretsCommand({})));
    assert.deepEqual([sm.name, sm.status], ['InternalServiceError', 500]);
    emu.clearCalls();
    const viaCli = await cli(emu, ['kms', 'list-keys']);
    assert.equal(viaCli.error, 'KMSInternalException');
    assert.equal(emu.calls().length, 1, 'the CLI was told to try once');
  });

  it('matches faults by resource and tag key, and by probability', async () => {
    emu.addFault({ resource: 'payments', tagKey: 'Team', error: 'AccessDeniedException', message: 'denied by test' });
    const hit = await sdkError(
      c.sm.send(new UntagResourceCommand({ SecretId: 'prod/payments/db', TagKeys: ['Team'] })),
    );
    assert.deepEqual([hit.name, hit.message], ['AccessDeniedException', 'denied by test']);
    await c.sm.send(new UntagResourceCommand({ SecretId: 'prod/payments/db', TagKeys: ['Owner'] }));
    await c.sm.send(new UntagResourceCommand({ SecretId: 'prod/search/api-key', TagKeys: ['Team'] }));
    emu.clearFaults();
    emu.addFault({ operation: 'ListKeys', error: 'ExpiredTokenException', probability: 0 });
    await c.kms.send(new ListKeysCommand({}));
    emu.addFault({ operation: 'ListKeys', error: 'ExpiredTokenException', probability: 1 });
    assert.equal((await sdkError(c.kms.send(new ListKeysCommand({})))).name, 'ExpiredTokenException');
  });

  it('resets connections: once is retried by the SDK, always surfaces as a network error', async () => {
    emu.addFault({ operation: 'ListSecrets', action: 'reset', times: 1 });
    assert.ok((await c.sm.send(new ListSecretsCommand({}))).SecretList);
    assert.deepEqual(
      emu.calls({ op: 'secretsmanager.ListSecrets' }).map((r) => r.outcome),
      ['reset', 'ok'],
    );
    emu.addFault({ operation: 'ListSecrets', action: 'reset' });
    const e = await sdkError(c.sm.send(new ListSecretsCommand({})));
    assert.match(`${e.name} ${e.message}`, /ECONNRESET|socket hang up/i);
  });

  it("hangs past the client's timeout, and adds latency with jitter", async () => {
    const impatient = sdk(emu, { maxAttempts: 1, requestTimeout: 300 });
    try {
      emu.addFault({ operation: 'ListKeys', action: 'hang', hangMs: 1500, times: 1 });
      const started = Date.now();
      const e = await sdkError(impatient.kms.send(new ListKeysCommand({})));
      assert.ok(Date.now() - started < 1400, e.name);
      assert.match(`${e.name} ${e.message}`, /timeout|timed out/i);
    } finally {
      impatient.destroy();
    }
    emu.setLatency({ ms: 0, perOperation: { 'kms.ListKeys': { ms: 150, jitterMs: 50 } } });
    const started = Date.now();
    await c.kms.send(new ListKeysCommand({}));
    assert.ok(Date.now() - started >= 150);
    const last = emu.calls({ op: 'kms.ListKeys' }).pop();
    assert.ok((last?.durationMs ?? 0) >= 150 && (last?.durationMs ?? 0) < 1000, String(last?.durationMs));
    // The emulator's own processing leaves the configured latency out.
    assert.ok((last?.processingMs ?? Infinity) < 100, String(last?.processingMs));
  });

  it('denies UntagResource of a guarded tag key in both services, and allows the others', async () => {
    emu.denyUntagTagKey('Team');
    const sm = await sdkError(
      c.sm.send(new UntagResourceCommand({ SecretId: 'prod/payments/db', TagKeys: ['Owner', 'Team'] })),
    );
    assert.equal(sm.name, 'AccessDeniedException');
    assert.match(sm.message, /secretsmanager:UntagResource/);
    assert.equal(
      (await sdkError(c.kms.send(new KmsUntag({ KeyId: KEY_A, TagKeys: ['Team'] })))).name,
      'AccessDeniedException',
    );
    await c.kms.send(new KmsUntag({ KeyId: KEY_A, TagKeys: ['CostCenter'] }));
    assert.deepEqual(emu.keyTags(KEY_A), { Team: 'payments' });
    assert.equal(emu.secretTags('prod/payments/db').Owner, '');
  });

  it('allows only listed actions, naming the refused action as IAM does', async () => {
    emu.allowOnlyActions(['secretsmanager:List*', 'kms:ListKeys']);
    await c.sm.send(new ListSecretsCommand({}));
    await c.kms.send(new ListKeysCommand({}));
    const e = await sdkError(describe1());
    assert.equal(e.name, 'AccessDeniedException');
    assert.match(
      e.message,
      /^User: arn:aws:iam::123456789012:user\/\S+ is not authorized to perform: secretsmanager:DescribeSecret on resource: prod\/payments\/db/,
    );
    emu.allowOnlyActions(null);
    await describe1();
  });

  it('records every call, and GetSecretValue only when someone calls it', async () => {
    await c.sm.send(new ListSecretsCommand({}));
    await describe1();
    await c.kms.send(new KmsUntag({ KeyId: KEY_A, TagKeys: ['Team'] }));
    const ops = emu.calls().map((r) => r.op);
    assert.deepEqual(ops, ['secretsmanager.ListSecrets', 'secretsmanager.DescribeSecret', 'kms.UntagResource']);
    const untag = emu.calls({ op: 'kms.UntagResource' })[0];
    assert.deepEqual([untag.region, untag.resource, untag.tagKeys, untag.status], ['us-east-1', KEY_A, ['Team'], 200]);
    assert.ok(!ops.includes('secretsmanager.GetSecretValue'));
    await sdkError(c.sm.send(new GetSecretValueCommand({ SecretId: 'prod/payments/db' })));
    assert.equal(emu.calls({ op: 'secretsmanager.GetSecretValue' }).length, 1);
  });
});
