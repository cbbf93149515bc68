import { GetResourcesCommand, type ResourceGroupsTaggingAPIClient } from '@aws-sdk/client-resource-groups-tagging-api';
import { errorName } from './errors';
import type { Logger, Tag } from './types';

/** The most the API reference allows per page ("a minimum of 1 and a maximum value of 100"). */
const RESOURCES_PER_PAGE = 100;

/**
 * Every KMS key's tags in one chain of Resource Groups Tagging API `GetResources` pages (100 keys a page), instead of
 * one `ListResourceTags` per key: at 1 ms of SDK CPU per call, half the calls of a key listing.
 *
 * A key the answer does not name has no tags: GetResources "returns all the tagged or previously tagged resources"
 * of the Region and "does not return untagged resources" (API reference). Like every KMS read it is eventually
 * consistent, so it may lag a recent change as ListResourceTags may; a change made here is read back with KMS's own
 * API, and the store's recent writes keep a lagging answer from undoing it.
 *
 * Callers without `tag:GetResources` (or any failure of the chain) fall back to ListResourceTags per key; the
 * fallback is remembered for this scope (until a Refresh opens a new one) and logged once.
 */
export class KeyTagIndex {
  private unusable = false;

  constructor(
    private readonly client: ResourceGroupsTaggingAPIClient,
    private readonly logger: Logger,
  ) {}

  /** Tags by key ARN, or undefined when the Tagging API cannot be used here. Never rejects. */
  async read(): Promise<ReadonlyMap<string, Tag[]> | undefined> {
    if (this.unusable) return undefined;
    try {
      return await this.allPages();
    } catch (error) {
      if (!this.unusable) {
        this.unusable = true;
        this.logger.warn(
          `Reading KMS key tags per key with kms:ListResourceTags: tag:GetResources failed (${errorName(error)}).`,
        );
      }
      return undefined;
    }
  }

  private async allPages(): Promise<Map<string, Tag[]>> {
    const byArn = new Map<string, Tag[]>();
    let token: string | undefined;
    do {
      const page = await this.client.send(
        new GetResourcesCommand({
          ResourceTypeFilters: ['kms:key'],
          ResourcesPerPage: RESOURCES_PER_PAGE,
          PaginationToken: token,
        }),
      );
      for (const mapping of page.ResourceTagMappingList ?? []) {
        if (!mapping.ResourceARN) continue;
        byArn.set(
          mapping.ResourceARN,
          (mapping.Tags ?? []).map((t) => ({ key: t.Key ?? '', value: t.Value ?? '' })),
        );
      }
      // The last page carries an empty token ("a null value ... indicates that there are no more results").
      token = page.PaginationToken || undefined;
    } while (token);
    return byArn;
  }
}
