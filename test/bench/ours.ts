// The extension's own AWS layer, opened the way src/scopes.ts opens it, aimed at the emulator.
import { CallGate, GLOBAL_CALL_LIMIT } from '../../src/aws/callGate';
import type { AwsClients } from '../../src/aws/clients';
import { openScope } from '../../src/aws/openScope';
import { ResourceStore, type ScopeServices } from '../../src/aws/resourceStore';
import { silentLogger } from '../../src/aws/types';
import { DEFAULT_CREDENTIAL } from '../emulator/types';

export const REGION = 'us-east-1';

/** Credentials reach the SDK through the environment and its default chain, as they would for a user. */
export function useEmulatorCredentials(): void {
  process.env.AWS_ACCESS_KEY_ID = DEFAULT_CREDENTIAL.accessKeyId;
  process.env.AWS_SECRET_ACCESS_KEY = DEFAULT_CREDENTIAL.secretAccessKey;
  delete process.env.AWS_SESSION_TOKEN;
  delete process.env.AWS_PROFILE;
}

export interface Ours {
  clients: AwsClients;
  services: ScopeServices;
  /** A store as the tree gets it from src/scopes.ts with default settings. */
  newStore(detailConcurrency?: number): ResourceStore;
  destroy(): void;
}

/**
 * Fresh clients (cold connections) whose credentials are resolved first, as Connections.build() does before any
 * listing. Their calls go through a call gate as the extension's do: by default one of their own, the extension's
 * size; scenario 6b gives every scope the same one.
 */
export async function ours(
  endpointUrl: string,
  { region = REGION, gate = new CallGate(GLOBAL_CALL_LIMIT) }: { region?: string; gate?: CallGate } = {},
): Promise<Ours> {
  const scope = { profile: undefined, region };
  const { clients, services } = openScope(scope, { endpointUrl, logger: silentLogger, gate });
  await clients.checkCredentials();
  return {
    clients,
    services,
    newStore: (detailConcurrency) =>
      new ResourceStore(scope, services, {
        includePlannedDeletion: false,
        skipAwsManagedKeyDetails: true,
        detailConcurrency,
      }),
    destroy: () => clients.destroy(),
  };
}
