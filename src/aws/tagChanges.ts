import { errorCategory } from './errors';
import { readAfterFailure, readBack } from './tagRemoval';
import type { ScopeServices, ScopeStore } from './scopeStore';
import type { AwsResource, Tag } from './types';

/**
 * Adds or replaces tags (TagResource), then reads the resource back. Serves Add Tag, Edit Tag Value, Undo and
 * Restore: they differ only in where the tags come from.
 */
export async function putTags(services: ScopeServices, resource: AwsResource, tags: readonly Tag[]): Promise<AwsResource> {
  if (resource.kind === 'secret') await services.secrets.tag(resource.arn, tags);
  else await services.kms.tag(resource.arn, tags);
  const keys = new Set(tags.map((t) => t.key));
  return readBack(services, resource).catch(() => ({
    ...resource,
    tags: [...(resource.tags ?? []).filter((t) => !keys.has(t.key)), ...tags],
  }));
}

/**
 * After a failed write, the store takes what AWS holds: the resource read back, or nothing when it is gone (deleted
 * by someone else). A failed read-back leaves the listed copy, which the next refresh corrects.
 */
export async function syncAfterFailure(store: ScopeStore, resource: AwsResource, error: unknown): Promise<void> {
  if (errorCategory(error) === 'notFound') return store.remove(resource);
  const current = await readAfterFailure(store.services, resource).catch(() => undefined);
  if (current) store.replace(current);
}
