import * as assert from 'node:assert/strict';
import { cli, signedCall, useEmulator } from './helpers';
import type { RawAnswer } from './helpers';

interface Region {
  RegionName: string;
  RegionOptStatus: string;
}

const regions = (a: { json?: Record<string, unknown> }): Region[] => (a.json?.Regions ?? []) as Region[];

describe('emulator conformance: Account Management ListRegions (raw REST JSON and the CLI)', function () {
  this.timeout(60_000);
  const env = useEmulator({
    regions: {},
    account: { regions: { 'af-south-1': 'ENABLED', 'eu-south-2': 'ENABLING' } },
  });
  const listRegions = (input: object, credentials?: { accessKeyId: string; secretAccessKey: string }) =>
    signedCall(env.emu, {
      service: 'account',
      path: '/listRegions',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(input),
      credentials,
    });

  it('lists the commercial Regions by name with their opt-in status, 20 a page', async () => {
    const first = await listRegions({});
    assert.equal(first.status, 200);
    assert.equal(first.headers.get('content-type'), 'application/json');
    assert.equal(regions(first).length, 20);
    assert.ok(first.json?.NextToken);
    const second = await listRegions({ NextToken: first.json?.NextToken });
    assert.equal(second.json?.NextToken, undefined);
    const all = [...regions(first), ...regions(second)];
    assert.equal(all.length, 34);
    const names = all.map((r) => r.RegionName);
    assert.deepEqual(names, [...names].sort());
    const status = Object.fromEntries(all.map((r) => [r.RegionName, r.RegionOptStatus]));
    assert.equal(status['us-east-1'], 'ENABLED_BY_DEFAULT');
    assert.equal(status['ap-northeast-3'], 'ENABLED_BY_DEFAULT');
    assert.equal(status['me-south-1'], 'DISABLED');
    assert.equal(status['af-south-1'], 'ENABLED', 'the seed opted it in');
    assert.equal(status['eu-south-2'], 'ENABLING');
  });

  it('filters by opt-in status and pages by MaxResults', async () => {
    const enabled = await listRegions({ RegionOptStatusContains: ['ENABLED', 'ENABLED_BY_DEFAULT'], MaxResults: 50 });
    assert.equal(regions(enabled).length, 18);
    assert.ok(regions(enabled).every((r) => r.RegionOptStatus.startsWith('ENABLED')));
    const one = await listRegions({ RegionOptStatusContains: ['ENABLING'], MaxResults: 1 });
    assert.deepEqual(one.json, { Regions: [{ RegionName: 'eu-south-2', RegionOptStatus: 'ENABLING' }] });
  });

  it('answers REST JSON errors: the name in x-amzn-ErrorType, the status of the error shape', async () => {
    const check = (a: RawAnswer, status: number, name: string): void => {
      assert.equal(a.status, status, a.text);
      assert.equal(a.headers.get('x-amzn-errortype'), name);
      assert.deepEqual(Object.keys(a.json ?? {}), ['message']);
    };
    check(await listRegions({ MaxResults: 51 }), 400, 'ValidationException');
    check(await listRegions({ RegionOptStatusContains: ['ON'] }), 400, 'ValidationException');
    check(await listRegions({ NextToken: 'not-a-token' }), 400, 'ValidationException');
    check(await listRegions({ AccountId: '999999999999' }), 403, 'AccessDeniedException');
    assert.equal((await listRegions({ AccountId: '123456789012' })).status, 200);
    check(
      await listRegions({}, { accessKeyId: 'AKIANOTKNOWN', secretAccessKey: 'x' }),
      403,
      'UnrecognizedClientException',
    );
    env.emu.allowOnlyActions(['secretsmanager:*', 'kms:*']);
    const denied = await listRegions({});
    check(denied, 403, 'AccessDeniedException');
    assert.match(String(denied.json?.message), /is not authorized to perform: account:ListRegions /);
    env.emu.allowOnlyActions(['account:ListRegions']);
    assert.equal((await listRegions({})).status, 200);
    env.emu.addFault({ service: 'account', operation: 'ListRegions', error: 'ThrottlingException', times: 1 });
    check(await listRegions({}), 429, 'TooManyRequestsException');
  });

  it('answers the AWS CLI, which follows NextToken, filters and reports errors by name', async () => {
    const all = await cli(env.emu, ['account', 'list-regions']);
    assert.equal(all.code, 0, all.stderr);
    assert.equal(regions(all).length, 34);
    assert.equal(env.emu.calls({ op: 'account.ListRegions' }).length, 2);
    const enabled = await cli(env.emu, [
      'account',
      'list-regions',
      '--region-opt-status-contains',
      'ENABLED',
      'ENABLED_BY_DEFAULT',
      '--query',
      'Regions[].RegionName',
    ]);
    assert.equal((enabled.json as unknown as string[]).length, 18);
    assert.ok((enabled.json as unknown as string[]).includes('af-south-1'));
    const bad = await cli(env.emu, [
      'account',
      'list-regions',
      '--region-opt-status-contains',
      'ENABLED',
      '--page-size',
      '60',
    ]);
    assert.equal(bad.error, 'ValidationException');
    env.emu.allowOnlyActions(['kms:*']);
    assert.equal((await cli(env.emu, ['account', 'list-regions'])).error, 'AccessDeniedException');
  });
});
