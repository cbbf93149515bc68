import { listSecretsFilters } from './resourceFilter';
import type { ResourceStore } from './resourceStore';
import type { ListState } from './storeTypes';
import type { AwsResource, KmsKeyResource, SecretResource } from './types';

/** What a cache may keep of a store: lists read completely from AWS (no server-side filter, nothing cached left). */
export function storeSnapshot(store: ResourceStore): { secrets?: SecretResource[]; keys?: KmsKeyResource[] } {
  const whole = (list: ListState<AwsResource>) => list.status === 'done' && list.cachedAt === undefined;
  const secretsWhole = whole(store.secrets) && listSecretsFilters(store.activeFilter).length === 0;
  return {
    secrets: secretsWhole ? [...store.secrets.items.values()] : undefined,
    keys: whole(store.keys) ? [...store.keys.items.values()] : undefined,
  };
}
