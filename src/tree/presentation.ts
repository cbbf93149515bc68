// What each node shows, as plain data. No VS Code import, so it is unit-tested under plain Node.
// Tag keys and values are untrusted: they only ever go into plain strings, with control characters made visible.
import * as l10n from '@vscode/l10n';
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
  return value === '' ? l10n.t('(empty value)') : printable(value);
}

export function tagCountText(count: number): string {
  return count === 1 ? l10n.t('1 tag') : l10n.t('{0} tags', count);
}

export function presentResource(resource: AwsResource): Presentation {
  return resource.kind === 'secret' ? presentSecret(resource) : presentKey(resource);
}

function presentSecret(secret: SecretResource): Presentation {
  const readOnly = resourceReadOnlyReason(secret);
  const marks = [tagCountText(secret.tags?.length ?? 0)];
  if (secret.deletedDate) marks.push(l10n.t('scheduled for deletion'));
  if (secret.owningService) marks.push(l10n.t('managed by {0}', secret.owningService));
  if (isReplica(secret)) marks.push(l10n.t('replica of {0}', printable(secret.primaryRegion ?? '')));
  return {
    label: printable(secret.name),
    description: marks.join(' · '),
    tooltip: lines(
      secret.arn,
      secret.description && l10n.t('Description: {0}', printable(secret.description)),
      secret.lastChangedDate && l10n.t('Last changed: {0}', secret.lastChangedDate.toISOString()),
      secret.deletedDate && l10n.t('Scheduled for deletion: {0}', secret.deletedDate.toISOString()),
      readOnly && l10n.t('Read-only: {0}', readOnly),
    ),
    contextValue: contextValue(
      Token.secret,
      readOnly !== undefined && Token.readonly,
      secret.deletedDate && Token.pendingDeletion,
    ),
    ariaLabel: spoken(l10n.t('Secret {0}', printable(secret.name)), ...marks, readOnly && l10n.t('read-only')),
  };
}

export function shortKeyId(keyId: string): string {
  return keyId.slice(0, 8);
}

function presentKey(key: KmsKeyResource): Presentation {
  const readOnly = resourceReadOnlyReason(key);
  const marks = [shortKeyId(key.keyId)];
  if (key.keyState && key.keyState !== 'Enabled')
    marks.push(key.keyState === 'PendingDeletion' ? l10n.t('pending deletion') : key.keyState);
  if (key.keyManager === 'AWS') marks.push(l10n.t('AWS managed'));
  const pending = key.keyState === 'PendingDeletion' || key.keyState === 'PendingReplicaDeletion';
  return {
    label: printable(key.name),
    description: marks.join(' · '),
    tooltip: lines(
      key.arn,
      key.description && l10n.t('Description: {0}', printable(key.description)),
      key.keyState && l10n.t('State: {0}', key.keyState),
      key.deletionDate && l10n.t('Deletion date: {0}', key.deletionDate.toISOString()),
      key.keySpec && l10n.t('Key spec: {0}', key.keySpec),
      l10n.t('Aliases: {0}', key.aliases.length > 0 ? key.aliases.join(', ') : l10n.t('(none)')),
      key.keyManager && l10n.t('Key manager: {0}', key.keyManager),
      readOnly && l10n.t('Read-only: {0}', readOnly),
    ),
    contextValue: contextValue(
      Token.kmsKey,
      readOnly !== undefined && Token.readonly,
      key.keyManager === 'AWS' && Token.awsManaged,
      pending && Token.pendingDeletion,
    ),
    ariaLabel: spoken(l10n.t('KMS key {0}', printable(key.name)), ...marks, readOnly && l10n.t('read-only')),
  };
}

/** `policyGuarded`: the resource's policy uses this tag in a condition. */
export function presentTag(resource: AwsResource, tag: Tag, policyGuarded = false): Presentation {
  const readOnly = tagReadOnlyReason(resource, tag);
  const policy = resource.kind === 'secret' ? l10n.t('resource policy') : l10n.t('key policy');
  return {
    label: printable(tag.key),
    description: tagValueText(tag.value),
    tooltip: lines(
      `${printable(tag.key)} = ${tagValueText(tag.value)}`,
      l10n.t('On: {0}', printable(resource.name)),
      policyGuarded &&
        l10n.t(
          'The {0} uses this tag in a condition: removing or changing it changes who may use the resource.',
          policy,
        ),
      readOnly && l10n.t('Read-only: {0}', readOnly),
    ),
    contextValue: contextValue(Token.tag, readOnly !== undefined && Token.readonly),
    ariaLabel: spoken(
      l10n.t('Tag {0}', printable(tag.key)),
      l10n.t('value {0}', tagValueText(tag.value)),
      policyGuarded && l10n.t('used by the {0}', policy),
      readOnly && l10n.t('read-only'),
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

/** "just now", "5 min ago", "3 h ago", "2 days ago": how old a cached listing is. */
export function ageText(savedAt: number, now = Date.now()): string {
  const minutes = Math.floor((now - savedAt) / 60_000);
  if (minutes < 1) return l10n.t('just now');
  if (minutes < 60) return l10n.t('{0} min ago', minutes);
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return l10n.t('{0} h ago', hours);
  return l10n.t('{0} days ago', Math.floor(hours / 24));
}

/** The tooltip line of anything shown from a cached listing. */
export function cachedText(savedAt: number, now = Date.now()): string {
  return l10n.t('Cached listing from {0}, being read again from AWS', ageText(savedAt, now));
}
