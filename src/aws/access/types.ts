// The shapes the access evaluator takes and returns. Inputs are plain data (what IAM, Secrets Manager and KMS
// report), outputs name the statements that decided, so the UI can say "via policy payments-abac".

import type { Tag } from '../types';

/** A single value or a list, as IAM policy JSON allows almost everywhere. */
export type OneOrMany<T> = T | readonly T[];

/** A policy document as written in JSON, before normalisation. */
export interface PolicyDocument {
  readonly Version?: string;
  readonly Id?: string;
  readonly Statement: OneOrMany<PolicyStatement>;
}

export type ConditionValue = string | number | boolean;

/** operator -> condition key -> value(s), e.g. `{ StringEquals: { 'aws:ResourceTag/Team': 'payments' } }`. */
export type ConditionBlock = Readonly<Record<string, Readonly<Record<string, OneOrMany<ConditionValue>>>>>;

export type PrincipalElement = '*' | Readonly<Record<string, OneOrMany<string>>>;

export interface PolicyStatement {
  readonly Sid?: string;
  readonly Effect: 'Allow' | 'Deny';
  readonly Action?: OneOrMany<string>;
  readonly NotAction?: OneOrMany<string>;
  readonly Resource?: OneOrMany<string>;
  readonly NotResource?: OneOrMany<string>;
  readonly Principal?: PrincipalElement;
  readonly NotPrincipal?: PrincipalElement;
  readonly Condition?: ConditionBlock;
}

/** Every list-or-value field as a list; what the parser returns and the compiler reads. */
export interface NormalizedPolicy {
  readonly version: string | undefined;
  readonly statements: readonly NormalizedStatement[];
}

export interface NormalizedStatement {
  readonly sid: string | undefined;
  readonly effect: 'Allow' | 'Deny';
  /** Exactly one of `actions` / `notActions` is set. */
  readonly actions?: readonly string[];
  readonly notActions?: readonly string[];
  /** Neither set means the statement names no resource: it applies to the resource it is attached to. */
  readonly resources?: readonly string[];
  readonly notResources?: readonly string[];
  readonly principals?: NormalizedPrincipals;
  readonly notPrincipals?: NormalizedPrincipals;
  /** operator -> key -> values as strings (IAM compares numbers and booleans by their text). */
  readonly conditions: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>;
}

/** `"*"` becomes `{ AWS: ['*'] }`; other principal types (Service, Federated, ...) keep their own lists. */
export type NormalizedPrincipals = Readonly<Record<string, readonly string[]>>;

export type IdentityPolicySource =
  { readonly kind: 'inline' } | { readonly kind: 'managed' } | { readonly kind: 'group'; readonly groupName: string };

export type PolicySource =
  | IdentityPolicySource
  | { readonly kind: 'permissionsBoundary' }
  | { readonly kind: 'resourcePolicy' }
  | { readonly kind: 'keyPolicy' };

export interface IdentityPolicy {
  /** What the UI shows: the inline policy's name or the managed policy's name. */
  readonly name: string;
  readonly source: IdentityPolicySource;
  readonly document: NormalizedPolicy;
}

export interface AccessPrincipal {
  readonly kind: 'role' | 'user';
  readonly name: string;
  /** The role or user ARN, path included. */
  readonly arn: string;
  /** RoleId / UserId from IAM; lets a policy that names the unique ID match, and gives a user's aws:userid. */
  readonly id?: string;
  readonly tags: readonly Tag[];
  /** Inline, attached managed and group policies alike. */
  readonly policies: readonly IdentityPolicy[];
  readonly permissionsBoundary?: { readonly name: string; readonly document: NormalizedPolicy };
  /**
   * Its sessions may carry session tags (IAM Identity Center roles, federation, a trust policy allowing
   * sts:TagSession), which override its own tags: aws:PrincipalTag is then not knowable here.
   */
  readonly sessionTags?: boolean;
}

interface ResourceBase {
  readonly arn: string;
  readonly accountId: string;
  readonly region: string;
  readonly tags: readonly Tag[];
}

export interface SecretAccessResource extends ResourceBase {
  readonly service: 'secretsmanager';
  readonly resourcePolicy?: NormalizedPolicy;
}

export interface KmsAccessResource extends ResourceBase {
  readonly service: 'kms';
  /** Every KMS key has one; without an allow in it nobody, not even IAM policies, can use the key. */
  readonly keyPolicy: NormalizedPolicy;
}

export type AccessResource = SecretAccessResource | KmsAccessResource;

/** One statement that decided, named so a person can find it. */
export interface StatementRef {
  readonly policy: string;
  readonly source: PolicySource;
  readonly effect: 'Allow' | 'Deny';
  readonly sid: string | undefined;
  /** Position in the policy's Statement list, from 0. */
  readonly index: number;
}

/**
 * `dependsOn`: the answer turns on request facts this tool cannot know (source IP, MFA, request tags, encryption
 * context...); `dependsOn` lists their condition keys. Never folded into allow or deny.
 */
export type AccessDecision = 'allow' | 'explicitDeny' | 'implicitDeny' | 'dependsOn';

export interface DecisionResult {
  readonly decision: AccessDecision;
  /** Condition keys the answer depends on, sorted; empty unless the decision is `dependsOn`. */
  readonly dependsOn: readonly string[];
  /** For allow: the granting statements; for explicitDeny: the denying ones; for dependsOn: the undecided ones. */
  readonly statements: readonly StatementRef[];
}

export interface AccessChange {
  readonly action: string;
  /** The statements that allowed on the side where access was allowed. */
  readonly via: readonly StatementRef[];
}

export interface UncertainChange {
  readonly action: string;
  readonly before: DecisionResult;
  readonly after: DecisionResult;
}

export interface PrincipalImpact {
  readonly principal: AccessPrincipal;
  readonly loses: readonly AccessChange[];
  readonly gains: readonly AccessChange[];
  readonly uncertain: readonly UncertainChange[];
}

export interface AccessImpact {
  /** Only principals with at least one change. */
  readonly principals: readonly PrincipalImpact[];
  readonly evaluated: { readonly roles: number; readonly users: number; readonly actions: number };
}
