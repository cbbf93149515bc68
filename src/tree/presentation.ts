// What each node shows, as plain data. No VS Code import, so it is unit-tested under plain Node.
// Tag keys and values are untrusted: they only ever go into plain strings, with control characters made visible.
import { printable } from '../aws/printable';
import { isReplica, resourceReadOnlyReason, tagReadOnlyReason } from '../aws/readOnly';
import type { AwsResource, KmsKeyResource, SecretResource, Tag } from '../aws/types';
import { contextValue, Token } from './contextValues';

export { printable };

export interface Presentation {
  readonly label: string;
  readonly description?: string;
  readonly tooltip: string;
  readonly contextValue: string;
  /** What a screen reader says for the row: the kind of node, and what the icons and marks show to the eye. */
  readonly ariaLabel: string;
}

export function tagValueText(value: string): string {
  return value === '' ? '(empty value)' : printable(value);
}

export function tagCountText(count: number): string {
  return count === 1 ? '1 tag' : `${count} tags`;
}

export function presentResource(resource: AwsResource): Presentation {
  return resource.kind === 'secret' ? presentSecret(resource) : presentKey(resource);
}

function presentSecret(secret: SecretResource): Presentation {
  const readOnly = resourceReadOnlyReason(secret);
  const marks = [tagCountText(secret.tags?.length ?? 0)];
  if (secret.deletedDate) marks.push('scheduled for deletion');
  if (secret.owningService) marks.push(`managed by ${secret.owningService}`);
  if (isReplica(secret)) marks.push(`replica of ${printable(secret.primaryRegion ?? '')}`);
  return {
    label: printable(secret.name),
    description: marks.join(' · '),
    tooltip: lines(
      secret.arn,
      secret.description && `Description: ${printable(secret.description)}`,
      secret.lastChangedDate && `Last changed: ${secret.lastChangedDate.toISOString()}`,
      secret.deletedDate && `Scheduled for deletion: ${secret.deletedDate.toISOString()}`,
      readOnly && `Read-only: ${readOnly}`,
    ),
    contextValue: contextValue(
      Token.secret,
      readOnly !== undefined && Token.readonly,
      secret.deletedDate && Token.pendingDeletion,
    ),
    ariaLabel: spoken(`Secret ${printable(secret.name)}`, ...marks, readOnly && 'read-only'),
  };
}

export function shortKeyId(keyId: string): string {
  return keyId.slice(0, 8);
}

function presentKey(key: KmsKeyResource): Presentation {
  const readOnly = resourceReadOnlyReason(key);
  const marks = [shortKeyId(key.keyId)];
  if (key.keyState && key.keyState !== 'Enabled')
    marks.push(key.keyState === 'PendingDeletion' ? 'pending deletion' : key.keyState);
  if (key.keyManager === 'AWS') marks.push('AWS managed');
  const pending = key.keyState === 'PendingDeletion' || key.keyState === 'PendingReplicaDeletion';
  return {
    label: printable(key.name),
    description: marks.join(' · '),
    tooltip: lines(
      key.arn,
      key.description && `Description: ${printable(key.description)}`,
      key.keyState && `State: ${key.keyState}`,
      key.deletionDate && `Deletion date: ${key.deletionDate.toISOString()}`,
      key.keySpec && `Key spec: ${key.keySpec}`,
      `Aliases: ${key.aliases.length > 0 ? key.aliases.join(', ') : '(none)'}`,
      key.keyManager && `Key manager: ${key.keyManager}`,
      readOnly && `Read-only: ${readOnly}`,
    ),
    contextValue: contextValue(
      Token.kmsKey,
      readOnly !== undefined && Token.readonly,
      key.keyManager === 'AWS' && Token.awsManaged,
      pending && Token.pendingDeletion,
    ),
    ariaLabel: spoken(`KMS key ${printable(key.name)}`, ...marks, readOnly && 'read-only'),
  };
}

/** `policyGuarded`: the resource's policy uses this tag in a condition. */
export function presentTag(resource: AwsResource, tag: Tag, policyGuarded = false): Presentation {
  const readOnly = tagReadOnlyReason(resource, tag);
  const policy = resource.kind === 'secret' ? 'resource policy' : 'key policy';
  return {
    label: printable(tag.key),
    description: tagValueText(tag.value),
    tooltip: lines(
      `${printable(tag.key)} = ${tagValueText(tag.value)}`,
      `On: ${printable(resource.name)}`,
      policyGuarded &&
        `The ${policy} uses this tag in a condition: removing or changing it changes who may use the resource.`,
      readOnly && `Read-only: ${readOnly}`,
    ),
    contextValue: contextValue(Token.tag, readOnly !== undefined && Token.readonly),
    ariaLabel: spoken(
      `Tag ${printable(tag.key)}`,
      `value ${tagValueText(tag.value)}`,
      policyGuarded && `used by the ${policy}`,
      readOnly && 'read-only',
    ),
  };
}

function present(parts: Array<string | false | undefined | 0>): string[] {
  return parts.filter((p): p is string => typeof p === 'string' && p.length > 0);
}

function lines(...parts: Array<string | false | undefined | 0>): string {
  return present(parts).join('\n');
}

function spoken(...parts: Array<string | false | undefined | 0>): string {
  return present(parts).join(', ');
}

/** Quick pick labels render `$(icon)` syntax; tag text must show it literally. */
export function pickerText(text: string): string {
  return printable(text).replace(/\$\(/g, '$\u200b(');
}
