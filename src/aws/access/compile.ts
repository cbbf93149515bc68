// Principals and resources turned into what the decision needs: their request facts, and their statements grouped
// by action, so one decision walks only the few statements that name that action.

import { principalFacts, resourceFacts, type PrincipalFacts, type ResourceFacts } from './requestContext';
import { compilePolicy, type CompiledStatement } from './statements';
import type { AccessPrincipal, AccessResource, NormalizedPolicy, PolicySource, StatementRef } from './types';

/** A statement together with how the UI names it (policy name and source, Sid or position). */
export interface LabelledStatement {
  readonly statement: CompiledStatement;
  readonly ref: StatementRef;
}

export interface ActionSlice {
  readonly statements: readonly LabelledStatement[];
  /** Lower-cased resource tag keys these statements read. */
  readonly resourceTagKeys: ReadonlySet<string>;
}

/** A principal's or resource's statements, filtered by action on first use and kept. */
export class StatementIndex {
  /** Lower-cased resource tag keys any of the statements read. */
  readonly resourceTagKeys: ReadonlySet<string>;
  private readonly byAction = new Map<string, ActionSlice>();
  private readonly byList = new Map<readonly string[], readonly ActionSlice[]>();

  constructor(private readonly all: readonly LabelledStatement[]) {
    this.resourceTagKeys = new Set(all.flatMap((labelled) => labelled.statement.resourceTagKeys));
  }

  /** `forAction` for each of a fixed list of actions, kept per list: a bulk check asks for the same list often. */
  forActions(actions: readonly string[]): readonly ActionSlice[] {
    let slices = this.byList.get(actions);
    if (!slices) {
      slices = actions.map((action) => this.forAction(action));
      this.byList.set(actions, slices);
    }
    return slices;
  }

  /** The statements naming `action` (lower-cased), and the resource tag keys they read. */
  forAction(action: string): ActionSlice {
    let slice = this.byAction.get(action);
    if (!slice) {
      const statements = this.all.filter((labelled) => labelled.statement.matchesAction(action));
      slice = { statements, resourceTagKeys: new Set(statements.flatMap((l) => l.statement.resourceTagKeys)) };
      this.byAction.set(action, slice);
    }
    return slice;
  }
}

export interface CompiledPrincipal {
  readonly principal: AccessPrincipal;
  readonly facts: PrincipalFacts;
  readonly identity: StatementIndex;
  readonly boundary: StatementIndex | undefined;
}

export interface CompiledResource {
  readonly resource: AccessResource;
  readonly facts: ResourceFacts;
  readonly policy: StatementIndex;
  readonly policyDocument: NormalizedPolicy | undefined;
}

/** Compile each principal once and reuse it for every resource. */
export function compilePrincipal(principal: AccessPrincipal): CompiledPrincipal {
  const identity = new StatementIndex(
    principal.policies.flatMap((policy) => label(policy.document, policy.name, policy.source)),
  );
  const bound = principal.permissionsBoundary;
  const boundary = bound && new StatementIndex(label(bound.document, bound.name, { kind: 'permissionsBoundary' }));
  return { principal, facts: principalFacts(principal), identity, boundary };
}

const compiledResources = new WeakMap<AccessResource, CompiledResource>();

export function compileResource(resource: AccessResource): CompiledResource {
  let compiled = compiledResources.get(resource);
  if (!compiled) {
    const document = resource.service === 'kms' ? resource.keyPolicy : resource.resourcePolicy;
    const name = resource.service === 'kms' ? 'key policy' : 'resource policy';
    const source: PolicySource = { kind: resource.service === 'kms' ? 'keyPolicy' : 'resourcePolicy' };
    const policy = new StatementIndex(document ? label(document, name, source) : []);
    compiled = { resource, facts: resourceFacts(resource), policy, policyDocument: document };
    compiledResources.set(resource, compiled);
  }
  return compiled;
}

function label(document: NormalizedPolicy, policy: string, source: PolicySource): LabelledStatement[] {
  return compilePolicy(document).map((statement) => ({
    statement,
    ref: { policy, source, effect: statement.deny ? 'Deny' : 'Allow', sid: statement.sid, index: statement.index },
  }));
}
