// Which tag keys a resource policy uses in its conditions. Removing such a tag changes who may use the resource,
// so the confirmation says so first and the tree marks the tag.

const RESOURCE_TAG_CONDITION = /^(aws|kms|secretsmanager):ResourceTag\/(.+)$/i;

/** Tag keys named in `...:ResourceTag/KEY` condition keys, lower-cased (IAM matches condition keys case-insensitively). */
export function policyTagKeys(policy: string | undefined): Set<string> {
  const keys = new Set<string>();
  if (!policy) return keys;
  let document: unknown;
  try {
    document = JSON.parse(policy);
  } catch {
    return keys;
  }
  const statements = (document as { Statement?: unknown }).Statement;
  for (const statement of Array.isArray(statements) ? statements : [statements]) {
    const condition =
      (statement as { Condition?: Record<string, Record<string, unknown>> } | undefined)?.Condition ?? {};
    for (const operator of Object.values(condition)) {
      for (const conditionKey of Object.keys(operator ?? {})) {
        const match = RESOURCE_TAG_CONDITION.exec(conditionKey);
        if (match) keys.add(match[2].toLowerCase());
      }
    }
  }
  return keys;
}

export interface PolicyUse {
  /** Lower-cased tag keys the policy's conditions name; undefined when the policy could not be read. */
  readonly keys: Set<string> | undefined;
  /** Why the policy could not be read. */
  readonly error?: unknown;
  /** The policy as AWS returned it (undefined: a secret without one, or unreadable): access impact evaluates it. */
  readonly text?: string;
}

export function policyUsesTag(use: PolicyUse | undefined, key: string): boolean {
  return use?.keys?.has(key.toLowerCase()) ?? false;
}
