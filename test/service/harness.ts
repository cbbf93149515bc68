// Starts the emulator once per suite and builds the extension's own services aimed at it over HTTP.
import { createClients, type AwsClients } from '../../src/aws/clients';
import { KeyTagIndex } from '../../src/aws/keyTagIndex';
import { KmsService } from '../../src/aws/kms';
import { ResourceStore } from '../../src/aws/resourceStore';
import { SecretsService } from '../../src/aws/secrets';
import type { Logger } from '../../src/aws/types';
import { startEmulator, type Emulator } from '../emulator';
import { DEFAULT_CREDENTIAL, type Seed } from '../emulator/types';

export const REGION = 'us-east-1';

export class CapturingLogger implements Logger {
  readonly lines: string[] = [];
  info(m: string) {
    this.lines.push(m);
  }
  warn(m: string) {
    this.lines.push(m);
  }
  error(m: string) {
    this.lines.push(m);
  }
}

export interface Harness {
  emulator: Emulator;
  clients: AwsClients;
  logger: CapturingLogger;
  services: { secrets: SecretsService; kms: KmsService };
  newStore(): ResourceStore;
}

/** The test credentials go through the environment, as they would for a user, and through the default chain. */
export function useTestCredentials(): void {
  process.env.AWS_ACCESS_KEY_ID = DEFAULT_CREDENTIAL.accessKeyId;
  process.env.AWS_SECRET_ACCESS_KEY = DEFAULT_CREDENTIAL.secretAccessKey;
  delete process.env.AWS_SESSION_TOKEN;
  delete process.env.AWS_PROFILE;
}

export async function startHarness(
  seed: Seed,
  options: { maxAttempts?: number; requestTimeoutMs?: number } = {},
): Promise<Harness> {
  useTestCredentials();
  const emulator = await startEmulator({ seed, quiet: true });
  const logger = new CapturingLogger();
  const clients = createClients(
    { profile: undefined, region: REGION },
    { endpointUrl: emulator.url, logger, ...options },
  );
  // As openScope builds them: key tags from the Tagging API where it is allowed.
  const services = {
    secrets: new SecretsService(clients.secrets, REGION),
    kms: new KmsService(clients.kms, REGION, new KeyTagIndex(clients.tagging, logger)),
  };
  return {
    emulator,
    clients,
    logger,
    services,
    newStore: () =>
      new ResourceStore({ profile: undefined, region: REGION }, services, {
        includePlannedDeletion: false,
        skipAwsManagedKeyDetails: true,
      }),
  };
}

export async function stopHarness(h: Harness | undefined): Promise<void> {
  h?.clients.destroy();
  await h?.emulator.stop();
}
