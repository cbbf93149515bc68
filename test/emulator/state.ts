import { createHash, randomBytes } from 'node:crypto';
import { AccountRegions } from './account';
import { IamState } from './iam-state';
import type { ReplicaStatus } from './replicas';
import { SsoState } from './sso-state';
import { VersionedMap } from './versioned-map';
import type { KeyState } from './types';

export interface SmTag {
  Key: string;
  Value: string;
}

export interface KmsTag {
  TagKey: string;
  TagValue: string;
}

// Dates are kept in epoch milliseconds and converted to epoch seconds on the wire.
export interface SecretRecord {
  name: string;
  arn: string;
  description?: string;
  /** undefined: never tagged, so responses carry no `Tags` key at all. */
  tags?: SmTag[];
  createdDate: number;
  lastChangedDate: number;
  lastAccessedDate?: number;
  deletedDate?: number;
  deletionDate?: number;
  owningService?: string;
  /** Set on a replica (its primary's Region) and on a primary that has replicas (its own Region). */
  primaryRegion?: string;
  /** A primary's replicas, as ReplicationStatus shows them. */
  replicas?: ReplicaStatus[];
  kmsKeyId?: string;
  policy?: string;
  secretString?: string;
  versionId?: string;
}

export interface KeyRecord {
  id: string;
  arn: string;
  description: string;
  keySpec: string;
  keyUsage: string;
  state: KeyState;
  manager: 'CUSTOMER' | 'AWS';
  origin: string;
  multiRegion: boolean;
  creationDate: number;
  deletionDate?: number;
  pendingWindowInDays?: number;
  policy: string;
  tags: KmsTag[];
  /** Set once the key has had a tag: the Tagging API lists it from then on, with no tags once all are removed. */
  everTagged?: boolean;
}

export interface AliasRecord {
  name: string;
  targetKeyId: string;
  creationDate: number;
  lastUpdatedDate: number;
}

export interface RegionState {
  /** Keyed by name; a secret marked for deletion keeps its name taken. */
  secrets: VersionedMap<string, SecretRecord>;
  keys: Map<string, KeyRecord>;
  aliases: VersionedMap<string, AliasRecord>;
}

/** One account, any number of regions, created on first use as AWS regions always exist. */
export class EmulatorState {
  readonly regions = new Map<string, RegionState>();
  /** IAM is global: one set per account, whatever the region of the request. */
  readonly iam = new IamState(() => this.accountId);
  /** The IAM Identity Center portal: its tokens, assigned accounts and the role credentials it handed out. */
  readonly sso = new SsoState();
  /** Account Management: the Regions and their opt-in status. */
  readonly account = new AccountRegions();

  constructor(public accountId: string) {}

  region(name: string): RegionState {
    let r = this.regions.get(name);
    if (!r) {
      r = { secrets: new VersionedMap(), keys: new Map(), aliases: new VersionedMap() };
      this.regions.set(name, r);
    }
    return r;
  }

  clear(): void {
    this.regions.clear();
    this.iam.clear();
    this.sso.clear();
    this.account.clear();
  }

  secretArn(region: string, name: string, suffix: string): string {
    return `arn:aws:secretsmanager:${region}:${this.accountId}:secret:${name}-${suffix}`;
  }

  keyArn(region: string, id: string): string {
    return `arn:aws:kms:${region}:${this.accountId}:key/${id}`;
  }

  aliasArn(region: string, name: string): string {
    return `arn:aws:kms:${region}:${this.accountId}:${name}`;
  }

  /** Plain JSON view for the admin API and for debugging. */
  toJSON(): object {
    const out: Record<string, object> = {};
    for (const [name, r] of this.regions) {
      out[name] = {
        secrets: [...r.secrets.values()],
        keys: [...r.keys.values()],
        aliases: [...r.aliases.values()],
      };
    }
    return {
      accountId: this.accountId,
      regions: out,
      iam: this.iam.toJSON(),
      sso: this.sso.toJSON(),
      accountRegions: this.account.toJSON(),
    };
  }
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** The six random characters Secrets Manager appends to a secret ARN. */
export function arnSuffix(deterministicFrom?: string): string {
  const bytes = deterministicFrom ? createHash('sha256').update(deterministicFrom).digest() : randomBytes(6);
  let s = '';
  for (let i = 0; i < 6; i++) s += ALNUM[bytes[i] % ALNUM.length];
  return s;
}

/** A version-4-shaped UUID derived from a string, so seeded key IDs stay stable between runs. */
export function stableUuid(from: string): string {
  const h = createHash('sha256').update(from).digest('hex');
  const variant = ((parseInt(h[16], 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export function cloneSecrets(r: RegionState): VersionedMap<string, SecretRecord> {
  const copy = new VersionedMap<string, SecretRecord>();
  for (const [k, s] of r.secrets)
    copy.set(k, { ...s, tags: s.tags?.map((t) => ({ ...t })), replicas: s.replicas?.map((x) => ({ ...x })) });
  return copy;
}

export const toEpochSeconds = (ms: number): number => ms / 1000;

export const DAY_MS = 86_400_000;
