// Everything that loads the AWS SDK, behind one module that the extension imports only when it first lists:
// the SDK is most of the bundle, and activation should not pay for it.
import { createClients, type AwsClients, type ClientOptions } from './clients';
import { AccessService } from './access/accessService';
import { KeyTagIndex } from './keyTagIndex';
import { KmsService } from './kms';
import type { ScopeServices } from './resourceStore';
import { SecretsService } from './secrets';
import type { Scope } from './types';

export { changeImpact } from './access/changeImpact';
export { openPortal } from './identityCenter';

export function openScope(scope: Scope, options: ClientOptions): { clients: AwsClients; services: ScopeServices } {
  const clients = createClients(scope, options);
  return {
    clients,
    services: {
      secrets: new SecretsService(clients.secrets, scope.region),
      kms: new KmsService(clients.kms, scope.region, new KeyTagIndex(clients.tagging, options.logger)),
      access: new AccessService(clients),
    },
  };
}

export { enabledRegionsOf } from './enabledRegions';
