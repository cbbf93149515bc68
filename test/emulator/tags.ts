import { AwsError, validationError } from './errors';
import type { KmsTag, SmTag } from './state';
import type { SeedTags } from './types';

export const MAX_USER_TAGS = 50;

/** Tags as a seed or a mutation gives them, in Secrets Manager's (and IAM's) shape. */
export function smTags(tags: SeedTags): SmTag[] {
  if (!Array.isArray(tags)) return Object.entries(tags).map(([Key, Value]) => ({ Key, Value: String(Value) }));
  return tags.map((t) => ('TagKey' in t ? { Key: t.TagKey, Value: t.TagValue } : { Key: t.Key, Value: t.Value ?? '' }));
}

export function kmsTags(tags: SeedTags): KmsTag[] {
  return smTags(tags).map((t) => ({ TagKey: t.Key, TagValue: t.Value }));
}

// The character set of the AWS tagging conventions: Unicode letters, digits and spaces plus + - = . _ : / @.
const TAG_CHARS = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;

const length = (s: string): number => [...s].length;

/** `aws:` is reserved in any letter case. */
export const isSystemKey = (key: string): boolean => key.toLowerCase().startsWith('aws:');

function field(item: unknown, member: string, path: string, required: boolean): string {
  const v = typeof item === 'object' && item !== null ? (item as Record<string, unknown>)[member] : undefined;
  if (v === undefined || v === null) {
    if (required) throw validationError(undefined, path, 'Member must not be null');
    return '';
  }
  if (typeof v !== 'string') throw new AwsError('SerializationException', `Expected string for ${member}`);
  return v;
}

function systemTagError(key: string): AwsError {
  return new AwsError('InvalidParameterException', `You can't modify system tags. Tag key: '${key}'.`);
}

/**
 * Secrets Manager tag input. The `aws:` message is recorded; the error names for bad length, characters, duplicates
 * and the 50-tag limit are UNSETTLED (not recorded): length uses AWS's generic request validation, the rest the
 * modelled InvalidParameterException.
 */
export function readSmTags(raw: unknown[]): SmTag[] {
  const seen = new Set<string>();
  return raw.map((item, i) => {
    const key = field(item, 'Key', `tags.${i + 1}.member.key`, true);
    const value = field(item, 'Value', `tags.${i + 1}.member.value`, false);
    if (length(key) < 1)
      throw validationError(key, `tags.${i + 1}.member.key`, 'Member must have length greater than or equal to 1');
    if (length(key) > 128)
      throw validationError(key, `tags.${i + 1}.member.key`, 'Member must have length less than or equal to 128');
    if (length(value) > 256)
      throw validationError(value, `tags.${i + 1}.member.value`, 'Member must have length less than or equal to 256');
    if (isSystemKey(key)) throw systemTagError(key);
    if (!TAG_CHARS.test(key) || !TAG_CHARS.test(value)) {
      throw new AwsError(
        'InvalidParameterException',
        'Tag keys and values can only contain letters, numbers, spaces, and the characters + - = . _ : / @.',
      );
    }
    if (seen.has(key)) throw new AwsError('InvalidParameterException', `Duplicate tag key: '${key}'.`);
    seen.add(key);
    return { Key: key, Value: value };
  });
}

export function checkSmUntagKeys(keys: string[]): void {
  for (const k of keys) if (isSystemKey(k)) throw systemTagError(k);
}

/** TagResource adds or replaces; system tags stay and do not count towards the limit. */
export function mergeSmTags(existing: SmTag[] | undefined, add: SmTag[]): SmTag[] {
  const merged = (existing ?? []).map((t) => ({ ...t }));
  for (const t of add) {
    const found = merged.find((m) => m.Key === t.Key);
    if (found) found.Value = t.Value;
    else merged.push({ ...t });
  }
  if (merged.filter((t) => !isSystemKey(t.Key)).length > MAX_USER_TAGS) {
    throw new AwsError('InvalidParameterException', `The number of tags exceeds the limit of ${MAX_USER_TAGS}.`);
  }
  return merged;
}

/** KMS tag input, checked in the order recorded against AWS: duplicates, count, then each tag. */
export function readKmsTags(raw: unknown[]): KmsTag[] {
  const tags = raw.map((item, i) => ({
    TagKey: field(item, 'TagKey', `tags.${i + 1}.member.tagKey`, true),
    TagValue: field(item, 'TagValue', `tags.${i + 1}.member.tagValue`, true),
  }));
  if (new Set(tags.map((t) => t.TagKey)).size < tags.length) throw new AwsError('TagException', 'Duplicate tag keys');
  if (tags.length > MAX_USER_TAGS) throw new AwsError('TagException', 'Too many tags');
  tags.forEach((t, i) => {
    const at = `tags.${i + 1}.member`;
    if (length(t.TagKey) < 1)
      throw validationError(t.TagKey, `${at}.tagKey`, 'Member must have length greater than or equal to 1');
    if (length(t.TagKey) > 128)
      throw validationError(t.TagKey, `${at}.tagKey`, 'Member must have length less than or equal to 128');
    if (length(t.TagValue) > 256)
      throw validationError(t.TagValue, `${at}.tagValue`, 'Member must have length less than or equal to 256');
    if (isSystemKey(t.TagKey)) throw new AwsError('TagException', 'Tags beginning with aws: are reserved');
  });
  return tags;
}

export function checkKmsUntagKeys(keys: string[]): void {
  if (keys.some(isSystemKey)) throw new AwsError('TagException', 'Tags beginning with aws: are reserved');
}

export function mergeKmsTags(existing: KmsTag[], add: KmsTag[]): KmsTag[] {
  const merged = existing.map((t) => ({ ...t }));
  for (const t of add) {
    const found = merged.find((m) => m.TagKey === t.TagKey);
    if (found) found.TagValue = t.TagValue;
    else merged.push({ ...t });
  }
  // The recorded "Too many tags" is for one request; the same answer for the merged total is UNSETTLED.
  if (merged.filter((t) => !isSystemKey(t.TagKey)).length > MAX_USER_TAGS)
    throw new AwsError('TagException', 'Too many tags');
  return merged;
}
