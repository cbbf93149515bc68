import { mapWithConcurrency } from './concurrency';
import { errorCategory } from './errors';
import { KeyDetails } from './keyDetails';
import { PolicyCache } from './policyCache';
import { RecentWrites } from './recentWrites';
import { listSecretsFilters, matchesFilter, type ResourceFilter } from './resourceFilter';
import type { AwsResource, KmsKeyResource, Scope, SecretResource } from './types';
import type { TagDelta } from './writeOutcome';
import type { ListState, ScopeServices, StoreChange, StoreOptions } from './storeTypes';
import type { ListingSnapshot } from './listingCache';

export type { ListState, LoadStatus, ScopeServices, StoreChange, StoreOptions } from './storeTypes';

/**
 * What one profile/region holds, loaded progressively: the first ListSecrets page, and every key with its
 * aliases, are usable before the rest arrives. The tree and the commands read from here; nothing else calls list APIs.
 */
export class ResourceStore {
  readonly secrets: ListState<SecretResource> = { status: 'idle', items: new Map() };
  readonly keys: ListState<KmsKeyResource> = { status: 'idle', items: new Map() };
  private readonly listeners = new Set<(change: StoreChange) => void>();
  /** The tag keys each resource's policy uses in conditions; a resource's node is redrawn when they arrive. */
  readonly policies: PolicyCache;
  private readonly details: KeyDetails;
  private secretsRun?: { firstPage: Promise<void>; done: Promise<void> };
  private keysRun?: { listed: Promise<void>; done: Promise<void> };
  // Bumped by every reset: a listing still running for an older generation stops writing.
  private secretsGeneration = 0;
  private filter: ResourceFilter | undefined;
  private keysGeneration = 0;

  constructor(
    readonly scope: Scope,
    readonly services: ScopeServices,
    private readonly options: StoreOptions,
    private readonly recentWrites = new RecentWrites(),
  ) {
    this.details = new KeyDetails(services.kms, recentWrites, (arn) => this.find(arn));
    this.policies = new PolicyCache(services, (arn) => {
      const current = this.find(arn);
      if (current) this.emit({ kind: 'resource', resource: current });
    });
  }

  /**
   * Stops this store's listings at their next page and its key details at the next key: a Refresh or a settings
   * change has replaced it, and a large account would otherwise be read to the end a second time.
   */
  dispose(): void {
    this.secretsGeneration++;
    this.keysGeneration++;
    this.listeners.clear();
  }

  onDidChange(listener: (change: StoreChange) => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /**
   * Narrows what `matches` keeps. Secrets are listed again when the server-side part of the filter changes,
   * so a filter on a 10,000-secret account reads only the matching ones.
   */
  setFilter(filter: ResourceFilter | undefined): void {
    const serverSide = JSON.stringify(listSecretsFilters(filter));
    const changed = serverSide !== JSON.stringify(listSecretsFilters(this.filter));
    this.filter = filter;
    if (changed) this.resetSecrets();
  }

  get activeFilter(): ResourceFilter | undefined {
    return this.filter;
  }

  matches(resource: AwsResource): boolean {
    return matchesFilter(resource, this.filter);
  }

  /** Starts listing secrets once; `firstPage` settles when something can be shown. Never rejects. */
  loadSecrets(): { firstPage: Promise<void>; done: Promise<void> } {
    this.secretsRun ??= this.runSecrets(this.secretsGeneration);
    return this.secretsRun;
  }

  /** Starts listing keys once; `listed` settles when every key is known by ID and alias. Never rejects. */
  loadKeys(): { listed: Promise<void>; done: Promise<void> } {
    this.keysRun ??= this.runKeys(this.keysGeneration);
    return this.keysRun;
  }

  /** DescribeKey and tags of one key, fetched once and shared by the background load and an expanding node. */
  keyDetails(key: KmsKeyResource, onDescribed?: () => void): Promise<KmsKeyResource> {
    const generation = this.keysGeneration;
    const onRead = (detailed: KmsKeyResource) => generation === this.keysGeneration && this.apply(detailed, false);
    return this.details.read(key, onRead, onDescribed);
  }

  detailError(arn: string): unknown {
    return this.details.error(arn);
  }

  /**
   * Shows a cached listing, marked with its time, in a list not loaded yet; the next listing replaces it as it
   * arrives. Secrets under a server-side filter are not shown from the cache (it holds every secret).
   */
  showCached(snapshot: ListingSnapshot): void {
    const filtered = listSecretsFilters(this.filter).length > 0;
    if (snapshot.secrets && !filtered && this.secrets.status === 'idle' && this.secrets.items.size === 0) {
      this.secrets.items = new Map(snapshot.secrets.map((s) => [s.arn, s]));
      this.secrets.cachedAt = snapshot.savedAt;
      this.emit({ kind: 'list', list: 'secrets' });
    }
    if (snapshot.keys && this.keys.status === 'idle' && this.keys.items.size === 0) {
      this.keys.items = new Map(snapshot.keys.map((k) => [k.arn, k]));
      this.keys.cachedAt = snapshot.savedAt;
      this.emit({ kind: 'list', list: 'keys' });
    }
  }

  /** Forgets everything but recent writes and lists again on the next read. */
  reset(): void {
    this.resetSecrets();
    this.resetKeys();
    this.policies.clear();
  }

  resetSecrets(): void {
    this.secretsGeneration++;
    this.secretsRun = undefined;
    this.secrets.status = 'idle';
    this.secrets.cachedAt = undefined;
    this.emit({ kind: 'reset', list: 'secrets' });
  }

  resetKeys(): void {
    this.keysGeneration++;
    this.keysRun = undefined;
    this.details.clear();
    this.keys.status = 'idle';
    this.keys.cachedAt = undefined;
    this.emit({ kind: 'reset', list: 'keys' });
  }

  find(arn: string): AwsResource | undefined {
    return this.secrets.items.get(arn) ?? this.keys.items.get(arn);
  }

  /** Taken before a write starts; read-backs of writes that started earlier can then never win over later ones. */
  beginWrite(): number {
    return this.recentWrites.begin();
  }

  /**
   * Records what a write left on AWS, so that a lagging read cannot bring an old state back. Two writes on one
   * resource can have their read-backs answered out of order: the one begun last wins. Only the write path calls it.
   */
  applyWrite(resource: AwsResource, ticket: number, delta?: TagDelta): void {
    if (this.recentWrites.record(resource, ticket, delta)) this.apply(resource, true);
  }

  /** A resource read from AWS (after a write that did not apply, or a refresh): shown unless a later write won. */
  applyRead(resource: AwsResource, ticket: number): void {
    if (!this.recentWrites.writtenSince(resource.arn, ticket)) this.apply(this.newerOf(resource), true);
  }

  /**
   * Reads one resource again (Refresh on its node): DescribeSecret, or a key's DescribeKey and tags. A resource
   * deleted meanwhile leaves the tree; other failures are thrown for the caller to show.
   */
  async refreshResource(resource: AwsResource): Promise<void> {
    const ticket = this.recentWrites.current();
    try {
      const current =
        resource.kind === 'kmsKey'
          ? await this.services.kms.details(resource)
          : await this.services.secrets.describe(resource.arn);
      this.applyRead(current, ticket);
    } catch (error) {
      if (errorCategory(error) !== 'notFound') throw error;
      this.remove(resource);
    }
  }

  remove(resource: AwsResource): void {
    const list: ListState<AwsResource> = resource.kind === 'secret' ? this.secrets : this.keys;
    if (list.items.delete(resource.arn)) this.emit({ kind: 'removed', resource });
  }

  private apply(resource: AwsResource, emitAlways: boolean): void {
    const list: ListState<AwsResource> = resource.kind === 'secret' ? this.secrets : this.keys;
    if (!list.items.has(resource.arn) && !emitAlways) return;
    list.items.set(resource.arn, resource);
    this.emit({ kind: 'resource', resource });
  }

  private runSecrets(generation: number): { firstPage: Promise<void>; done: Promise<void> } {
    let firstPageArrived!: () => void;
    const firstPage = new Promise<void>((resolve) => (firstPageArrived = resolve));
    const done = (async () => {
      // A cached listing stays on screen and is revalidated page by page; what no page names goes at the end.
      const cached = this.secrets.cachedAt !== undefined;
      const items = cached ? this.secrets.items : new Map<string, SecretResource>();
      const seen = new Set<string>();
      let finished = false;
      this.secrets.status = 'loading';
      this.secrets.items = items;
      this.secrets.error = undefined;
      try {
        const listing = this.services.secrets.listPages({
          includePlannedDeletion: this.options.includePlannedDeletion,
          filters: listSecretsFilters(this.filter),
        });
        for await (const page of listing) {
          if (generation !== this.secretsGeneration) return;
          for (const secret of page.secrets) {
            items.set(secret.arn, this.newerOf(secret));
            seen.add(secret.arn);
          }
          if (!page.more) finished = this.finishSecrets(items, cached ? seen : undefined);
          firstPageArrived();
          this.emit({ kind: 'list', list: 'secrets' });
        }
        // The last page already said "done"; only an empty or failed listing has something left to show.
        if (finished) return;
        this.finishSecrets(items, cached ? seen : undefined);
      } catch (error) {
        if (generation !== this.secretsGeneration) return;
        this.secrets.status = 'error';
        this.secrets.error = error;
      } finally {
        firstPageArrived();
      }
      this.emit({ kind: 'list', list: 'secrets' });
    })();
    return { firstPage, done };
  }

  private runKeys(generation: number): { listed: Promise<void>; done: Promise<void> } {
    const listing = (async () => {
      this.keys.status = 'loading';
      this.keys.error = undefined;
      try {
        const keys = await this.services.kms.listKeys();
        if (generation !== this.keysGeneration) return [];
        // Every key's tags, read beside the DescribeKey calls; after the listing, which the tree waits for.
        this.details.readAllTags();
        // A cached listing stays on screen (its keys take fresh details as they come) until every key is read.
        if (this.keys.cachedAt === undefined) {
          this.keys.items = new Map(keys.map((key) => [key.arn, this.newerOf(key)]));
          this.emit({ kind: 'list', list: 'keys' });
        }
        return keys;
      } catch (error) {
        if (generation === this.keysGeneration) {
          this.keys.status = 'error';
          this.keys.error = error;
          this.emit({ kind: 'list', list: 'keys' });
        }
        return [];
      }
    })();
    const done = listing.then(async (keys) => {
      if (generation !== this.keysGeneration || this.keys.status === 'error') return;
      const wanted = this.options.skipAwsManagedKeyDetails ? keys.filter((k) => k.keyManager !== 'AWS') : keys;
      // A lane moves on once its key's DescribeKey has answered: 96 in flight, so that a far region's round trip
      // does not bound the listing; DescribeKey's quota (KmsService) and the call gate shared by every scope bound
      // them. The tags come with the Tagging API's answer, or, if it failed, from ListResourceTags 16 at a time.
      const runs: Array<Promise<KmsKeyResource | undefined>> = [];
      await mapWithConcurrency(wanted, this.options.detailConcurrency ?? 96, (key) => {
        // A reset or dispose stops the details still to fetch; those in flight finish unused.
        if (generation !== this.keysGeneration) return Promise.resolve();
        return new Promise<void>((described) => runs.push(this.keyDetails(key, described).catch(() => undefined)));
      });
      const detailed = await Promise.all(runs);
      if (generation !== this.keysGeneration) return;
      if (this.keys.cachedAt !== undefined) {
        const read = new Map(detailed.flatMap((r) => (r ? [[r.arn, r] as const] : [])));
        this.keys.items = new Map(keys.map((key) => [key.arn, this.newerOf(read.get(key.arn) ?? key)]));
        this.keys.cachedAt = undefined;
      }
      this.keys.status = 'done';
      this.emit({ kind: 'list', list: 'keys' });
    });
    return { listed: listing.then(() => undefined), done };
  }

  private finishSecrets(items: Map<string, SecretResource>, seen: Set<string> | undefined): true {
    if (seen) for (const arn of items.keys()) if (!seen.has(arn)) items.delete(arn);
    this.secrets.cachedAt = undefined;
    this.secrets.status = 'done';
    return true;
  }

  private newerOf<T extends AwsResource>(listed: T): T {
    return this.recentWrites.newerOf(listed);
  }

  private emit(change: StoreChange): void {
    for (const listener of this.listeners) listener(change);
  }
}
