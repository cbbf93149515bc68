// The history of values taken off AWS: every tag removed and every value overwritten is written here before the
// call that takes it away, so Undo and Restore can always put it back. No VS Code import: it runs on a file.
import type { AwsResource, ResourceKind, Scope, Tag } from '../aws/types';
import type { HistoryFile } from './historyFile';

/**
 * `pending`: written before the call, outcome not known yet (or the window closed meanwhile). `removed` /
 * `replaced`: the tags are gone / the values were overwritten. `unknown`: the call's answer was lost and no read
 * showed the outcome. `failed`: AWS still holds the values. `restored`: put back.
 */
export type HistoryStatus = 'pending' | 'removed' | 'replaced' | 'unknown' | 'failed' | 'restored';

/** The statuses whose values may be missing from AWS: Restore offers these. */
export const RESTORABLE: readonly HistoryStatus[] = ['removed', 'replaced', 'unknown', 'pending'];

export interface HistoryEntry {
  readonly id: string;
  /** Epoch milliseconds of the change. */
  readonly at: number;
  readonly profile?: string;
  readonly account?: string;
  readonly region: string;
  readonly arn: string;
  readonly name: string;
  readonly kind: ResourceKind;
  /** The values taken away: the tags removed, or the values an overwrite replaced. */
  readonly tags: readonly Tag[];
  /** How they were taken away. */
  readonly change: 'remove' | 'overwrite';
  /** For an overwrite: the values written over them, which Restore expects to find. */
  readonly replacedBy?: readonly Tag[];
  readonly status: HistoryStatus;
  /** The run it belongs to: a bulk removal is one batch. */
  readonly batch?: string;
}

export interface HistoryItem {
  readonly scope: Scope;
  readonly resource: AwsResource;
  readonly tags: readonly Tag[];
  readonly change: 'remove' | 'overwrite';
  readonly replacedBy?: readonly Tag[];
  readonly batch?: string;
}

type HistoryRecord =
  | { readonly op: 'add'; readonly entries: HistoryEntry[] }
  | { readonly op: 'status'; readonly ids: string[]; readonly status: HistoryStatus }
  | { readonly op: 'clear'; readonly at: number }
  | { readonly op: 'migrated' };

export const HISTORY_LIMIT = 1000;
/** The least room one history record takes on disk, near enough: the size gate of compaction counts in these. */
const RECORD_BYTES = 250;

export class TagHistory {
  /** The file's size when this window last counted its records (see compactIfLarge). */
  private countedAtBytes = 0;

  constructor(
    private readonly file: HistoryFile,
    private readonly limit = HISTORY_LIMIT,
  ) {}

  get path(): string {
    return this.file.path;
  }

  /** Newest first, as every window has written it. */
  async list(): Promise<HistoryEntry[]> {
    return fold((await this.file.read()) as HistoryRecord[]).reverse();
  }

  /** Records what is about to be taken away, as `pending`; resolves once it is on disk. */
  async record(items: readonly HistoryItem[]): Promise<HistoryEntry[]> {
    if (items.length === 0) return [];
    const at = Date.now();
    const entries = items.map((item, i) => ({
      id: `${at.toString(36)}-${i}-${Math.random().toString(36).slice(2, 10)}`,
      at,
      profile: item.scope.profile,
      account: accountOf(item.resource.arn),
      region: item.resource.region || item.scope.region,
      arn: item.resource.arn,
      name: item.resource.name,
      kind: item.resource.kind,
      tags: item.tags.map(({ key, value }) => ({ key, value })),
      change: item.change,
      status: 'pending' as const,
      ...(item.replacedBy ? { replacedBy: item.replacedBy.map(({ key, value }) => ({ key, value })) } : {}),
      ...(item.batch ? { batch: item.batch } : {}),
    }));
    await this.file.append([{ op: 'add', entries }]);
    await this.compactIfLarge();
    return entries;
  }

  async setStatus(ids: readonly string[], status: HistoryStatus): Promise<void> {
    if (ids.length > 0) await this.file.append([{ op: 'status', ids: [...ids], status }]);
  }

  /** Forgets every entry (Clear Removal History...). */
  async clear(): Promise<void> {
    await this.file.rewrite(() => [{ op: 'clear', at: Date.now() }, { op: 'migrated' }]);
  }

  /** Moves the entries of the history kept in globalState before this file existed, once for all windows. */
  async migrate(old: readonly Omit<HistoryEntry, 'change'>[] | undefined): Promise<boolean> {
    let moved = false;
    await this.file.rewrite((records) => {
      if ((records as HistoryRecord[]).some((r) => r.op === 'migrated')) return undefined;
      moved = (old?.length ?? 0) > 0;
      const entries = (old ?? []).map((e) => ({
        ...e,
        change: 'remove' as const,
        account: e.account ?? accountOf(e.arn),
      }));
      return [...(entries.length ? [{ op: 'add', entries }] : []), ...records, { op: 'migrated' }];
    });
    return moved;
  }

  /**
   * Past twice the limit the file is rewritten with the entries folded and trimmed, under the same lock. A record
   * takes some 250 bytes or more: below twice the limit of those the file is not even read, and after a count it is
   * read again only once it has grown by the limit's worth, so a bulk removal does not parse the whole file per
   * resource (compacted entries can take more room than that estimate, and would otherwise be counted every time).
   */
  private async compactIfLarge(): Promise<void> {
    const size = await this.file.size();
    if (size < Math.max(this.limit * 2 * RECORD_BYTES, this.countedAtBytes + this.limit * RECORD_BYTES)) return;
    this.countedAtBytes = size;
    const records = (await this.file.read()) as HistoryRecord[];
    const count = records.reduce((n, r) => n + (r.op === 'add' ? r.entries.length : 1), 0);
    if (count <= this.limit * 2) return;
    await this.file.rewrite((current) => {
      const entries = trim(fold(current as HistoryRecord[]), this.limit);
      return [{ op: 'migrated' }, { op: 'add', entries }];
    });
    this.countedAtBytes = await this.file.size();
  }
}

function fold(records: readonly HistoryRecord[]): HistoryEntry[] {
  let byId = new Map<string, HistoryEntry>();
  for (const record of records) {
    if (record.op === 'add') for (const e of record.entries) byId.set(e.id, e);
    else if (record.op === 'status') {
      for (const id of record.ids) {
        const e = byId.get(id);
        if (e) byId.set(id, { ...e, status: record.status });
      }
    } else if (record.op === 'clear') byId = new Map();
  }
  return [...byId.values()].sort((a, b) => a.at - b.at);
}

/**
 * The oldest entries go first once over the limit, except those whose values may still be needed: pending and
 * unknown ones (their outcome was never seen) and the newest batch, so a bulk removal larger than the limit keeps
 * every value it removed.
 */
function trim(entries: HistoryEntry[], limit: number): HistoryEntry[] {
  let excess = entries.length - limit;
  if (excess <= 0) return entries;
  const newest = entries.at(-1);
  const inNewestBatch = (e: HistoryEntry) =>
    newest?.batch !== undefined ? e.batch === newest.batch : e.at === newest?.at;
  return entries.filter((e) => {
    if (excess <= 0 || e.status === 'pending' || e.status === 'unknown' || inNewestBatch(e)) return true;
    excess--;
    return false;
  });
}

function accountOf(arn: string): string | undefined {
  const account = arn.split(':')[4];
  return account && /^\d{12}$/.test(account) ? account : undefined;
}
