import type { ListingCache, ListingSnapshot, ListingVariant } from '../aws/listingCache';
import type { ResourceStore } from '../aws/resourceStore';
import { storeSnapshot } from '../aws/storeSnapshot';
import type { Logger } from '../aws/types';

const SAVE_DELAY_MS = 1_000;

/**
 * Writes a store's listing to the cache each time a list has been read completely, a second after the last change
 * (a 10,000-secret listing finishes in one burst of events). Each list keeps its last complete reading.
 */
export function saveListings(
  store: ResourceStore,
  cache: ListingCache,
  variant: ListingVariant,
  accountId: () => string | undefined,
  logger: Logger,
): void {
  let last: Omit<ListingSnapshot, 'savedAt'> = {};
  let timer: NodeJS.Timeout | undefined;
  // The age shown is that of the last complete listing; read-backs after a change keep the file current meanwhile.
  let listedAt = Date.now();
  store.onDidChange((change) => {
    if (change.kind === 'reset') return;
    if (change.kind === 'list') listedAt = Date.now();
    clearTimeout(timer);
    timer = setTimeout(() => {
      const now = storeSnapshot(store);
      if (!now.secrets && !now.keys) return;
      last = {
        accountId: accountId() ?? last.accountId,
        secrets: now.secrets ?? last.secrets,
        keys: now.keys ?? last.keys,
      };
      cache.write(store.scope, variant, { savedAt: listedAt, ...last }).catch((error: unknown) => {
        logger.warn(`could not save the listing cache: ${(error as Error).message}`);
      });
    }, SAVE_DELAY_MS);
  });
}
