// The project's own small types: the tree, the commands and the benchmark use these, never SDK shapes.

import type { IdentityCenterSource } from './ssoSessions';

export interface Tag {
  readonly key: string;
  readonly value: string;
}

/** One profile/region pair. `profile` undefined means the SDK's default credential chain. */
export interface Scope {
  /**
   * The profile, or for an Identity Center scope its label (`SESSION/ACCOUNT/ROLE`, see identityCenterLabel), which
   * keys the history, the listing cache and the tree's ids like a profile name but is never given to the SDK.
   */
  readonly profile: string | undefined;
  readonly region: string;
  /** Set when the credentials come from an Identity Center account and role picked without a profile. */
  readonly identityCenter?: IdentityCenterSource;
}

export type ResourceKind = 'secret' | 'kmsKey';

interface ResourceBase {
  readonly kind: ResourceKind;
  readonly arn: string;
  /** What the tree shows as the label. */
  readonly name: string;
  readonly region: string;
  readonly description?: string;
  /** Undefined while not yet read (KMS keys list before their tags arrive). */
  readonly tags: readonly Tag[] | undefined;
}

export interface SecretResource extends ResourceBase {
  readonly kind: 'secret';
  readonly lastChangedDate?: Date;
  /** Set when the secret is scheduled for deletion. */
  readonly deletedDate?: Date;
  /** Set when another AWS service (RDS, AppRunner...) manages the secret. */
  readonly owningService?: string;
  /** The primary's Region, on a replicated secret (primary and replicas alike). */
  readonly primaryRegion?: string;
  /** A primary's replica Regions; DescribeSecret says, ListSecrets does not. */
  readonly replicaRegions?: readonly string[];
}

export type KeyManager = 'AWS' | 'CUSTOMER';

export interface KmsKeyResource extends ResourceBase {
  readonly kind: 'kmsKey';
  readonly keyId: string;
  readonly aliases: readonly string[];
  /** Undefined until DescribeKey has answered. */
  readonly keyManager?: KeyManager;
  readonly keyState?: string;
  readonly keySpec?: string;
  readonly deletionDate?: Date;
}

export type AwsResource = SecretResource | KmsKeyResource;

export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export const silentLogger: Logger = { info() {}, warn() {}, error() {} };
