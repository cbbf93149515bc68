import type { AwsResource, Tag } from './types';

/**
 * Why a resource's tags cannot be changed, or undefined when they can. AWS refuses these changes anyway;
 * saying so up front keeps the user from a confirmation dialog that can only end in an error.
 */
export function resourceReadOnlyReason(resource: AwsResource): string | undefined {
  if (resource.kind === 'secret') {
    if (resource.deletedDate) return 'The secret is scheduled for deletion; restore it to change its tags.';
    if (resource.owningService) return `The secret is managed by ${resource.owningService}; change its tags there.`;
    if (isReplica(resource))
      return `Replica of "${resource.name}" in ${resource.primaryRegion}: change the primary (Secrets Manager copies its tags here).`;
    return undefined;
  }
  if (resource.keyManager === 'AWS') return 'AWS managed keys cannot be tagged.';
  if (resource.keyState === 'PendingDeletion' || resource.keyState === 'PendingReplicaDeletion') {
    return 'The key is pending deletion; cancel the deletion to change its tags.';
  }
  return undefined;
}

/** A replica secret: its tags follow the primary's, and AWS refuses to change them here. */
export function isReplica(resource: AwsResource): boolean {
  return (
    resource.kind === 'secret' && resource.primaryRegion !== undefined && resource.primaryRegion !== resource.region
  );
}

export function isSystemTagKey(key: string): boolean {
  return key.toLowerCase().startsWith('aws:');
}

export function tagReadOnlyReason(resource: AwsResource, tag: Tag): string | undefined {
  if (isSystemTagKey(tag.key)) return 'Tags starting with "aws:" are set by AWS and cannot be changed.';
  return resourceReadOnlyReason(resource);
}
