// What the evaluator knows of a request, and what it does not. Facts about the principal and the resource (tags,
// ARNs, accounts) are certain; facts about the call itself (source IP, MFA, request tags, encryption context,
// calling service) are not, and read as UNKNOWN so that a condition on them yields "maybe", never a guess.

import type { AccessPrincipal, AccessResource } from './types';
import type { Tag } from '../types';

export const UNKNOWN: unique symbol = Symbol('unknown');
/** A context key's value: present (string), absent (undefined), or not knowable here. */
export type Unknown = typeof UNKNOWN;
export type ContextValue = string | undefined | Unknown;

export interface PrincipalFacts {
  readonly kind: 'role' | 'user';
  readonly arn: string;
  readonly account: string;
  readonly name: string;
  readonly id: string | undefined;
  readonly hasBoundary: boolean;
  /** "account/roleName" for a role, as session principals name it; undefined for a user. */
  readonly sessionOwner: string | undefined;
  /** Lower-cased tag key -> value. */
  readonly tags: ReadonlyMap<string, string | typeof UNKNOWN>;
  readonly sessionTags: boolean;
}

export interface ResourceFacts {
  readonly service: AccessResource['service'];
  readonly arn: string;
  readonly account: string;
  readonly region: string;
  readonly tags: ReadonlyMap<string, string | typeof UNKNOWN>;
}

export type KeyReader = (principal: PrincipalFacts, resource: ResourceFacts) => ContextValue;

export interface ContextKey {
  readonly read: KeyReader;
  /** Lower-cased tag key when the value comes from the resource's tags: what a tag change can affect. */
  readonly resourceTagKey?: string;
}

export function principalFacts(principal: AccessPrincipal): PrincipalFacts {
  const account = principal.arn.split(':')[4] ?? '';
  return {
    kind: principal.kind,
    arn: principal.arn,
    account,
    name: principal.name,
    id: principal.id,
    hasBoundary: principal.permissionsBoundary !== undefined,
    sessionOwner: principal.kind === 'role' ? `${account}/${principal.name}` : undefined,
    tags: tagMap(principal.tags),
    sessionTags: principal.sessionTags === true,
  };
}

export function resourceFacts(resource: AccessResource): ResourceFacts {
  const { service, arn, accountId: account, region } = resource;
  return { service, arn, account, region, tags: tagMap(resource.tags) };
}

/**
 * Condition key names are case-insensitive, tag keys in them included ("Key names are case-insensitive", IAM
 * "Variables and tags"). Two tags that differ only in case would make the lookup ambiguous: that key is UNKNOWN.
 */
export function tagMap(tags: readonly Tag[]): Map<string, string | typeof UNKNOWN> {
  const map = new Map<string, string | typeof UNKNOWN>();
  for (const { key, value } of tags) {
    const lower = key.toLowerCase();
    const seen = map.get(lower);
    map.set(lower, seen === undefined || seen === value ? value : UNKNOWN);
  }
  return map;
}

const unknown: KeyReader = () => UNKNOWN;

/** Keys whose value is certain for an IAM role or user calling Secrets Manager or KMS directly. */
const KNOWN: Readonly<Record<string, KeyReader>> = {
  'aws:principalarn': (p) => p.arn,
  'aws:principalaccount': (p) => p.account,
  // A role acts through a session of itself; IAM's table of principal key values gives AssumedRole for those.
  'aws:principaltype': (p) => (p.kind === 'role' ? 'AssumedRole' : 'User'),
  // "aws:username ... (not present)" for assumed roles, per the same table.
  'aws:username': (p) => (p.kind === 'user' ? p.name : undefined),
  // A role session's aws:userid is "role-id:session-name", and the session name is the caller's choice.
  'aws:userid': (p) => (p.kind === 'user' && p.id !== undefined ? p.id : UNKNOWN),
  'aws:principalisawsservice': () => 'false',
  // Both services answer over TLS only (the KMS API reference: "All KMS API calls must be signed and be transmitted
  // using Transport Layer Security"; Secrets Manager's endpoints are HTTPS): a Deny on plain HTTP never applies.
  'aws:securetransport': () => 'true',
  'aws:resourceaccount': (_p, r) => r.account,
  'aws:requestedregion': (_p, r) => r.region,
  'kms:calleraccount': (p, r) => (r.service === 'kms' ? p.account : undefined),
};

/** Compiles a condition key (or a policy variable's key) to a reader of its value. */
export function contextKey(name: string): ContextKey {
  const lower = name.toLowerCase();
  const known = KNOWN[lower];
  if (known) return { read: known };
  const slash = lower.indexOf('/');
  if (slash > 0) {
    const prefix = lower.slice(0, slash);
    const tagKey = lower.slice(slash + 1);
    if (prefix === 'aws:resourcetag') return { read: (_p, r) => r.tags.get(tagKey), resourceTagKey: tagKey };
    if (prefix === 'secretsmanager:resourcetag') {
      return {
        read: (_p, r) => (r.service === 'secretsmanager' ? r.tags.get(tagKey) : undefined),
        resourceTagKey: tagKey,
      };
    }
    // Session tags override a role's own tags ("Pass session tags in AWS STS"): where sessions may carry them, the
    // value is not knowable here.
    if (prefix === 'aws:principaltag') return { read: (p) => (p.sessionTags ? UNKNOWN : p.tags.get(tagKey)) };
  }
  const colon = lower.indexOf(':');
  const service = lower.slice(0, colon);
  if (colon < 0 || service === 'aws') return { read: unknown };
  // "Condition context keys may not be present ... when you are using service specific condition context keys in
  // requests to resources that do not support that condition key" (IAM "Variables and tags"): a kms: key is absent
  // from a Secrets Manager request and the other way round. Unknown keys of the resource's own service stay unknown.
  return { read: (_p, r) => (r.service === service ? UNKNOWN : undefined) };
}
