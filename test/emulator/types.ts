// Shapes shared by the emulator's modules and its users (tests, benchmark, demo scripts).

export type ServiceName = 'secretsmanager' | 'kms' | 'sts' | 'iam' | 'tagging' | 'account' | 'sso';

export interface Credential {
  accessKeyId: string;
  secretAccessKey: string;
  /** When set, requests must carry this exact `x-amz-security-token`. */
  sessionToken?: string;
  /** Principal named in AccessDenied messages and returned by GetCallerIdentity. */
  arn?: string;
  /** Account GetCallerIdentity reports; the emulator's own when absent. */
  accountId?: string;
}

export const DEFAULT_CREDENTIAL: Credential = {
  accessKeyId: 'AKIAEMULATORTESTKEY1',
  secretAccessKey: 'emulator/test/secret/access/key/000000000000',
};

export const DEFAULT_ACCOUNT_ID = '123456789012';

/** Tags in a seed: a plain map for brevity, or the list form of either service. */
export type SeedTags =
  Record<string, string> | Array<{ Key: string; Value: string }> | Array<{ TagKey: string; TagValue: string }>;

export interface SeedSecret {
  name: string;
  description?: string;
  /** Absent: never tagged (no `Tags` key). `[]` or `{}`: tagged once, all removed (`Tags: []`). */
  tags?: SeedTags;
  deleted?: boolean;
  recoveryWindowInDays?: number;
  owningService?: string;
  primaryRegion?: string;
  /** Regions to replicate this secret to, as ReplicateSecretToRegions would. */
  replicaRegions?: string[];
  kmsKeyId?: string;
  policy?: string | object;
  secretString?: string;
  createdDaysAgo?: number;
  lastChangedDaysAgo?: number;
  lastAccessedDaysAgo?: number;
  /** Six characters AWS appends to the ARN; derived from the name when absent. */
  arnSuffix?: string;
}

export type KeyState = 'Enabled' | 'Disabled' | 'PendingDeletion' | 'PendingImport' | 'Unavailable';

export interface SeedKey {
  id?: string;
  description?: string;
  aliases?: string[];
  /** Absent: never tagged. `[]` or `{}`: tagged once, all removed (the Tagging API still lists it). */
  tags?: SeedTags;
  state?: KeyState;
  manager?: 'CUSTOMER' | 'AWS';
  keySpec?: string;
  keyUsage?: string;
  policy?: string | object;
  createdDaysAgo?: number;
  pendingWindowInDays?: number;
  multiRegion?: boolean;
}

export interface SeedRegion {
  secrets?: SeedSecret[];
  keys?: SeedKey[];
}

/** A policy document: JSON text, or an object that is written as JSON. */
export type SeedPolicyDocument = string | object;

export interface SeedIamPolicy {
  /** A customer managed policy, `arn:aws:iam::ACCOUNT:policy/PATHNAME`. */
  name: string;
  path?: string;
  description?: string;
  document: SeedPolicyDocument;
  createdDaysAgo?: number;
}

export interface SeedIamGroup {
  name: string;
  path?: string;
  /** Inline policies by name. */
  inlinePolicies?: Record<string, SeedPolicyDocument>;
  /** Managed policies by ARN, or by name: a policy of this seed first, then an AWS managed one. */
  attachedPolicies?: string[];
  createdDaysAgo?: number;
}

export interface SeedIamUser extends SeedIamGroup {
  /** Managed policy (ARN or name, as in attachedPolicies) that bounds the principal's permissions. */
  permissionsBoundary?: string;
  tags?: SeedTags;
  groups?: string[];
}

export interface SeedIamRole extends Omit<SeedIamUser, 'groups'> {
  /** The trust policy; default: the account's root may assume the role. */
  assumeRolePolicy?: SeedPolicyDocument;
  description?: string;
}

/** IAM is global: one set of users, groups, roles and policies per account. */
export interface SeedIam {
  users?: SeedIamUser[];
  groups?: SeedIamGroup[];
  roles?: SeedIamRole[];
  policies?: SeedIamPolicy[];
}

export interface SeedSsoToken {
  /** What `x-amz-sso_bearer_token` carries, as `aws sso login` caches it. */
  accessToken: string;
  /** Minutes until the token expires (default 480); negative: already expired. */
  expiresInMinutes?: number;
  /** The user, named as the session of the role credentials (default `emulator-user`). */
  userName?: string;
}

export interface SeedSsoAccount {
  accountId: string;
  accountName: string;
  emailAddress?: string;
  /** Permission sets assigned to the user in this account, as the portal names the roles. */
  roles: string[];
}

/** The IAM Identity Center access portal: one user, its tokens, and the accounts and roles assigned to it. */
export interface SeedSso {
  tokens?: SeedSsoToken[];
  accounts?: SeedSsoAccount[];
}

export type RegionOptStatus = 'ENABLED' | 'ENABLING' | 'DISABLING' | 'DISABLED' | 'ENABLED_BY_DEFAULT';

export interface SeedAccount {
  /** Opt-in statuses laid over the default list (the commercial Regions, opt-in ones DISABLED). */
  regions?: Record<string, RegionOptStatus>;
}

export interface Seed {
  accountId?: string;
  regions: Record<string, SeedRegion>;
  iam?: SeedIam;
  sso?: SeedSso;
  account?: SeedAccount;
}

export type FaultAction = 'error' | 'reset' | 'hang';

/**
 * `before` (default): the request fails and AWS's state is untouched. `after`: AWS applies the operation, then the
 * answer is lost (reset, 500, or a hang past the client's timeout), as a flaky network or a proxy timeout does.
 */
export type FaultTiming = 'before' | 'after';

export interface FaultRule {
  service?: ServiceName;
  when?: FaultTiming;
  /** Operation name as in X-Amz-Target, e.g. `UntagResource`. */
  operation?: string;
  region?: string;
  /** Substring of the SecretId / KeyId / Name the request carries. */
  resource?: string;
  /** Only requests whose TagKeys include this key. */
  tagKey?: string;
  action?: FaultAction;
  /** Error name; 500 faults are translated to the service's own name. Default: the service's 500 fault. */
  error?: string;
  message?: string;
  status?: number;
  /** How long `hang` holds the request before dropping the connection (default 30000). */
  hangMs?: number;
  /** Number of requests the rule applies to; unlimited when absent. */
  times?: number;
  /** Chance (0..1) that a matching request is affected. */
  probability?: number;
}

export interface FaultEntry extends FaultRule {
  id: string;
  hits: number;
}

export interface CallRecord {
  /** `<service>.<Operation>`, e.g. `secretsmanager.UntagResource` or `kms.UntagResource`. */
  op: string;
  service: ServiceName | 'unknown';
  operation: string;
  region: string;
  /** SecretId, KeyId, Name or AliasName exactly as the request gave it. */
  resource?: string;
  /** UntagResource's TagKeys, or the keys of the Tags a TagResource / CreateSecret / CreateKey sends. */
  tagKeys?: string[];
  /** ListSecrets' Filters as sent, so a test can see what was filtered on the server. */
  filters?: unknown[];
  /** `ok`, an error name, `reset` or `hang`. */
  outcome: string;
  /** True when the operation was applied although its answer was lost (a fault with `when: 'after'`). */
  appliedThenLost?: boolean;
  /** HTTP status; 0 when the connection was dropped. */
  status: number;
  accessKeyId?: string;
  requestId: string;
  time: number;
  /** From arrival to the answer (or the dropped connection), configured latency and fault hangs included. */
  durationMs: number;
  /**
   * The emulator's own work, in fractional milliseconds: from the request's body received to the answer handed to
   * the socket, without the configured latency, fault hangs and the socket write itself (see `ProcessingClock`).
   */
  processingMs: number;
}

export interface LatencySettings {
  ms: number;
  jitterMs?: number;
  /** Keyed by `Operation` or `service.Operation`. */
  perOperation?: Record<string, { ms: number; jitterMs?: number }>;
}

/** Requests per second, keyed by `service.Operation` or a group name such as `secretsmanager.TagResource+UntagResource`. */
export type QuotaOverrides = Record<string, number>;
