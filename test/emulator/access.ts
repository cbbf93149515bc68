import { accessDenied } from './errors';
import type { AwsError } from './errors';
import type { RequestFacts } from './faults';

/**
 * Stand-ins for IAM policies: an allow-list of actions (for the account, or for one access key), and the guard AWS documents for UntagResource that refuses to remove
 * a tag the caller's own access depends on (attribute-based access control).
 */
export class AccessRules {
  private allowed: RegExp[] | null = null;
  /** Allow-lists of single access keys; one replaces the account-wide list for its key. */
  private allowedByKey = new Map<string, RegExp[]>();
  private guardedTagKeys = new Set<string>();

  allowOnly(actions: string[] | null, accessKeyId?: string): void {
    const rules = actions === null ? null : actions.map(globToRegExp);
    if (accessKeyId === undefined) this.allowed = rules;
    else if (rules === null) this.allowedByKey.delete(accessKeyId);
    else this.allowedByKey.set(accessKeyId, rules);
  }

  denyUntag(tagKey: string): void {
    this.guardedTagKeys.add(tagKey);
  }

  clearDenyUntag(): void {
    this.guardedTagKeys.clear();
  }

  reset(): void {
    this.allowed = null;
    this.allowedByKey.clear();
    this.guardedTagKeys.clear();
  }

  describe(): { allowOnly: string[] | null; allowOnlyByKey: Record<string, string[]>; denyUntagTagKeys: string[] } {
    return {
      allowOnly: this.allowed?.map((r) => r.source) ?? null,
      allowOnlyByKey: Object.fromEntries([...this.allowedByKey].map(([k, rules]) => [k, rules.map((r) => r.source)])),
      denyUntagTagKeys: [...this.guardedTagKeys],
    };
  }

  /** The AccessDenied answer for this request, or undefined when it is allowed. */
  check(req: RequestFacts, principal: string, accessKeyId?: string): AwsError | undefined {
    // GetCallerIdentity needs no permission in AWS; the SSO portal is authorised by its token, not by IAM.
    if (req.service === 'sts' || req.service === 'sso') return undefined;
    // The Resource Groups Tagging API signs as `tagging` but its IAM actions are `tag:*`.
    const action = `${req.service === 'tagging' ? 'tag' : req.service}:${req.operation}`;
    const resource = req.resource ?? '*';
    const allowed = (accessKeyId === undefined ? undefined : this.allowedByKey.get(accessKeyId)) ?? this.allowed;
    if (allowed && !allowed.some((r) => r.test(action))) return accessDenied(principal, action, resource);
    if (req.operation === 'UntagResource') {
      const guarded = (req.tagKeys ?? []).find((k) => this.guardedTagKeys.has(k));
      // The wording of the guard's AccessDenied is UNSETTLED; an explicit deny is the closest IAM message.
      if (guarded !== undefined)
        return accessDenied(principal, action, resource, 'with an explicit deny in an identity-based policy');
    }
    return undefined;
  }
}

function globToRegExp(glob: string): RegExp {
  const escaped = glob.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
  return new RegExp(`^${escaped}$`, 'i');
}
