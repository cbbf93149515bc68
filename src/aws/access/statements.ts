// One policy statement, compiled: its actions, resources, principals and conditions turned into matchers once, so
// that evaluating a thousand roles against hundreds of resources only runs the matchers.

import { compileConditions, type CompiledCondition } from './conditions';
import { CompiledPrincipals, SESSION_KEY } from './principalElement';
import type { PrincipalFacts, ResourceFacts } from './requestContext';
import { Template } from './template';
import * as tri from './tri';
import type { OpenKeys, Tri } from './tri';
import type { NormalizedPolicy, NormalizedStatement } from './types';

const { NO, MAYBE, YES, and, not } = tri;

export class CompiledStatement {
  readonly sid: string | undefined;
  readonly deny: boolean;
  /** Lower-cased resource tag keys the statement reads; a change to other tags cannot change its answer. */
  readonly resourceTagKeys: readonly string[];
  private readonly actions: readonly Template[];
  private readonly notAction: boolean;
  /** Undefined: the statement names no resource and so applies to the one it is attached to. */
  private readonly resources: readonly Template[] | undefined;
  private readonly notResource: boolean;
  private readonly principals: CompiledPrincipals | undefined;
  private readonly notPrincipals: CompiledPrincipals | undefined;
  private readonly conditions: readonly CompiledCondition[];

  constructor(
    statement: NormalizedStatement,
    readonly index: number,
    variables: boolean,
  ) {
    this.sid = statement.sid;
    this.deny = statement.effect === 'Deny';
    this.actions = (statement.actions ?? statement.notActions ?? []).map((action) => new Template(action, false));
    this.notAction = statement.notActions !== undefined;
    this.resources = (statement.resources ?? statement.notResources)?.map(
      (resource) => new Template(resource, variables),
    );
    this.notResource = statement.notResources !== undefined;
    this.principals = statement.principals && new CompiledPrincipals(statement.principals);
    this.notPrincipals = statement.notPrincipals && new CompiledPrincipals(statement.notPrincipals);
    this.conditions = compileConditions(statement.conditions, variables);
    this.resourceTagKeys = [
      ...(this.resources ?? []).flatMap((template) => template.resourceTagKeys),
      ...this.conditions.flatMap((condition) => condition.resourceTagKeys),
    ];
  }

  /** Action names are case-insensitive and take `*` and `?` (IAM "Action"); no variables there. */
  matchesAction(action: string): boolean {
    const named = this.actions.some((pattern) => pattern.match(action, 'globIgnoreCase') === YES);
    return named !== this.notAction;
  }

  /**
   * Resource and Condition together: does the statement apply to this request, its action already matched? Adds
   * what a "maybe" depends on to `unknownKeys`.
   */
  appliesTo(principal: PrincipalFacts, resource: ResourceFacts, unknownKeys: OpenKeys): Tri {
    let target = YES;
    if (this.resources) {
      const mark = unknownKeys.size;
      target = NO;
      for (const pattern of this.resources) {
        const outcome = pattern.matchesAll ? YES : pattern.match(resource.arn, 'glob', principal, resource);
        if (outcome === YES) {
          target = YES;
          break;
        }
        if (outcome === MAYBE) {
          target = MAYBE;
          unknownKeys.addAll(pattern.variableNames);
        }
      }
      if (this.notResource) target = not(target);
      if (target !== MAYBE) unknownKeys.cut(mark);
    }
    for (const condition of this.conditions) {
      if (target === NO) return NO;
      const mark = unknownKeys.size;
      const outcome = condition.evaluate(principal, resource, unknownKeys);
      if (outcome !== MAYBE) unknownKeys.cut(mark);
      target = and(target, outcome);
    }
    return target;
  }

  /**
   * For a resource policy statement: does it grant or deny to this principal itself? A statement without Principal
   * or NotPrincipal (an identity policy's) names the principal it is attached to.
   */
  namesPrincipal(principal: PrincipalFacts, unknownKeys: OpenKeys): Tri {
    let named = YES;
    if (this.principals) named = this.principals.namesDirectly(principal);
    else if (this.notPrincipals) named = this.notPrincipals.notPrincipalApplies(principal, this.deny);
    if (named === MAYBE) unknownKeys.add(SESSION_KEY);
    return named;
  }

  /** For a resource policy statement: does it name the principal's account (delegating to IAM policies)? */
  namesAccount(principal: PrincipalFacts): boolean {
    return this.principals !== undefined && this.principals.namesAccount(principal);
  }
}

const compiledPolicies = new WeakMap<NormalizedPolicy, readonly CompiledStatement[]>();

/** Compiles a policy's statements, once per document object (a managed policy shared by many roles included). */
export function compilePolicy(policy: NormalizedPolicy): readonly CompiledStatement[] {
  let compiled = compiledPolicies.get(policy);
  if (!compiled) {
    // "Policy variables ... only work with Version 2012-10-17"; older documents read `${...}` literally.
    const variables = policy.version === '2012-10-17';
    compiled = policy.statements.map((statement, index) => new CompiledStatement(statement, index, variables));
    compiledPolicies.set(policy, compiled);
  }
  return compiled;
}
