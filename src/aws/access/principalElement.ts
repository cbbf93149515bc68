// Who a resource policy statement names, and whether that is this role or user. Three answers matter and are kept
// apart, because AWS treats them differently (IAM "Policy evaluation logic", KMS "Key policies"):
// - the principal itself (its ARN, its unique ID, or "*"): a direct grant;
// - its account ("123456789012" or "arn:aws:iam::123456789012:root"): the account delegates to its IAM policies,
//   which for a KMS key is the "enable IAM policies" statement;
// - a session of its role ("arn:aws:sts::...:assumed-role/Name/session"): depends on the session name.

import type { PrincipalFacts } from './requestContext';
import type { NormalizedPrincipals } from './types';
import * as tri from './tri';
import type { Tri } from './tri';

const { NO, MAYBE, YES } = tri;

/** What a "maybe" from a session-scoped principal depends on. */
export const SESSION_KEY = 'sts:RoleSessionName';

const ACCOUNT_ID = /^\d{12}$/;
const ROOT = /^arn:[^:]+:iam::(\d{12}):root$/;
const SESSION = /^arn:[^:]+:sts::(\d{12}):assumed-role\/([^/]+)\/.+$/;

export class CompiledPrincipals {
  private readonly everyone: boolean = false;
  private readonly accounts = new Set<string>();
  /** Role/user ARNs and unique IDs (AROA..., AIDA...). */
  private readonly identities = new Set<string>();
  /** "account/roleName" for each assumed-role session ARN. */
  private readonly sessionsOf = new Set<string>();

  constructor(principals: NormalizedPrincipals) {
    // Service, Federated and CanonicalUser principals are never an IAM role or user.
    for (const id of principals.AWS ?? []) {
      const root = ROOT.exec(id);
      const session = SESSION.exec(id);
      if (id === '*') this.everyone = true;
      else if (ACCOUNT_ID.test(id)) this.accounts.add(id);
      else if (root) this.accounts.add(root[1]);
      else if (session) this.sessionsOf.add(`${session[1]}/${session[2]}`);
      else this.identities.add(id);
    }
  }

  /** Is this principal named directly (not through its account)? */
  namesDirectly(principal: PrincipalFacts): Tri {
    if (this.everyone || this.lists(principal)) return YES;
    return this.listsSessionOf(principal) ? MAYBE : NO;
  }

  namesAccount(principal: PrincipalFacts): boolean {
    return this.accounts.has(principal.account);
  }

  /**
   * Does a NotPrincipal statement apply to this principal? IAM "NotPrincipal": excluding an IAM user takes its ARN
   * and its account's ARN; excluding a role session takes the session ARN, which no policy can know in advance. And
   * (IAM "Permissions boundaries"): NotPrincipal with Deny "will always deny any IAM principal that has a
   * permissions boundary policy attached, regardless of the values specified".
   */
  notPrincipalApplies(principal: PrincipalFacts, deny: boolean): Tri {
    if (deny && principal.hasBoundary) return YES;
    if (this.everyone) return NO;
    if (principal.kind === 'user') {
      if (!this.lists(principal)) return YES;
      return this.accounts.has(principal.account) ? NO : MAYBE;
    }
    return this.lists(principal) || this.listsSessionOf(principal) ? MAYBE : YES;
  }

  private lists(principal: PrincipalFacts): boolean {
    return this.identities.has(principal.arn) || (principal.id !== undefined && this.identities.has(principal.id));
  }

  private listsSessionOf(principal: PrincipalFacts): boolean {
    return principal.sessionOwner !== undefined && this.sessionsOf.has(principal.sessionOwner);
  }
}
