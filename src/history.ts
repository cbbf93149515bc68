// The removal history: written before every UntagResource, so no removed value is ever lost.
// No VS Code import: it takes any key-value store with the shape of a Memento (globalState in the extension).
import type { AwsResource, ResourceKind, Scope, Tag } from './aws/types';

/** `replaced`: the value was overwritten by Edit Tag Value; like `removed`, it can be put back. */
export type HistoryStatus = 'pending' | 'removed' | 'replaced' | 'failed' | 'restored';

export interface HistoryEntry {
  readonly id: string;
  /** Epoch milliseconds of the removal. */
  readonly at: number;
  readonly profile?: string;
  readonly region: string;
  readonly arn: string;
  readonly name: string;
  readonly kind: ResourceKind;
  readonly tags: readonly Tag[];
  readonly status: HistoryStatus;
}

export interface KeyValueStore {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): Thenable<void>;
}

const STORAGE_KEY = 'awsTags.removalHistory';
export const HISTORY_LIMIT = 1000;

export class RemovalHistory {
  private chain: Promise<unknown> = Promise.resolve();
  /** IDs of the entries of the last `record` call, which trimming keeps. */
  private newestBatch = new Set<string>();

  constructor(
    private readonly storage: KeyValueStore,
    private readonly limit = HISTORY_LIMIT,
  ) {}

  /** Newest first. */
  list(): HistoryEntry[] {
    return [...(this.storage.get<HistoryEntry[]>(STORAGE_KEY) ?? [])].reverse();
  }

  /** Records what is about to be removed; resolves once it is stored. */
  record(scope: Scope, removals: ReadonlyArray<{ resource: AwsResource; tags: readonly Tag[] }>): Promise<HistoryEntry[]> {
    const at = Date.now();
    const entries = removals.map((r, i) => ({
      id: `${at.toString(36)}-${i}-${Math.random().toString(36).slice(2, 8)}`,
      at,
      profile: scope.profile,
      region: scope.region,
      arn: r.resource.arn,
      name: r.resource.name,
      kind: r.resource.kind,
      tags: r.tags.map(({ key, value }) => ({ key, value })),
      status: 'pending' as const,
    }));
    return this.write((all) => {
      this.newestBatch = new Set(entries.map((e) => e.id));
      return [...all, ...entries];
    }).then(() => entries);
  }

  setStatus(ids: readonly string[], status: HistoryStatus): Promise<void> {
    const wanted = new Set(ids);
    return this.write((all) => all.map((e) => (wanted.has(e.id) ? { ...e, status } : e)));
  }

  /**
   * The oldest entries go first once over the limit, except entries still pending (their removal is running, or
   * its outcome is unknown) and the newest batch: a bulk removal larger than the limit keeps every value it removed.
   */
  private trim(all: HistoryEntry[]): HistoryEntry[] {
    let excess = all.length - this.limit;
    if (excess <= 0) return all;
    return all.filter((e) => {
      if (excess <= 0 || e.status === 'pending' || this.newestBatch.has(e.id)) return true;
      excess--;
      return false;
    });
  }

  /** Writes one at a time, so two removals in quick succession cannot overwrite each other's entries. */
  private write(change: (all: HistoryEntry[]) => HistoryEntry[]): Promise<void> {
    const next = this.chain.then(async () => {
      const all = change(this.storage.get<HistoryEntry[]>(STORAGE_KEY) ?? []);
      await this.storage.update(STORAGE_KEY, this.trim(all));
    });
    this.chain = next.catch(() => undefined);
    return next;
  }
}
