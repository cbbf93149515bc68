// Access impact: which IAM roles and users gain or lose access to a secret or KMS key when its tags change.
// Written here rather than taken from a library: the complete simulator (@cloud-copilot/iam-simulate) is AGPL, and
// the MIT one (pbac) gets documented cases wrong (no ArnLike; StringNotEquals and ForAllValues false on an absent
// key; only the first key of each operator read; case-sensitive actions) and knows no boundaries, key policies or
// "cannot know".
// Pure: no VS Code, no AWS calls; callers fetch policies and hand them over as parsed documents.

import { compileResource, type CompiledPrincipal } from './compile';
import { decide } from './decide';
import type { AccessResource, DecisionResult } from './types';

export { KMS_ACTIONS, SECRET_ACTIONS, actionsFor, type KmsAction, type SecretAction } from './actions';
export { compilePrincipal, type CompiledPrincipal } from './compile';
export { accessImpact } from './impact';
export { normalizePolicy, parsePolicy, parseUrlEncodedPolicy, PolicyParseError } from './parsePolicy';
export type * from './types';

/** The decision for one action, e.g. `evaluateAccess(compilePrincipal(role), secret, 'secretsmanager:GetSecretValue')`. */
export function evaluateAccess(principal: CompiledPrincipal, resource: AccessResource, action: string): DecisionResult {
  return decide(principal, compileResource(resource), action.toLowerCase());
}
