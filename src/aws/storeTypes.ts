// The shapes a ResourceStore shows to the tree and the commands.
import type { AccessService } from './access/accessService';
import type { KmsService } from './kms';
import type { SecretsService } from './secrets';
import type { AwsResource } from './types';

export type LoadStatus = 'idle' | 'loading' | 'done' | 'error';

export interface ListState<T> {
  status: LoadStatus;
  items: Map<string, T>;
  error?: unknown;
  /** Set while the items shown are a cached listing of that time (ms since the epoch), not yet replaced. */
  cachedAt?: number;
}

export type StoreChange =
  | { readonly kind: 'list'; readonly list: 'secrets' | 'keys' }
  /** The list was forgotten (a Refresh, a filter change): it is read again when next shown. */
  | { readonly kind: 'reset'; readonly list: 'secrets' | 'keys' }
  | { readonly kind: 'resource'; readonly resource: AwsResource }
  | { readonly kind: 'removed'; readonly resource: AwsResource };

export interface StoreOptions {
  readonly includePlannedDeletion: boolean;
  readonly skipAwsManagedKeyDetails: boolean;
  readonly detailConcurrency?: number;
}

export interface ScopeServices {
  readonly secrets: SecretsService;
  readonly kms: KmsService;
  /** Who may use what: IAM's principals and the caller, for the access impact of a change. */
  readonly access?: AccessService;
}
