// The one path every tag change takes: Remove Tag, Remove Tag Key Everywhere, Add Tag, Edit Tag Value, Undo and
// Restore. Per resource: read what AWS holds, record in the history what will be removed or overwritten (on disk
// before the call), take a write ticket, call, read back (again, for a bounded time, while the read still shows the
// old state: AWS's reads are eventually consistent), decide the outcome from that read, and update the store that
// is shown when it ends. Commands only pick, confirm, call this and report.
import { mapWithConcurrency } from './concurrency';
import { errorCategory } from './errors';
import type { ResourceStore } from './resourceStore';
import type { AwsResource, Scope, Tag } from './types';
import {
  decideOutcome,
  isRefusal,
  mayHaveApplied,
  showsApplied,
  takenAway,
  touchedKeys,
  withDelta,
  type TagDelta,
  type WriteStatus,
} from './writeOutcome';

/** What the writer needs of the history; the history module provides it. */
export interface WriteHistory {
  record(
    items: ReadonlyArray<{
      scope: Scope;
      resource: AwsResource;
      tags: readonly Tag[];
      change: 'remove' | 'overwrite';
      replacedBy?: readonly Tag[];
      batch?: string;
    }>,
  ): Promise<Array<{ id: string }>>;
  setStatus(ids: readonly string[], status: 'removed' | 'replaced' | 'unknown' | 'failed' | 'restored'): Promise<void>;
}

export interface TagChange extends TagDelta {
  /** The store the change was picked from; the result goes to the store shown for its scope when it ends. */
  readonly store: ResourceStore;
  readonly resource: AwsResource;
  /** History entries this change puts back (Undo, Restore): marked restored once it is applied. */
  readonly restores?: readonly string[];
}

export interface WriteOutcome {
  readonly change: TagChange;
  readonly status: WriteStatus;
  /** What AWS held for the touched keys just before the call (or the listed values when it could not be read). */
  readonly before?: readonly Tag[];
  /** The history entries of what this change removed or overwrote (for Undo). */
  readonly entries: ReadonlyArray<{ id: string }>;
  /** The resource as AWS has it now, as shown in the tree. Absent when gone or never read. */
  readonly current?: AwsResource;
  /** The call's error: for a change `applied` despite it, the answer was lost. */
  readonly error?: unknown;
  /** Why a change was skipped. */
  readonly skipReason?: 'cancelled' | 'inFlight';
}

export interface WriteOptions {
  readonly concurrency?: number;
  readonly onOutcome?: (outcome: WriteOutcome) => void;
  readonly isCancelled?: () => boolean;
}

export interface WriterOptions {
  /** The store shown for a scope now (a Refresh may have replaced the one a change started from). */
  readonly storeOf: (scope: Scope) => ResourceStore | undefined;
  /** How long to keep reading back while the read still shows the old state. */
  readonly settleMs?: number;
  readonly sleep?: (ms: number) => Promise<void>;
}

/** A set of (resource, key) pairs held against a second, identical change until released. */
export interface Claim {
  readonly changes: readonly TagChange[];
  /** Changes dropped whole because every key they touch is already under way. */
  readonly dropped: readonly TagChange[];
  release(): void;
}

const DEFAULT_SETTLE_MS = 4_000;

export class TagWriter {
  private readonly inFlight = new Set<string>();

  constructor(
    private readonly history: WriteHistory,
    private readonly options: WriterOptions,
  ) {}

  /**
   * Takes the keys no other change holds (a second click, an overlapping bulk run); keys already held are left out
   * of the changes. Commands claim before they ask, so a second click while the dialog is open does nothing.
   */
  claim(changes: readonly TagChange[]): Claim {
    const mine: string[] = [];
    const kept: TagChange[] = [];
    const dropped: TagChange[] = [];
    for (const change of changes) {
      const free = (key: string) =>
        !this.inFlight.has(flightKey(change.resource, key)) || mine.includes(flightKey(change.resource, key));
      const narrowed = { ...change, remove: change.remove.filter(free), set: change.set.filter((t) => free(t.key)) };
      const keys = touchedKeys(narrowed);
      if (keys.length === 0) {
        dropped.push(change);
        continue;
      }
      for (const key of keys) {
        this.inFlight.add(flightKey(change.resource, key));
        mine.push(flightKey(change.resource, key));
      }
      kept.push(narrowed);
    }
    let released = false;
    return {
      changes: kept,
      dropped,
      release: () => {
        if (released) return;
        released = true;
        for (const key of mine) this.inFlight.delete(key);
      },
    };
  }

  /** Claims, applies and releases. */
  async write(changes: readonly TagChange[], options: WriteOptions = {}): Promise<WriteOutcome[]> {
    const claim = this.claim(changes);
    try {
      const skipped = claim.dropped.map((change): WriteOutcome => ({
        change,
        status: 'skipped',
        skipReason: 'inFlight',
        entries: [],
      }));
      return [...(await this.apply(claim, options)), ...skipped];
    } finally {
      claim.release();
    }
  }

  /** Applies the claimed changes, at most `concurrency` resources at a time; each is paced by its service's quota. */
  async apply(claim: Claim, options: WriteOptions = {}): Promise<WriteOutcome[]> {
    // One batch per run: the history keeps a bulk run larger than its limit whole.
    const batch = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
    const results = await mapWithConcurrency(claim.changes, options.concurrency ?? 8, async (change) => {
      const outcome: WriteOutcome = options.isCancelled?.()
        ? { change, status: 'skipped', skipReason: 'cancelled', entries: [] }
        : await this.applyOne(change, batch);
      options.onOutcome?.(outcome);
      return outcome;
    });
    return results.map((r) => r.value ?? { change: r.item, status: 'unknown', error: r.error, entries: [] });
  }

  private async applyOne(change: TagChange, batch: string): Promise<WriteOutcome> {
    const { store, resource } = change;
    const keys = touchedKeys(change);

    // 1. What AWS holds now: that, not the listing, is what the history keeps.
    let onAws: AwsResource | undefined;
    try {
      onAws = await readTags(store, resource);
    } catch (error) {
      if (errorCategory(error) === 'notFound') return this.finish(change, { status: 'gone', error, entries: [] });
      // Unreadable (a permission the user lacks): the listed values are the best record there is.
    }
    const beforeTags = (onAws ?? resource).tags ?? [];
    const before = beforeTags.filter((t) => keys.includes(t.key));

    // 2. On disk before the call.
    const { removed, overwritten } = takenAway(beforeTags, change);
    const items = [
      ...(removed.length ? [{ scope: store.scope, resource, tags: removed, change: 'remove' as const, batch }] : []),
      ...(overwritten.length
        ? [
            {
              scope: store.scope,
              resource,
              tags: overwritten,
              change: 'overwrite' as const,
              replacedBy: change.set.filter((t) => overwritten.some((o) => o.key === t.key)),
              batch,
            },
          ]
        : []),
    ];
    const entries = await this.history.record(items);
    const ticket = store.beginWrite();

    // 3. The call.
    let callError: unknown;
    try {
      if (change.remove.length) await untag(store, resource, change.remove);
      if (change.set.length) await tag(store, resource, change.set);
    } catch (error) {
      callError = error;
    }

    // 4. Read back, and again while the read still shows the old state (unless AWS refused the call outright).
    const settled = await this.readBack(store, resource, change, callError);
    const status = decideOutcome(change, { callError, readBack: settled.resource, readBackGone: settled.gone });

    // 5. History and tree.
    const historyStatus = status === 'applied' ? undefined : mayHaveApplied(status, callError) ? 'unknown' : 'failed';
    if (historyStatus)
      await this.history.setStatus(
        entries.map((e) => e.id),
        historyStatus,
      );
    else {
      const removedIds = entries.slice(0, removed.length ? 1 : 0).map((e) => e.id);
      await this.history.setStatus(removedIds, 'removed');
      await this.history.setStatus(
        entries.slice(removedIds.length).map((e) => e.id),
        'replaced',
      );
      if (change.restores?.length) await this.history.setStatus(change.restores, 'restored');
    }
    const expected = { ...(settled.resource ?? onAws ?? resource), tags: withDelta(beforeTags, change) };
    const confirmed = settled.resource?.tags !== undefined && showsApplied(settled.resource.tags, change);
    const current = status === 'applied' ? (confirmed ? settled.resource : expected) : settled.resource;
    return this.finish(change, { status, before, entries, current, error: callError }, ticket, confirmed);
  }

  private async readBack(
    store: ResourceStore,
    resource: AwsResource,
    change: TagDelta,
    callError: unknown,
  ): Promise<{ resource?: AwsResource; gone?: boolean }> {
    const settleMs = this.options.settleMs ?? DEFAULT_SETTLE_MS;
    const sleep = this.options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
    const refused = callError !== undefined && isRefusal(callError);
    const started = Date.now();
    let delay = 100;
    let last: AwsResource | undefined;
    for (;;) {
      try {
        // After a failed call a key is described too: a state change (pending deletion) is a common cause.
        last =
          callError !== undefined && resource.kind === 'kmsKey'
            ? await store.services.kms.details(resource)
            : await readTags(store, resource);
        if (refused || (last.tags && showsApplied(last.tags, change))) return { resource: last };
      } catch (error) {
        if (errorCategory(error) === 'notFound') return { gone: true };
        if (refused) return { resource: last };
      }
      if (Date.now() - started + delay > settleMs) return { resource: last };
      await sleep(delay);
      delay = Math.min(delay * 2, 1_000);
    }
  }

  /** `confirmed`: a read showed the change, so later reads need no help from what this write knows. */
  private finish(
    change: TagChange,
    outcome: Omit<WriteOutcome, 'change'>,
    ticket?: number,
    confirmed = false,
  ): WriteOutcome {
    const shown = this.options.storeOf(change.store.scope) ?? change.store;
    if (outcome.status === 'gone') shown.remove(change.resource);
    else if (outcome.current && ticket !== undefined) {
      if (outcome.status === 'applied')
        shown.applyWrite(outcome.current, ticket, confirmed ? undefined : { remove: change.remove, set: change.set });
      else shown.applyRead(outcome.current, ticket);
    }
    return { change, ...outcome };
  }
}

function flightKey(resource: AwsResource, key: string): string {
  return `${resource.arn}\n${key}`;
}

/** The resource's tags as AWS holds them: DescribeSecret, or the key's ListResourceTags. */
export async function readTags(store: ResourceStore, resource: AwsResource): Promise<AwsResource> {
  if (resource.kind === 'secret') return store.services.secrets.describe(resource.arn);
  return { ...resource, tags: await store.services.kms.listTags(resource.arn) };
}

function untag(store: ResourceStore, resource: AwsResource, keys: readonly string[]): Promise<void> {
  return resource.kind === 'secret'
    ? store.services.secrets.untag(resource.arn, keys)
    : store.services.kms.untag(resource.arn, keys);
}

function tag(store: ResourceStore, resource: AwsResource, tags: readonly Tag[]): Promise<void> {
  return resource.kind === 'secret'
    ? store.services.secrets.tag(resource.arn, tags)
    : store.services.kms.tag(resource.arn, tags);
}
