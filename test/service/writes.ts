// The service tests' way into the one write path: the same TagWriter the extension uses, over a history kept in
// memory, with results in the removal tests' terms (removed / failed / unknown / gone).
import { ResourceStore, type ScopeServices } from '../../src/aws/resourceStore';
import type { RemovalRequest } from '../../src/aws/tagRemoval';
import { TagWriter, type WriteHistory, type WriteOutcome } from '../../src/aws/tagWriter';
import type { AwsResource, Scope, Tag } from '../../src/aws/types';
import { removalText } from '../../src/commands/outcomeText';
import { REGION } from './harness';

export interface MemoryEntry {
  id: string;
  arn: string;
  tags: Tag[];
  change: 'remove' | 'overwrite';
  status: string;
}

/** The history's contract, in memory: what was recorded before each call and what became of it. */
export class MemoryHistory implements WriteHistory {
  readonly entries: MemoryEntry[] = [];
  async record(items: Parameters<WriteHistory['record']>[0]) {
    const made = items.map((item, i) => ({
      id: `${this.entries.length + i}`,
      arn: item.resource.arn,
      tags: [...item.tags],
      change: item.change,
      status: 'pending',
    }));
    this.entries.push(...made);
    return made;
  }
  async setStatus(ids: readonly string[], status: string) {
    for (const e of this.entries) if (ids.includes(e.id)) e.status = status;
  }
}

export const SCOPE: Scope = { profile: undefined, region: REGION };

export function storeFor(services: ScopeServices, scope = SCOPE): ResourceStore {
  return new ResourceStore(scope, services, { includePlannedDeletion: false, skipAwsManagedKeyDetails: true });
}

export function writerFor(
  store: ResourceStore,
  history: WriteHistory = new MemoryHistory(),
  settleMs = 1_500,
): TagWriter {
  return new TagWriter(history, { storeOf: () => store, settleMs });
}

export type RemovalStatus = 'removed' | 'failed' | 'unknown' | 'gone' | 'skipped';

export interface RemovalResult {
  readonly request: RemovalRequest;
  readonly status: RemovalStatus;
  readonly current?: AwsResource;
  readonly error?: unknown;
  readonly outcome: WriteOutcome;
}

const STATUS: Record<WriteOutcome['status'], RemovalStatus> = {
  applied: 'removed',
  notApplied: 'failed',
  unknown: 'unknown',
  gone: 'gone',
  skipped: 'skipped',
};

/** Removes through the write path: one pre-read, one UntagResource and its read-backs per resource. */
export async function removeTags(
  services: ScopeServices,
  requests: readonly RemovalRequest[],
  history = new MemoryHistory(),
): Promise<RemovalResult[]> {
  const store = storeFor(services);
  const outcomes = await writerFor(store, history).write(
    requests.map((r) => ({ store, resource: r.resource, remove: r.tags.map((t) => t.key), set: [] })),
  );
  return outcomes.map((outcome, i) => ({
    request: requests[i],
    status: STATUS[outcome.status],
    current: outcome.current,
    error: outcome.error,
    outcome,
  }));
}

/** Sets tags through the write path; resolves to the resource read back, rejects with the call's error otherwise. */
export async function putTags(
  services: ScopeServices,
  resource: AwsResource,
  tags: readonly Tag[],
  history = new MemoryHistory(),
): Promise<AwsResource> {
  const store = storeFor(services);
  const [outcome] = await writerFor(store, history).write([{ store, resource, remove: [], set: tags }]);
  if (outcome.status !== 'applied') throw outcome.error ?? new Error(`not applied: ${outcome.status}`);
  return outcome.current ?? resource;
}

/** The report the user reads, for results in the removal tests' terms. */
export function resultText(results: ReadonlyArray<Pick<RemovalResult, 'request' | 'status' | 'error'>>) {
  const back: Record<RemovalStatus, WriteOutcome['status']> = {
    removed: 'applied',
    failed: 'notApplied',
    unknown: 'unknown',
    gone: 'gone',
    skipped: 'skipped',
  };
  return removalText(
    results.map((r) => ({
      change: {
        store: undefined as unknown as ResourceStore,
        resource: r.request.resource,
        remove: r.request.tags.map((t) => t.key),
        set: [],
      },
      status: back[r.status],
      error: r.error,
      entries: [],
      ...(r.status === 'skipped' ? { skipReason: 'cancelled' as const } : {}),
    })),
  );
}
