// Read-after-write lag: for a while after a write, some reads answer the state from before it. AWS documents this
// for KMS ("AWS KMS is eventually consistent", Developer Guide, "Eventual consistency") and for ListSecrets ("might
// not reflect changes from the last five minutes", API reference); DescribeSecret is not documented as strongly
// consistent. The Tagging API's GetResources answers from its own copy of the services' tags (aws/aws-sdk#302), so
// it lags too. Off by default, so every other test keeps a strongly consistent AWS.
import { findSecret } from './secrets-view';
import type { OpContext } from './ops';
import type { KeyRecord, SecretRecord } from './state';

/** The reads that may lag, as `service.Operation`. */
export const LAGGING_READS = [
  'secretsmanager.ListSecrets',
  'secretsmanager.DescribeSecret',
  'kms.ListResourceTags',
  'kms.DescribeKey',
  'tagging.GetResources',
];

export interface ReadLagSettings {
  /** How long after a write those reads still answer the state from before it; 0 turns lag off. */
  ms: number;
  /** Which of {@link LAGGING_READS} lag; all of them when absent. */
  operations?: string[];
}

type Resource = SecretRecord | KeyRecord;

interface Version {
  /** When the write happened. */
  at: number;
  /** The resource as it was just before that write. */
  before: Resource;
}

const clone = <T>(value: T): T => structuredClone(value);

export class ReadLag {
  private settings: ReadLagSettings = { ms: 0 };
  private readonly versions = new Map<string, Version[]>();

  set(settings: ReadLagSettings): void {
    if (!Number.isFinite(settings.ms) || settings.ms < 0)
      throw new Error('ms must be a number of milliseconds, 0 or more');
    for (const op of settings.operations ?? []) {
      if (!LAGGING_READS.includes(op)) throw new Error(`operations: ${op} is not one of ${LAGGING_READS.join(', ')}`);
    }
    this.settings = { ms: settings.ms, ...(settings.operations ? { operations: [...settings.operations] } : {}) };
    this.versions.clear();
  }

  describe(): ReadLagSettings {
    return { ...this.settings, operations: this.settings.operations ?? LAGGING_READS };
  }

  get on(): boolean {
    return this.settings.ms > 0;
  }

  lags(op: string): boolean {
    return this.on && (this.settings.operations ?? LAGGING_READS).includes(op);
  }

  /** Runs a write, remembering what the resource it addresses looked like before, if the write changed it. */
  around<T>(ctx: OpContext, service: string, input: Record<string, unknown>, write: () => T): T {
    const target = this.on ? locate(ctx, service, input) : undefined;
    const before = target && clone(target);
    const answer = write();
    if (target && before && JSON.stringify(before) !== JSON.stringify(target)) {
      const list = this.versions.get(target.arn) ?? [];
      list.push({ at: ctx.now, before });
      this.versions.set(target.arn, list);
    }
    return answer;
  }

  /**
   * What a lagging read sees of a resource at `now`: the state before the oldest write of the last `ms`, or the
   * live record when there was none.
   */
  view<T extends Resource>(live: T, now: number): T {
    const list = this.versions.get(live.arn);
    if (!list) return live;
    const horizon = now - this.settings.ms;
    while (list.length > 0 && list[0].at <= horizon) list.shift();
    if (list.length === 0) {
      this.versions.delete(live.arn);
      return live;
    }
    return list[0].before as T;
  }
}

/** The record a write addresses, without the checks and errors of the operation itself. */
function locate(ctx: OpContext, service: string, input: Record<string, unknown>): Resource | undefined {
  if (service === 'secretsmanager' && typeof input.SecretId === 'string') return findSecret(ctx, input.SecretId);
  if (service === 'kms' && typeof input.KeyId === 'string') {
    const id = input.KeyId.startsWith('arn:') ? input.KeyId.slice(input.KeyId.lastIndexOf('/') + 1) : input.KeyId;
    return ctx.region.keys.get(id);
  }
  return undefined;
}
