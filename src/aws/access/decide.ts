// The decision for one principal, resource and action, after IAM "Policy evaluation logic" and "Determining whether
// a request is allowed or denied within an account", KMS "Key policies" and "Permissions boundaries":
// 1. An explicit Deny in any policy (identity, group, permissions boundary, resource or key policy) wins.
// 2. Same account, Secrets Manager: allowed if identity policies allow and the boundary (when set) allows, or if
//    the resource policy names the principal. Resource policies granting to a user ARN "are not limited by an
//    implicit deny in an identity-based policy or permissions boundary"; granting to a role ARN, they "are limited
//    by an implicit deny in a permissions boundary". A role is judged as its role ARN (a policy naming one session
//    is an open question), and a grant to "*" as a grant to that ARN.
// 3. Same account, KMS: the key policy must allow. Naming the principal works as in 2; naming the account (the
//    "enable IAM policies" statement) lets identity policies and boundary decide, and nothing else does.
// 4. Another account: identity policies (and boundary) and the resource or key policy must both allow.
// Not visible here: SCPs, RCPs and session policies, which can only take access away, and KMS grants, which add it.

import type { CompiledPrincipal, CompiledResource, LabelledStatement } from './compile';
import * as tri from './tri';
import { OpenKeys, type Tri } from './tri';
import type { DecisionResult, StatementRef } from './types';

const { NO, MAYBE, YES, and, or } = tri;

// Where a statement that applied stands; a bit each, so a decision names the groups it reads as one number.
const ID_ALLOW = 0;
const ID_DENY = 1;
const BOUNDARY_ALLOW = 2;
const BOUNDARY_DENY = 3;
const RESOURCE_DENY = 4;
const RESOURCE_NAMES_PRINCIPAL = 5;
const RESOURCE_NAMES_ACCOUNT = 6;
const bit = (category: number) => 1 << category;
const DENIES = bit(ID_DENY) | bit(BOUNDARY_DENY) | bit(RESOURCE_DENY);

const NONE: readonly never[] = [];
const IMPLICIT_DENY: DecisionResult = Object.freeze({ decision: 'implicitDeny', dependsOn: NONE, statements: NONE });

/** `action` lower-cased. */
export function decide(compiled: CompiledPrincipal, target: CompiledResource, action: string): DecisionResult {
  return decideWith(
    compiled,
    target,
    compiled.identity.forAction(action).statements,
    compiled.boundary?.forAction(action).statements ?? NONE,
    target.policy.forAction(action).statements,
  );
}

/** The same, given the statements that name the action (so a caller that already has them looks them up once). */
export function decideWith(
  compiled: CompiledPrincipal,
  target: CompiledResource,
  identity: readonly LabelledStatement[],
  boundary: readonly LabelledStatement[],
  resourceStatements: readonly LabelledStatement[],
): DecisionResult {
  // Only identity and resource policies grant; without either, nothing can allow.
  if (identity.length === 0 && resourceStatements.length === 0) return IMPLICIT_DENY;
  tally.reset(compiled, target);
  for (const labelled of identity) tally.identityStatement(labelled, ID_DENY, ID_ALLOW);
  for (const labelled of boundary) tally.identityStatement(labelled, BOUNDARY_DENY, BOUNDARY_ALLOW);
  for (const labelled of resourceStatements) tally.resourceStatement(labelled);
  return tally.result();
}

/**
 * The statements that applied to one decision, with their outcome and what an open one depends on. One instance
 * serves every decision (none runs inside another), so a bulk check allocates only for what it returns.
 */
class Tally {
  private compiled!: CompiledPrincipal;
  private target!: CompiledResource;
  private readonly outcomes: Tri[] = [NO, NO, NO, NO, NO, NO, NO];
  private hits = 0;
  private readonly categories: number[] = [];
  private readonly refs: StatementRef[] = [];
  private readonly hitOutcomes: Tri[] = [];
  /** Unknown keys of all open hits, back to back: hit i's run from keyStarts[i] to keyStarts[i + 1]. */
  private readonly keys = new OpenKeys();
  private readonly keyStarts: number[] = [0];

  reset(compiled: CompiledPrincipal, target: CompiledResource): void {
    this.compiled = compiled;
    this.target = target;
    this.outcomes.fill(NO);
    this.hits = 0;
    this.keys.cut(0);
  }

  identityStatement(labelled: LabelledStatement, deny: number, allow: number): void {
    const outcome = labelled.statement.appliesTo(this.compiled.facts, this.target.facts, this.keys);
    this.record(labelled.statement.deny ? deny : allow, labelled.ref, outcome);
  }

  resourceStatement(labelled: LabelledStatement): void {
    const { statement, ref } = labelled;
    const principal = this.compiled.facts;
    const applies = statement.appliesTo(principal, this.target.facts, this.keys);
    if (applies === NO) return this.record(RESOURCE_DENY, ref, NO);
    const account = statement.namesAccount(principal);
    const named = statement.namesPrincipal(principal, this.keys);
    // A Deny naming the account covers every principal in it.
    if (statement.deny) return this.record(RESOURCE_DENY, ref, and(applies, account ? YES : named));
    const direct = and(applies, named);
    if (account && direct === NO) return this.record(RESOURCE_NAMES_ACCOUNT, ref, applies);
    this.record(RESOURCE_NAMES_PRINCIPAL, ref, direct);
    // Naming both the principal and its account is rare; the direct hit then carries the unknown keys for both.
    if (account) this.record(RESOURCE_NAMES_ACCOUNT, ref, applies);
  }

  /** Keys pushed since the last record belong to this hit; a settled hit drops them. */
  private record(category: number, ref: StatementRef, outcome: Tri): void {
    const hit = this.hits;
    if (outcome !== MAYBE) this.keys.cut(this.keyStarts[hit]);
    if (outcome === NO) return;
    this.outcomes[category] = or(this.outcomes[category], outcome);
    this.categories[hit] = category;
    this.refs[hit] = ref;
    this.hitOutcomes[hit] = outcome;
    this.keyStarts[hit + 1] = this.keys.size;
    this.hits = hit + 1;
  }

  result(): DecisionResult {
    const o = this.outcomes;
    const deny = or(or(o[ID_DENY], o[BOUNDARY_DENY]), o[RESOURCE_DENY]);
    if (deny === YES) return this.answer('explicitDeny', DENIES, YES);
    const { principal } = this.compiled;
    const boundary = principal.permissionsBoundary ? o[BOUNDARY_ALLOW] : YES;
    const kms = this.target.facts.service === 'kms';
    const ownAccount = this.compiled.facts.account === this.target.facts.account;
    let identityPath = and(o[ID_ALLOW], boundary);
    let directPath =
      principal.kind === 'user' ? o[RESOURCE_NAMES_PRINCIPAL] : and(o[RESOURCE_NAMES_PRINCIPAL], boundary);
    let identityGroups = bit(ID_ALLOW) | bit(BOUNDARY_ALLOW);
    if (!ownAccount) {
      identityPath = and(identityPath, or(o[RESOURCE_NAMES_PRINCIPAL], o[RESOURCE_NAMES_ACCOUNT]));
      directPath = NO;
      identityGroups |= bit(RESOURCE_NAMES_PRINCIPAL) | bit(RESOURCE_NAMES_ACCOUNT);
    } else if (kms) {
      identityPath = and(identityPath, o[RESOURCE_NAMES_ACCOUNT]);
      identityGroups |= bit(RESOURCE_NAMES_ACCOUNT);
    }
    const allow = or(identityPath, directPath);
    if (allow === NO) return IMPLICIT_DENY;
    let granting = identityPath === allow ? identityGroups : 0;
    if (directPath === allow) granting |= bit(RESOURCE_NAMES_PRINCIPAL);
    if (directPath === allow && principal.kind === 'role') granting |= bit(BOUNDARY_ALLOW);
    if (allow === YES && deny === NO) return this.answer('allow', granting, YES);
    return this.answer('dependsOn', DENIES | granting, undefined);
  }

  /** The hits in the given groups (with the given outcome, or any), as the decision's statements. */
  private answer(decision: DecisionResult['decision'], groups: number, outcome: Tri | undefined): DecisionResult {
    const statements: StatementRef[] = [];
    const unknownKeys: string[] = [];
    for (let i = 0; i < this.hits; i++) {
      const category = this.categories[i];
      const hitOutcome = this.hitOutcomes[i];
      if ((groups & bit(category)) === 0 || (outcome !== undefined && hitOutcome !== outcome)) continue;
      // Boundary allows are a ceiling, not a grant: name them only while they are what is open.
      if (category === BOUNDARY_ALLOW && hitOutcome === YES) continue;
      if (!statements.includes(this.refs[i])) statements.push(this.refs[i]);
      for (let k = this.keyStarts[i]; k < this.keyStarts[i + 1]; k++) {
        const key = this.keys.at(k);
        if (!unknownKeys.includes(key)) unknownKeys.push(key);
      }
    }
    const dependsOn = decision === 'dependsOn' ? unknownKeys.sort() : NONE;
    return { decision, dependsOn, statements };
  }
}

const tally = new Tally();
