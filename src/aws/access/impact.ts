// Who gains or loses access when a resource's tags change: every principal's decision for every action that matters,
// before and after, compared. When none of the statements naming an action (the principal's, its boundary's, the
// resource policy's) reads a changed tag key, that decision cannot change and is not evaluated: that, and looking up
// each principal's statements for an action once for both sides, is what keeps a thousand roles against a bulk of
// resources fast.

import { actionsFor } from './actions';
import { compileResource, type ActionSlice, type CompiledPrincipal, type CompiledResource } from './compile';
import { decideWith } from './decide';
import type {
  AccessChange,
  AccessImpact,
  AccessResource,
  DecisionResult,
  PrincipalImpact,
  UncertainChange,
} from './types';

const NO_STATEMENTS: ActionSlice = { statements: [], resourceTagKeys: new Set() };
const LOWER_CASE = {
  secretsmanager: actionsFor('secretsmanager').map((action) => action.toLowerCase()),
  kms: actionsFor('kms').map((action) => action.toLowerCase()),
};

export function accessImpact(
  principals: readonly CompiledPrincipal[],
  resourceBefore: AccessResource,
  resourceAfter: AccessResource,
): AccessImpact {
  if (resourceBefore.service !== resourceAfter.service || resourceBefore.arn !== resourceAfter.arn) {
    throw new Error('accessImpact compares one resource before and after a change, not two resources');
  }
  const before = compileResource(resourceBefore);
  const after = compileResource(resourceAfter);
  const actions = actionsFor(resourceAfter.service);
  const lowered = LOWER_CASE[resourceAfter.service];
  const changed = changedTagKeys(before, after);
  // A changed policy, account or region can change anything; a tag change only what reads that tag.
  const everything =
    before.policyDocument !== after.policyDocument ||
    before.facts.account !== after.facts.account ||
    before.facts.region !== after.facts.region;
  const beforeSlices = before.policy.forActions(lowered);
  const afterSlices = after.policy.forActions(lowered);
  const resourceReads = lowered.map(
    (_, i) =>
      everything ||
      readsAny(beforeSlices[i].resourceTagKeys, changed) ||
      readsAny(afterSlices[i].resourceTagKeys, changed),
  );
  const resourceReadsAny = resourceReads.includes(true);

  const impacts: PrincipalImpact[] = [];
  let roles = 0;
  let users = 0;
  for (const compiled of principals) {
    if (compiled.principal.kind === 'role') roles++;
    else users++;
    const { boundary } = compiled;
    const principalReads =
      readsAny(compiled.identity.resourceTagKeys, changed) ||
      (boundary !== undefined && readsAny(boundary.resourceTagKeys, changed));
    if (!resourceReadsAny && !principalReads) continue;
    const identitySlices = compiled.identity.forActions(lowered);
    const boundarySlices = boundary?.forActions(lowered);
    const loses: AccessChange[] = [];
    const gains: AccessChange[] = [];
    const uncertain: UncertainChange[] = [];
    for (let i = 0; i < actions.length; i++) {
      const identity = identitySlices[i];
      const bounds = boundarySlices ? boundarySlices[i] : NO_STATEMENTS;
      const reads =
        resourceReads[i] ||
        (principalReads && (readsAny(identity.resourceTagKeys, changed) || readsAny(bounds.resourceTagKeys, changed)));
      if (!reads) continue;
      const was = decideWith(compiled, before, identity.statements, bounds.statements, beforeSlices[i].statements);
      const now = decideWith(compiled, after, identity.statements, bounds.statements, afterSlices[i].statements);
      if (sameAnswer(was, now)) continue;
      const action = actions[i];
      const open = was.decision === 'dependsOn' || now.decision === 'dependsOn';
      if (open) uncertain.push({ action, before: was, after: now });
      else if (was.decision === 'allow') loses.push({ action, via: was.statements });
      else if (now.decision === 'allow') gains.push({ action, via: now.statements });
      // explicitDeny <-> implicitDeny: no access either way.
    }
    if (loses.length + gains.length + uncertain.length > 0) {
      impacts.push({ principal: compiled.principal, loses, gains, uncertain });
    }
  }
  return { principals: impacts, evaluated: { roles, users, actions: actions.length } };
}

/** Lower-cased tag keys whose value (or presence) differs. */
function changedTagKeys(before: CompiledResource, after: CompiledResource): Set<string> {
  const changed = new Set<string>();
  for (const [key, value] of before.facts.tags) if (after.facts.tags.get(key) !== value) changed.add(key);
  for (const key of after.facts.tags.keys()) if (!before.facts.tags.has(key)) changed.add(key);
  return changed;
}

function readsAny(keys: ReadonlySet<string>, changed: ReadonlySet<string>): boolean {
  if (keys.size === 0) return false;
  for (const key of changed) if (keys.has(key)) return true;
  return false;
}

/** Two allows (or two denies) by different statements are the same access; two open answers must match fully. */
function sameAnswer(a: DecisionResult, b: DecisionResult): boolean {
  if (a.decision !== b.decision) return false;
  if (a.decision !== 'dependsOn') return true;
  return (
    a.dependsOn.length === b.dependsOn.length &&
    a.dependsOn.every((key, i) => key === b.dependsOn[i]) &&
    a.statements.length === b.statements.length &&
    a.statements.every((ref, i) => ref.policy === b.statements[i].policy && ref.index === b.statements[i].index)
  );
}
