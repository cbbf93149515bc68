import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ListKeysCommand } from '@aws-sdk/client-kms';
import { ListSecretsCommand, paginateListSecrets, UntagResourceCommand } from '@aws-sdk/client-secrets-manager';
import { generateSeed } from './index';
import type { CallRecord, Seed } from './index';
import { cli, sdkError, useEmulator } from './helpers';
import { SECRETS_SEED } from './test-seeds';

const DEMO_SEED = join(__dirname, '..', 'fixtures', 'demo-seed.json');

describe('emulator: admin API, seeds and the command line', function () {
  this.timeout(30_000);
  const env = useEmulator(SECRETS_SEED, { maxAttempts: 1 });

  async function admin(method: string, path: string, body?: unknown): Promise<{ status: number; json: unknown }> {
    const res = await fetch(`${env.emu.url}/_emulator/${path}`, {
      method,
      headers: { 'content-type': 'application/json', 'x-emulator-token': env.emu.adminToken },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, json: await res.json() };
  }

  it('refuses admin requests without the per-start token, or without a JSON body type (a browser form post), with 403', async () => {
    const post = (headers: Record<string, string>, body = '{}') =>
      fetch(`${env.emu.url}/_emulator/reset`, { method: 'POST', headers, body });
    assert.equal((await post({ 'content-type': 'application/json' })).status, 403, 'no token');
    assert.equal(
      (await post({ 'content-type': 'application/json', 'x-emulator-token': 'guess' })).status,
      403,
      'wrong token',
    );
    assert.equal(
      (await post({ 'content-type': 'text/plain', 'x-emulator-token': env.emu.adminToken }, 'a=b')).status,
      403,
      'form post',
    );
    assert.equal((await fetch(`${env.emu.url}/_emulator/state`)).status, 403, 'reading the state needs the token too');
    assert.equal(
      (await post({ 'content-type': 'application/json', 'x-emulator-token': env.emu.adminToken }, '{"regions":{}}'))
        .status,
      200,
    );
    assert.match(env.emu.adminToken, /^[0-9a-f]{32}$/);
  });

  it('drives faults, the call log and access rules over HTTP for tests in another process', async () => {
    const { json: added } = await admin('POST', 'faults', {
      operation: 'ListSecrets',
      error: 'ThrottlingException',
      times: 1,
    });
    assert.match((added as { id: string }).id, /^fault-\d+$/);
    assert.equal((await sdkError(env.c.sm.send(new ListSecretsCommand({})))).name, 'ThrottlingException');
    const calls = (await admin('GET', 'calls?op=secretsmanager.ListSecrets')).json as CallRecord[];
    assert.deepEqual(
      calls.map((r) => r.outcome),
      ['ThrottlingException'],
    );
    await admin('POST', 'deny-untag', { tagKey: 'Team' });
    assert.equal(
      (await sdkError(env.c.sm.send(new UntagResourceCommand({ SecretId: 'prod/payments/db', TagKeys: ['Team'] }))))
        .name,
      'AccessDeniedException',
    );
    await admin('DELETE', 'deny-untag');
    await admin('POST', 'allow-only', { actions: ['secretsmanager:ListSecrets'] });
    assert.equal((await sdkError(env.c.kms.send(new ListKeysCommand({})))).name, 'AccessDeniedException');
    await admin('DELETE', 'allow-only');
    await admin('DELETE', 'calls');
    assert.deepEqual((await admin('GET', 'calls')).json, []);
    assert.equal((await admin('POST', 'faults', { probability: 3 })).status, 400);
    assert.equal((await admin('GET', 'nothing-here')).status, 404);
  });

  it("seeds, mutates behind the client's back, reads tags and resets over HTTP", async () => {
    await admin('POST', 'seed', { regions: { 'us-east-1': { secrets: [{ name: 'added', tags: { A: '1' } }] } } });
    await admin('POST', 'mutate', { op: 'tagSecret', secretId: 'added', tags: { B: '2' } });
    assert.deepEqual((await admin('GET', 'secret-tags?id=added')).json, {
      tags: { A: '1', B: '2' },
      neverTagged: false,
    });
    assert.deepEqual((await admin('GET', 'secret-tags?id=never-tagged')).json, { tags: {}, neverTagged: true });
    await admin('POST', 'mutate', { op: 'deleteSecret', secretId: 'added', force: true });
    assert.equal((await admin('GET', 'secret-tags?id=added')).status, 400);
    await admin('POST', 'quotas', { overrides: { 'kms.ListKeys': 1 } });
    await env.c.kms.send(new ListKeysCommand({}));
    assert.equal((await sdkError(env.c.kms.send(new ListKeysCommand({})))).name, 'ThrottlingException');
    await admin('POST', 'reset', { regions: { 'eu-west-1': { secrets: [{ name: 'only-this' }] } } });
    assert.deepEqual((await env.c.sm.send(new ListSecretsCommand({}))).SecretList, []);
    assert.equal((await env.c.kms.send(new ListKeysCommand({}))).Keys?.length, 0, 'reset also turned quotas off');
    const state = (await admin('GET', 'state')).json as {
      regions: Record<string, { secrets: Array<{ name: string }> }>;
    };
    assert.deepEqual(
      state.regions['eu-west-1'].secrets.map((s) => s.name),
      ['only-this'],
    );
  });

  it('generates the same large account for the same options', async () => {
    const opts = { secrets: 250, customerKeys: 30, awsManagedKeys: 4, regions: ['us-east-1', 'eu-west-1'], seed: 7 };
    const a = generateSeed(opts);
    assert.deepEqual(generateSeed(opts), a);
    assert.notDeepEqual(generateSeed({ ...opts, seed: 8 }), a);
    const us = a.regions['us-east-1'];
    assert.equal(us.secrets?.length, 250);
    assert.equal(us.keys?.filter((k) => k.manager === 'AWS').length, 4);
    env.emu.reset(a);
    let listed = 0;
    for await (const page of paginateListSecrets({ client: env.c.sm }, {})) listed += page.SecretList?.length ?? 0;
    assert.equal(listed, us.secrets?.filter((s) => !s.deleted).length);
    assert.ok(listed > 200);
  });

  it('loads the demo seed: realistic names, a key pending deletion, a secret marked for deletion', () => {
    const seed = JSON.parse(readFileSync(DEMO_SEED, 'utf8')) as Seed;
    env.emu.reset(seed);
    const us = env.emu.state.region('us-east-1');
    assert.ok(us.secrets.size >= 30);
    assert.ok([...us.secrets.values()].some((s) => s.deletedDate !== undefined));
    assert.ok([...us.secrets.values()].some((s) => s.owningService));
    assert.ok([...us.keys.values()].some((k) => k.state === 'PendingDeletion'));
    assert.ok([...us.keys.values()].some((k) => k.manager === 'AWS'));
    assert.ok(env.emu.state.region('eu-west-1').secrets.size > 0);
  });

  it('runs standalone: one parseable line with the URL, the credentials, and a clean stop on SIGTERM', async () => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(__dirname, 'cli.ts'), '--seed', DEMO_SEED, '--port', '0'],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    try {
      const lines = await new Promise<string[]>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          const got = out.split('\n');
          if (got.length > 4) resolve(got);
        });
        child.once('exit', (code) => reject(new Error(`exited with ${String(code)}`)));
      });
      const url = /^AWS emulator listening on (http:\/\/127\.0\.0\.1:\d+)$/.exec(lines[0])?.[1];
      assert.ok(url, lines[0]);
      assert.equal(lines[1], 'AWS_ACCESS_KEY_ID=AKIAEMULATORTESTKEY1');
      assert.equal(lines[2], 'AWS_SECRET_ACCESS_KEY=emulator/test/secret/access/key/000000000000');
      assert.match(lines[3], /^AWS_EMULATOR_ADMIN_TOKEN=[0-9a-f]{32}$/);
      const viaCli = await cli({ url, credentials: env.emu.credentials }, [
        'secretsmanager',
        'list-secrets',
        '--max-items',
        '1',
      ]);
      assert.equal((viaCli.json?.SecretList as unknown[]).length, 1);
    } finally {
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      assert.equal(await exited, 0);
    }
  });
});
