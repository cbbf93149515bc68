import type { AwsResource, Tag } from './types';

/** The tags to remove from one resource, with the values they hold (shown in the confirmation). */
export interface RemovalRequest {
  readonly resource: AwsResource;
  readonly tags: readonly Tag[];
}

/** Groups selected tags so that each resource gets exactly one UntagResource call with all its keys. */
export function groupByResource(items: ReadonlyArray<{ resource: AwsResource; tag: Tag }>): RemovalRequest[] {
  const byArn = new Map<string, { resource: AwsResource; tags: Map<string, Tag> }>();
  for (const { resource, tag } of items) {
    const entry = byArn.get(resource.arn) ?? { resource, tags: new Map<string, Tag>() };
    entry.tags.set(tag.key, tag);
    byArn.set(resource.arn, entry);
  }
  return [...byArn.values()].map(({ resource, tags }) => ({ resource, tags: [...tags.values()] }));
}
