import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HistoryFile } from '../../src/history/historyFile';
import { TagHistory, type HistoryItem } from '../../src/history/tagHistory';
import { kmsKey, secret } from './fixtures';

const scope = { profile: 'dev', region: 'us-east-1' };
const item = (key: string, value = 'v', resource = secret()): HistoryItem => ({
  scope,
  resource,
  tags: [{ key, value }],
  change: 'remove',
});

describe('tag history (one append-only file for every window)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'aws-tags-history-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const open = (limit?: number) => new TagHistory(new HistoryFile(dir), limit);

  it('stores profile, account, region, ARN, keys and values on disk before it resolves, newest first', async () => {
    const history = open();
    await history.record([item('Team', 'payments')]);
    await history.record([
      { scope, resource: kmsKey(), tags: [{ key: 'CostCenter', value: '' }], change: 'overwrite' },
    ]);
    const [newest, oldest] = await open().list();
    assert.equal(newest.arn, kmsKey().arn);
    assert.deepEqual(newest.tags, [{ key: 'CostCenter', value: '' }]);
    assert.equal(newest.change, 'overwrite');
    assert.deepEqual(
      [oldest.status, oldest.profile, oldest.account, oldest.region],
      ['pending', 'dev', '123456789012', 'us-east-1'],
    );
    assert.match(readFileSync(history.path, 'utf8'), /"value":"payments"/);
  });

  it('creates the file readable by its owner only (mode 0600)', async () => {
    const history = open();
    await history.record([item('Team')]);
    assert.equal(statSync(history.path).mode & 0o777, 0o600);
  });

  it('keeps every entry when two windows (two histories on one file) write at the same moment', async () => {
    const a = open();
    const b = open();
    const written = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).record([item(`k${i}`)])));
    await Promise.all(written.map(([e], i) => (i % 2 ? b : a).setStatus([e.id], i % 3 ? 'removed' : 'unknown')));
    const list = await a.list();
    assert.equal(list.length, 20);
    assert.deepEqual(list.filter((e) => e.status === 'unknown').length, 7);
  });

  it('keeps every entry when two processes append at the same moment', async () => {
    const script = `
      const { HistoryFile } = require('./src/history/historyFile.ts');
      const { TagHistory } = require('./src/history/tagHistory.ts');
      const h = new TagHistory(new HistoryFile(process.argv[1]));
      const r = { kind: 'secret', arn: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:x-AbCdEf', name: 'x', region: 'us-east-1', tags: [] };
      Promise.all(Array.from({ length: 25 }, (_, i) => h.record([{ scope: { region: 'us-east-1' }, resource: r, tags: [{ key: process.argv[2] + i, value: 'v' }], change: 'remove' }])));
    `;
    const run = (tag: string) =>
      new Promise<void>((resolve, reject) =>
        execFile(
          process.execPath,
          ['--import', 'tsx', '-e', script, dir, tag],
          { cwd: join(__dirname, '..', '..') },
          (error) => (error ? reject(error) : resolve()),
        ),
      );
    await Promise.all([run('a'), run('b')]);
    assert.equal((await open().list()).length, 50);
  });

  it('skips a line torn by a crash and keeps the records around it', async () => {
    const history = open();
    await history.record([item('before')]);
    writeFileSync(history.path, `${readFileSync(history.path, 'utf8')}{"op":"add","entr`, { flag: 'w' });
    await history.record([item('after')]);
    assert.deepEqual(
      (await history.list()).map((e) => e.tags[0].key),
      ['after', 'before'],
    );
  });

  it('compacts past twice its limit, oldest first, keeping pending and unknown entries and the newest batch whole', async () => {
    const history = open(3);
    await history.record([item('lost')]);
    const [unknown] = await history.record([item('unknown')]);
    await history.setStatus([unknown.id], 'unknown');
    for (let i = 0; i < 6; i++) {
      const [entry] = await history.record([item(`old${i}`)]);
      await history.setStatus([entry.id], 'removed');
    }
    const batch = await history.record(Array.from({ length: 5 }, (_, i) => ({ ...item(`b${i}`), batch: 'bulk' })));
    await history.setStatus(
      batch.map((e) => e.id),
      'removed',
    );
    await history.record([{ ...item('b5'), batch: 'bulk' }]);
    const keys = (await history.list()).map((e) => e.tags[0].key);
    for (const kept of ['lost', 'unknown', 'b0', 'b1', 'b2', 'b3', 'b4', 'b5'])
      assert.ok(keys.includes(kept), `${kept} kept`);
    assert.ok(!keys.includes('old0'), 'the oldest settled entry went');
  });

  it('clears for every window, and moves the old globalState history in once', async () => {
    const history = open();
    await history.record([item('Team')]);
    const old = [
      {
        id: 'x',
        at: 1,
        region: 'us-east-1',
        arn: secret().arn,
        name: 'prod/db',
        kind: 'secret' as const,
        tags: [{ key: 'Old', value: '1' }],
        status: 'removed' as const,
      },
    ];
    assert.equal(await history.migrate(old), true);
    assert.equal(await open().migrate(old), false, 'a second window does not move it again');
    assert.deepEqual((await history.list()).map((e) => e.tags[0].key).sort(), ['Old', 'Team']);
    await open().clear();
    assert.deepEqual(await history.list(), []);
  });
});
