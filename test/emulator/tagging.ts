// The Resource Groups Tagging API's GetResources (service `tagging`, awsJson 1.1, `ResourceGroupsTaggingAPI_20170126`)
// over the secrets and KMS keys of the Region called. What it lists, from the API reference: "all the tagged or
// previously tagged resources"; "GetResources does not return untagged resources"; without TagFilters, "resources
// that were previously tagged, but do not currently have tags, are shown with an empty tag set". AWS managed keys
// are never listed: KMS does not let anyone tag them (KMS Developer Guide, "Tags in AWS KMS").
import { AwsError } from './errors';
import { optArray, optBool, optInt, optString } from './ops';
import type { Handler, Input, OpContext } from './ops';

interface Mapping {
  ResourceARN: string;
  Tags: Array<{ Key: string; Value: string }>;
  /** `service:type` as the ARN names it. */
  type: string;
}

interface TagFilter {
  Key: string;
  Values: string[];
}

const invalid = (message: string): AwsError => new AwsError('InvalidParameterException', message);

/** "A PaginationToken is valid for a maximum of 15 minutes" (PaginationTokenExpiredException). */
const TOKEN_LIFETIME_MS = 15 * 60_000;

/** The API reference gives ResourcesPerPage 1..100 and no default: 50 here, as moto (UNSETTLED). */
const DEFAULT_PER_PAGE = 50;

/**
 * Secrets scheduled for deletion still exist and keep their tags, so they are listed (UNSETTLED: not documented).
 * A secret with no `Tags` at all was never tagged; a KMS key counts as tagged once it has had a tag.
 */
function taggedResources(ctx: OpContext): Mapping[] {
  const out: Mapping[] = [];
  for (const live of ctx.region.secrets.values()) {
    const s = ctx.view(live);
    if (s.tags === undefined) continue;
    out.push({
      ResourceARN: s.arn,
      Tags: s.tags.map((t) => ({ Key: t.Key, Value: t.Value })),
      type: 'secretsmanager:secret',
    });
  }
  for (const live of ctx.region.keys.values()) {
    const k = ctx.view(live);
    if (k.manager === 'AWS' || (!k.everTagged && k.tags.length === 0)) continue;
    out.push({ ResourceARN: k.arn, Tags: k.tags.map((t) => ({ Key: t.TagKey, Value: t.TagValue })), type: 'kms:key' });
  }
  return out.sort((a, b) => (a.ResourceARN < b.ResourceARN ? -1 : 1));
}

function tagFilters(input: Input): TagFilter[] {
  const list = optArray(input, 'TagFilters') ?? [];
  if (list.length > 50) throw invalid('TagFilters can have at most 50 keys.');
  return list.map((f) => {
    const { Key, Values } = (f ?? {}) as { Key?: unknown; Values?: unknown };
    if (typeof Key !== 'string' || Key.length === 0 || Key.length > 128)
      throw invalid('A TagFilter needs a Key of 1 to 128 characters.');
    if (Values !== undefined && Values !== null && !Array.isArray(Values))
      throw invalid('TagFilter Values must be a list.');
    const values = ((Values as unknown[] | null) ?? []).map(String);
    if (values.length > 20) throw invalid('A TagFilter can have at most 20 values.');
    return { Key, Values: values };
  });
}

/** Every filter must match (AND); within one, any of its values (OR); no values: the key with any value. */
const matches = (m: Mapping, filters: TagFilter[]): boolean =>
  filters.every((f) => m.Tags.some((t) => t.Key === f.Key && (f.Values.length === 0 || f.Values.includes(t.Value))));

/** `secretsmanager` or `secretsmanager:secret`; any other service or type matches nothing here. */
const ofType = (m: Mapping, types: string[]): boolean =>
  types.length === 0 || types.some((t) => t === m.type || t === m.type.split(':')[0]);

function readToken(token: string | undefined, now: number): number {
  if (!token) return 0;
  let parsed: { o?: unknown; t?: unknown };
  try {
    parsed = JSON.parse(Buffer.from(token, 'base64').toString('utf8')) as { o?: unknown; t?: unknown };
  } catch {
    throw invalid('The specified PaginationToken is not valid.');
  }
  if (typeof parsed.o !== 'number' || typeof parsed.t !== 'number')
    throw invalid('The specified PaginationToken is not valid.');
  if (now - parsed.t > TOKEN_LIFETIME_MS)
    throw new AwsError('PaginationTokenExpiredException', 'The specified PaginationToken has expired.');
  return parsed.o;
}

const makeToken = (offset: number, now: number): string =>
  Buffer.from(JSON.stringify({ o: offset, t: now })).toString('base64');

const wire = (m: Mapping): { ResourceARN: string; Tags: Mapping['Tags'] } => ({
  ResourceARN: m.ResourceARN,
  Tags: m.Tags,
});

/** ResourceARNList: those ARNs only, in the order given; one that is not there (or never tagged) is left out. */
function byArn(ctx: OpContext, input: Input, arns: unknown[]): object {
  const paged = ['ResourceTypeFilters', 'TagFilters', 'ResourcesPerPage', 'TagsPerPage', 'PaginationToken'];
  const other = paged.find((k) => input[k] !== undefined && input[k] !== null);
  if (other) throw invalid(`You can't specify both ResourceARNList and ${other} in the same request.`);
  if (arns.length < 1 || arns.length > 100) throw invalid('ResourceARNList must have 1 to 100 ARNs.');
  const all = new Map(taggedResources(ctx).map((m) => [m.ResourceARN, m]));
  const found = arns.flatMap((a) => (typeof a === 'string' && all.has(a) ? [wire(all.get(a)!)] : []));
  return { PaginationToken: '', ResourceTagMappingList: found };
}

const getResources: Handler = (ctx, input) => {
  const arns = optArray(input, 'ResourceARNList');
  if (arns) return byArn(ctx, input, arns);
  if (optBool(input, 'ExcludeCompliantResources') && !optBool(input, 'IncludeComplianceDetails'))
    throw invalid('ExcludeCompliantResources can only be used with IncludeComplianceDetails.');
  const perPage =
    input.ResourcesPerPage === undefined ? DEFAULT_PER_PAGE : optInt(input, 'ResourcesPerPage', -(2 ** 31), 2 ** 31);
  if (perPage === undefined || perPage < 1 || perPage > 100)
    throw invalid('ResourcesPerPage must be between 1 and 100.');
  const tagsPerPage = input.TagsPerPage === undefined ? undefined : optInt(input, 'TagsPerPage', -(2 ** 31), 2 ** 31);
  if (tagsPerPage !== undefined && (tagsPerPage < 100 || tagsPerPage > 500))
    throw invalid('TagsPerPage must be between 100 and 500.');
  const filters = tagFilters(input);
  const types = (optArray(input, 'ResourceTypeFilters') ?? []).map(String);
  if (types.length > 100) throw invalid('ResourceTypeFilters can have at most 100 items.');
  const all = taggedResources(ctx).filter((m) => ofType(m, types) && matches(m, filters));
  const start = readToken(optString(input, 'PaginationToken', 2048), ctx.now);
  // A page ends at ResourcesPerPage resources, or before the resource whose tags would pass TagsPerPage (a resource
  // with no tags counts as one); a resource and its tags are never split.
  let end = start;
  let tags = 0;
  while (end < all.length && end - start < perPage) {
    const weight = Math.max(1, all[end].Tags.length);
    if (tagsPerPage !== undefined && end > start && tags + weight > tagsPerPage) break;
    tags += weight;
    end++;
  }
  return {
    PaginationToken: end < all.length ? makeToken(end, ctx.now) : '',
    ResourceTagMappingList: all.slice(start, end).map(wire),
  };
};

export const taggingOps: Record<string, Handler> = { GetResources: getResources };
