// What AWS accepts in a tag, checked before any call so the quick input can say what is wrong while the user types.
import { isSystemTagKey } from './readOnly';
import type { AwsResource, ResourceKind, Tag } from './types';

export const MAX_KEY_LENGTH = 128;
export const MAX_VALUE_LENGTH = 256;
export const MAX_USER_TAGS = 50;

// Secrets Manager's own pattern for tag keys and values: ^([\p{L}\p{Z}\p{N}_.:/=+\-@]*)$ (letters, separators and
// numbers of any script; no combining marks, so a decomposed "é" is refused).
const SECRETS_MANAGER_CHARACTERS = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;

function serviceName(kind: ResourceKind): string {
  return kind === 'secret' ? 'Secrets Manager' : 'KMS';
}

function characterProblem(kind: ResourceKind, text: string, what: string): string | undefined {
  if (kind === 'secret' && !SECRETS_MANAGER_CHARACTERS.test(text)) {
    return `${serviceName(kind)} allows only letters, digits, spaces and + - = . _ : / @ in a tag ${what}.`;
  }
  return undefined;
}

/** Why `key` cannot be added to `resource`, or undefined. `existing` is the key being edited, which may stay. */
export function tagKeyProblem(resource: AwsResource, key: string): string | undefined {
  if (key.length === 0) return 'A tag key cannot be empty.';
  if ([...key].length > MAX_KEY_LENGTH)
    return `A tag key has at most ${MAX_KEY_LENGTH} characters (this one has ${[...key].length}).`;
  if (isSystemTagKey(key)) return 'Keys starting with "aws:" are reserved for AWS.';
  const tags = resource.tags ?? [];
  if (tags.some((t) => t.key === key)) return `"${key}" is already a tag of this resource: use Edit Tag Value instead.`;
  if (userTagCount(tags) >= MAX_USER_TAGS)
    return `This resource already has ${MAX_USER_TAGS} tags, the most AWS allows.`;
  return characterProblem(resource.kind, key, 'key');
}

export function tagValueProblem(kind: ResourceKind, value: string): string | undefined {
  if ([...value].length > MAX_VALUE_LENGTH)
    return `A tag value has at most ${MAX_VALUE_LENGTH} characters (this one has ${[...value].length}).`;
  return characterProblem(kind, value, 'value');
}

function userTagCount(tags: readonly Tag[]): number {
  return tags.filter((t) => !isSystemTagKey(t.key)).length;
}
