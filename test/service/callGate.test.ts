import * as assert from 'node:assert/strict';
import { CallGate } from '../../src/aws/callGate';
import { createClients, type AwsClients } from '../../src/aws/clients';
import { KmsService } from '../../src/aws/kms';
import { ResourceStore } from '../../src/aws/resourceStore';
import { SecretsService } from '../../src/aws/secrets';
import { silentLogger } from '../../src/aws/types';
import { startEmulator, type Emulator } from '../emulator';
import { generateSeed } from '../emulator/generate-seed';
import { peakOverlap } from '../fixtures/callOverlap';
import { useTestCredentials } from './harness';

const REGIONS = ['us-east-1', 'eu-west-1', 'ap-south-1'];

describe('service layer against the emulator: one bound on calls across scopes', () => {
  let emulator: Emulator;
  const opened: AwsClients[] = [];
  before(async () => {
    useTestCredentials();
    const seed = generateSeed({ secrets: 250, customerKeys: 40, awsManagedKeys: 0, regions: REGIONS, seed: 3 });
    emulator = await startEmulator({ seed, quiet: true, latencyMs: 5 });
  });
  after(async () => {
    for (const c of opened) c.destroy();
    await emulator.stop();
  });

  function store(region: string, gate: CallGate): ResourceStore {
    const scope = { profile: undefined, region };
    const clients = createClients(scope, { endpointUrl: emulator.url, logger: silentLogger, gate });
    opened.push(clients);
    const services = { secrets: new SecretsService(clients.secrets, region), kms: new KmsService(clients.kms, region) };
    return new ResourceStore(scope, services, { includePlannedDeletion: false, skipAwsManagedKeyDetails: true });
  }

  it('keeps every scope together under the limit, and each scope still lists everything', async () => {
    const gate = new CallGate(6);
    const stores = REGIONS.map((region) => store(region, gate));
    emulator.clearCalls();
    await Promise.all(stores.flatMap((s) => [s.loadSecrets().done, s.loadKeys().done]));
    for (const s of stores) {
      assert.equal(s.secrets.status, 'done', String(s.secrets.error));
      assert.equal(s.keys.status, 'done', String(s.keys.error));
      assert.ok(s.secrets.items.size > 200, `${s.scope.region}: ${s.secrets.items.size} secrets`);
      assert.equal([...s.keys.items.values()].filter((k) => k.tags !== undefined).length, 40);
    }
    const calls = emulator.calls();
    // Three scopes, each with sixteen keys' two reads in flight, would put over ninety at the emulator at once.
    assert.ok(calls.length > 250, `${calls.length} calls`);
    assert.ok(peakOverlap(calls) <= 6, `peak ${peakOverlap(calls)} requests at once`);
    // The gate was full at some point (it may have lowered its limit later, while the event loop ran late).
    assert.ok(gate.peakInFlight >= 4 && gate.peakInFlight <= 6, `gate peak ${gate.peakInFlight}`);
  });
});
