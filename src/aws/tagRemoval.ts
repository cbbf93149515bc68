import { mapWithConcurrency } from './concurrency';
import { errorCategory } from './errors';
import type { ScopeServices } from './scopeStore';
import type { AwsResource, Tag } from './types';

export interface RemovalRequest {
  readonly resource: AwsResource;
  readonly tags: readonly Tag[];
}

/** `skipped`: a bulk removal was cancelled before this resource's call started. */
export type RemovalStatus = 'removed' | 'failed' | 'gone' | 'skipped';

export interface RemovalOptions {
  readonly concurrency?: number;
  /** Called as each resource is done, for progress reports. */
  readonly onOutcome?: (outcome: RemovalOutcome) => void;
  /** Checked before each call: once true, the resources not yet started are skipped. */
  readonly isCancelled?: () => boolean;
}

export interface RemovalOutcome {
  readonly request: RemovalRequest;
  readonly status: RemovalStatus;
  /** The resource as AWS has it now: read back after the call (or the failure). Absent when gone or unreadable. */
  readonly current?: AwsResource;
  readonly error?: unknown;
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

/**
 * One UntagResource per resource, then one read of that resource alone, so the caller can show what AWS
 * really holds. Both services' untag is idempotent: a tag someone else removed already is a success.
 */
export async function removeTags(
  services: ScopeServices,
  requests: readonly RemovalRequest[],
  options: RemovalOptions = {},
): Promise<RemovalOutcome[]> {
  const results = await mapWithConcurrency(requests, options.concurrency ?? 8, async (request) => {
    const outcome: RemovalOutcome = options.isCancelled?.() ? { request, status: 'skipped' } : await removeFromOne(services, request);
    options.onOutcome?.(outcome);
    return outcome;
  });
  return results.map((r) => r.value ?? { request: r.item, status: 'failed', error: r.error });
}

async function removeFromOne(services: ScopeServices, request: RemovalRequest): Promise<RemovalOutcome> {
  const keys = request.tags.map((t) => t.key);
  try {
    if (request.resource.kind === 'secret') await services.secrets.untag(request.resource.arn, keys);
    else await services.kms.untag(request.resource.arn, keys);
  } catch (error) {
    if (errorCategory(error) === 'notFound') return { request, status: 'gone', error };
    return { request, status: 'failed', error, current: await readAfterFailure(services, request.resource).catch(() => undefined) };
  }
  const current = await readBack(services, request.resource).catch(() => withoutKeys(request.resource, keys));
  return { request, status: 'removed', current };
}

export async function readBack(services: ScopeServices, resource: AwsResource): Promise<AwsResource> {
  if (resource.kind === 'secret') return services.secrets.describe(resource.arn);
  return { ...resource, tags: await services.kms.listTags(resource.arn) };
}

/** After a failed call, a key is described too: a state change (pending deletion) is a common cause. */
export function readAfterFailure(services: ScopeServices, resource: AwsResource): Promise<AwsResource> {
  return resource.kind === 'kmsKey' ? services.kms.details(resource) : readBack(services, resource);
}

/** The resource as it must be after a successful untag, for when reading it back failed. */
export function withoutKeys(resource: AwsResource, keys: readonly string[]): AwsResource {
  return { ...resource, tags: resource.tags?.filter((t) => !keys.includes(t.key)) };
}
