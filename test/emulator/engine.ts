import { randomBytes } from 'node:crypto';
import { AccessRules } from './access';
import { CallLog } from './calllog';
import type { CallFilter } from './calllog';
import { FaultStore } from './faults';
import { Latency } from './latency';
import { applyMutation, keyRecord, secretRecord } from './mutate';
import type { Mutation } from './mutate';
import type { Handler, Input, OpContext } from './ops';
import { Quotas } from './quotas';
import { ReadLag, type ReadLagSettings } from './readLag';
import { applySeed } from './seed';
import { secretsMayHaveChanged } from './secrets-index';
import { cloneSecrets, EmulatorState } from './state';
import type { KeyRecord, SecretRecord } from './state';
import { DEFAULT_ACCOUNT_ID, DEFAULT_CREDENTIAL } from './types';
import type { CallRecord, Credential, FaultEntry, FaultRule, LatencySettings, QuotaOverrides, Seed } from './types';

export interface EmulatorOptions {
  /** 0 (default) picks a free port. The server binds 127.0.0.1 only. */
  port?: number;
  seed?: Seed;
  latencyMs?: number;
  jitterMs?: number;
  /** AWS request quotas as token buckets; off by default. */
  quotas?: boolean | QuotaOverrides;
  credentials?: Credential[];
  accountId?: string;
  /** No log lines on stderr for unexpected errors. */
  quiet?: boolean;
  /** The token the admin API requires in `x-emulator-token`; a random one per start when absent. */
  adminToken?: string;
}

/** Secrets Manager operations that change no secret (GetSecretValue does: LastAccessedDate). */
const SECRET_READS = new Set(['ListSecrets', 'DescribeSecret', 'GetResourcePolicy']);

/** Everything the emulator knows and every control, independent of HTTP. */
export class Engine {
  readonly state: EmulatorState;
  readonly credentials: Credential[];
  readonly faultStore = new FaultStore();
  readonly access = new AccessRules();
  readonly quotas = new Quotas();
  readonly latency = new Latency();
  readonly log = new CallLog();
  readonly readLag = new ReadLag();
  readonly quiet: boolean;
  /** Required in the `x-emulator-token` header of every admin request. */
  readonly adminToken: string;
  /** Frozen ListSecrets view per region while stale listing is on. */
  staleSnapshot?: Map<string, Map<string, SecretRecord>>;
  emptyListPages = false;

  constructor(private readonly options: EmulatorOptions = {}) {
    this.state = new EmulatorState(options.accountId ?? DEFAULT_ACCOUNT_ID);
    this.credentials = options.credentials?.length
      ? options.credentials.map((c) => ({ ...c }))
      : [{ ...DEFAULT_CREDENTIAL }];
    this.quiet = options.quiet ?? false;
    this.adminToken = options.adminToken ?? randomBytes(16).toString('hex');
    this.reset();
  }

  principal(c: Credential): string {
    return c.arn ?? `arn:aws:iam::${this.state.accountId}:user/emulator-test`;
  }

  /** Back to the start: the given seed (default: the seed the emulator started with), no calls, faults or settings. */
  reset(seed?: Seed): void {
    secretsMayHaveChanged();
    this.state.clear();
    this.state.accountId = this.options.accountId ?? DEFAULT_ACCOUNT_ID;
    const initial = seed ?? this.options.seed;
    if (initial) applySeed(this.state, initial);
    this.log.clear();
    this.faultStore.clear();
    this.access.reset();
    this.quotas.set(this.options.quotas ?? false);
    this.latency.set({ ms: this.options.latencyMs ?? 0, jitterMs: this.options.jitterMs ?? 0 });
    this.staleSnapshot = undefined;
    this.emptyListPages = false;
    this.readLag.set({ ms: 0 });
  }

  seed(seed: Seed): void {
    secretsMayHaveChanged();
    applySeed(this.state, seed);
  }

  calls(filter?: CallFilter): CallRecord[] {
    return this.log.list(filter);
  }

  clearCalls(): void {
    this.log.clear();
  }

  addFault(rule: FaultRule): string {
    return this.faultStore.add(rule);
  }

  removeFault(id: string): boolean {
    return this.faultStore.remove(id);
  }

  faults(): FaultEntry[] {
    return this.faultStore.list();
  }

  clearFaults(): void {
    this.faultStore.clear();
  }

  setLatency(settings: LatencySettings): void {
    this.latency.set(settings);
  }

  /** true: AWS's quotas; false: none; an object: AWS's quotas with these rates replaced. */
  setQuotas(setting: boolean | QuotaOverrides): void {
    this.quotas.set(setting);
  }

  /** UntagResource of this tag key answers AccessDenied, as AWS does when removal would lock the caller out. */
  denyUntagTagKey(tagKey: string): void {
    this.access.denyUntag(tagKey);
  }

  clearDenyUntag(): void {
    this.access.clearDenyUntag();
  }

  /**
   * IAM-like allow-list such as `['secretsmanager:ListSecrets', 'kms:List*']`; null allows everything. With an access
   * key, the list is that credential's alone and replaces the account-wide one for it (null removes it).
   */
  allowOnlyActions(actions: string[] | null, accessKeyId?: string): void {
    this.access.allowOnly(actions, accessKeyId);
  }

  /** Freezes what ListSecrets returns at this moment, as its documented lag of minutes would. */
  setListSecretsStale(stale: boolean): void {
    this.staleSnapshot = stale
      ? new Map([...this.state.regions].map(([name, r]) => [name, cloneSecrets(r)]))
      : undefined;
  }

  /** Precedes every ListSecrets page after the first with an empty page that carries a NextToken. */
  setListSecretsEmptyPages(on: boolean): void {
    this.emptyListPages = on;
  }

  /** Tags as a map (empty also for a secret never tagged: see `secret()` for that). Throws for an unknown secret. */
  secretTags(secretId: string, region?: string): Record<string, string> {
    return Object.fromEntries((secretRecord(this.state, secretId, region).tags ?? []).map((t) => [t.Key, t.Value]));
  }

  /** The stored record of a secret (name, full ARN or partial ARN), live: changes to it are changes behind the client's back. */
  secret(secretId: string, region?: string): SecretRecord {
    secretsMayHaveChanged();
    return secretRecord(this.state, secretId, region);
  }

  /** The stored record of a key (ID, ARN or alias), live like `secret()`. */
  key(keyId: string, region?: string): KeyRecord {
    return keyRecord(this.state, keyId, region);
  }

  /** Tags as a map; the key may be given by ID, ARN or alias. Throws for an unknown key. */
  keyTags(keyId: string, region?: string): Record<string, string> {
    return Object.fromEntries(keyRecord(this.state, keyId, region).tags.map((t) => [t.TagKey, t.TagValue]));
  }

  mutate(m: Mutation): void {
    secretsMayHaveChanged();
    applyMutation(this.state, m);
  }

  /** After a write, ListSecrets, DescribeSecret, ListResourceTags and DescribeKey answer the state before it for `ms`. */
  setReadLag(settings: ReadLagSettings): void {
    this.readLag.set(settings);
  }

  /** Runs one operation's handler: reads see what lag lets them see, writes are remembered for lagging reads. */
  answer(ctx: OpContext, service: string, operation: string, handler: Handler, input: Input): object | undefined {
    if (service === 'secretsmanager' && !SECRET_READS.has(operation)) secretsMayHaveChanged();
    if (this.readLag.lags(`${service}.${operation}`)) {
      return handler({ ...ctx, view: (live) => this.readLag.view(live, ctx.now), lagging: true }, input);
    }
    if (/^(List|Describe|Get)/.test(operation)) return handler(ctx, input);
    return this.readLag.around(ctx, service, input, () => handler(ctx, input));
  }
}
