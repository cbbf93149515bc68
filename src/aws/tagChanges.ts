import { readBack } from './tagRemoval';
import type { ScopeServices } from './scopeStore';
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
