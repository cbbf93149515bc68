// The view's filter, as data: which resources it keeps, and which part of it ListSecrets can apply on the server.
import type { AwsResource } from './types';

export type ResourceFilter =
  | { readonly kind: 'tagKey'; readonly key: string }
  | { readonly kind: 'tag'; readonly key: string; readonly value: string }
  | { readonly kind: 'valueContains'; readonly text: string }
  | { readonly kind: 'nameContains'; readonly text: string };

export function matchesFilter(resource: AwsResource, filter: ResourceFilter | undefined): boolean {
  if (!filter) return true;
  const tags = resource.tags ?? [];
  switch (filter.kind) {
    case 'tagKey':
      return tags.some((t) => t.key === filter.key);
    case 'tag':
      return tags.some((t) => t.key === filter.key && t.value === filter.value);
    case 'valueContains':
      return tags.some((t) => t.value.toLowerCase().includes(filter.text.toLowerCase()));
    case 'nameContains':
      return resource.name.toLowerCase().includes(filter.text.toLowerCase()) || resource.arn.includes(filter.text);
  }
}

export function describeFilter(filter: ResourceFilter): string {
  switch (filter.kind) {
    case 'tagKey':
      return `tag key ${filter.key}`;
    case 'tag':
      return `tag ${filter.key}=${filter.value}`;
    case 'valueContains':
      return `tag value contains "${filter.text}"`;
    case 'nameContains':
      return `name contains "${filter.text}"`;
  }
}

// What ListSecrets accepts in a filter value (the Filter API's pattern and length). A leading "!" would negate the
// filter. Other text (accents, brackets...) is valid in a tag yet refused here: such a filter stays on our side only.
const SERVER_FILTER_VALUE = /^(?!!)[a-zA-Z0-9 :_@/+=.\-!]{1,512}$/;

/**
 * ListSecrets filters that narrow the listing on the server. tag-key and tag-value match independently (any key,
 * any value), so the exact pair is still checked on our side; substrings have no server filter at all.
 */
export function listSecretsFilters(
  filter: ResourceFilter | undefined,
): Array<{ Key: 'tag-key' | 'tag-value'; Values: string[] }> {
  const filters: Array<{ Key: 'tag-key' | 'tag-value'; Values: string[] }> = [];
  if (filter?.kind === 'tagKey' || filter?.kind === 'tag') {
    if (SERVER_FILTER_VALUE.test(filter.key)) filters.push({ Key: 'tag-key', Values: [filter.key] });
  }
  if (filter?.kind === 'tag' && SERVER_FILTER_VALUE.test(filter.value))
    filters.push({ Key: 'tag-value', Values: [filter.value] });
  return filters;
}

/** What the user typed, as the filters it could mean (the picker offers each). */
export function filtersFor(text: string): ResourceFilter[] {
  const trimmed = text.trim();
  if (!trimmed) return [];
  const options: ResourceFilter[] = [];
  const equals = trimmed.indexOf('=');
  if (equals > 0) options.push({ kind: 'tag', key: trimmed.slice(0, equals), value: trimmed.slice(equals + 1) });
  options.push(
    { kind: 'tagKey', key: trimmed },
    { kind: 'valueContains', text: trimmed },
    { kind: 'nameContains', text: trimmed },
  );
  return options;
}
