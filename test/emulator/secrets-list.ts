import { AwsError, validationError } from './errors';
import { optArray, optBool, optInt, optString } from './ops';
import type { Handler } from './ops';
import type { SecretRecord } from './state';
import { sortedSecrets, sortSecrets, type SortBy } from './secrets-index';
import { secretView } from './secrets-view';

const FILTER_KEYS = ['description', 'name', 'tag-key', 'tag-value', 'primary-region', 'owning-service', 'all'];
const SORT_BY = ['created-date', 'last-accessed-date', 'last-changed-date', 'name'];
const FILTER_VALUE = /^!?[a-zA-Z0-9 :_@/+=.\-!]*$/;

interface Filter {
  key: string;
  values: string[];
}

function parseFilters(raw: unknown[] | undefined): Filter[] {
  if (!raw) return [];
  if (raw.length > 10) throw validationError(raw.length, 'filters', 'Member must have length less than or equal to 10');
  return raw.map((f, i) => {
    const { Key, Values } = (f ?? {}) as { Key?: unknown; Values?: unknown };
    if (typeof Key !== 'string' || !FILTER_KEYS.includes(Key)) {
      throw validationError(
        Key,
        `filters.${i + 1}.member.key`,
        `Member must satisfy enum value set: [${FILTER_KEYS.join(', ')}]`,
      );
    }
    if (!Array.isArray(Values) || Values.length < 1 || Values.length > 10) {
      throw validationError(Values, `filters.${i + 1}.member.values`, 'Member must have length between 1 and 10');
    }
    for (const v of Values) {
      if (typeof v !== 'string' || v.length > 512 || !FILTER_VALUE.test(v)) {
        throw new AwsError('InvalidParameterException', `Invalid filter value: ${String(v)}`);
      }
    }
    return { key: Key, values: Values as string[] };
  });
}

/** Words as the `all` filter sees them: split at punctuation, lower-to-upper case changes and letter/digit changes. */
function words(text: string): string[] {
  return text
    .split(/[^\p{L}\p{N}]+/u)
    .flatMap((part) => part.split(/(?<=\p{Ll})(?=\p{Lu})|(?<=\p{L})(?=\p{N})|(?<=\p{N})(?=\p{L})/u))
    .filter((w) => w.length > 0)
    .map((w) => w.toLowerCase());
}

function attributes(s: SecretRecord, key: string): string[] {
  const tags = s.tags ?? [];
  const present = (v: string | undefined): string[] => (v === undefined ? [] : [v]);
  switch (key) {
    case 'name':
      return [s.name];
    case 'description':
      return present(s.description);
    case 'tag-key':
      return tags.map((t) => t.Key);
    case 'tag-value':
      return tags.map((t) => t.Value);
    case 'primary-region':
      return present(s.primaryRegion);
    case 'owning-service':
      return present(s.owningService);
    default:
      return [s.name, ...present(s.description), ...tags.map((t) => t.Key), ...tags.map((t) => t.Value)];
  }
}

// Documented per key: description and all ignore case, the other keys match case-sensitively; all keys match prefixes.
function matches(s: SecretRecord, key: string, value: string): boolean {
  if (key === 'all') {
    const mine = attributes(s, key).flatMap(words);
    return words(value).some((w) => mine.some((m) => m.startsWith(w)));
  }
  if (key === 'description') {
    const v = value.toLowerCase();
    return attributes(s, key).some((a) => a.toLowerCase().startsWith(v));
  }
  return attributes(s, key).some((a) => a.startsWith(value));
}

// How `!` values combine with plain ones is UNSETTLED: a negated value excludes, plain values of one filter are ORed,
// and separate filters are ANDed. Split once per request: a page may test thousands of secrets against it.
function passing(f: Filter): (s: SecretRecord) => boolean {
  const negated = f.values.filter((v) => v.startsWith('!')).map((v) => v.slice(1));
  const plain = f.values.filter((v) => !v.startsWith('!'));
  // A name has one attribute, the name: tested without building a list of attributes for each secret.
  const test =
    f.key === 'name'
      ? (s: SecretRecord, v: string) => s.name.startsWith(v)
      : (s: SecretRecord, v: string) => matches(s, f.key, v);
  return (s) => !negated.some((v) => test(s, v)) && (plain.length === 0 || plain.some((v) => test(s, v)));
}

function encode(offset: number, emptyServed: boolean): string {
  return Buffer.from(JSON.stringify({ o: offset, e: emptyServed ? 1 : 0 })).toString('base64');
}

function decode(token: string | undefined): { o: number; e: boolean } {
  if (token === undefined) return { o: 0, e: false };
  try {
    const t = JSON.parse(Buffer.from(token, 'base64').toString('utf8')) as { o?: unknown; e?: unknown };
    if (typeof t.o === 'number' && Number.isInteger(t.o) && t.o >= 0) return { o: t.o, e: t.e === 1 };
  } catch {
    // answered below as AWS answers a token it did not issue
  }
  throw new AwsError('InvalidNextTokenException', 'The NextToken value is invalid.');
}

export const listSecrets: Handler = (ctx, input) => {
  // AWS documents no default page size; 100 (the maximum) is UNSETTLED.
  const max = optInt(input, 'MaxResults', 1, 100) ?? 100;
  const { o: offset, e: emptyServed } = decode(optString(input, 'NextToken', 4096));
  const includeDeleted = optBool(input, 'IncludePlannedDeletion') ?? false;
  const order = optString(input, 'SortOrder');
  if (order !== undefined && order !== 'asc' && order !== 'desc') {
    throw validationError(order, 'sortOrder', 'Member must satisfy enum value set: [asc, desc]');
  }
  const by = optString(input, 'SortBy') ?? 'created-date';
  if (!SORT_BY.includes(by))
    throw validationError(by, 'sortBy', `Member must satisfy enum value set: [${SORT_BY.join(', ')}]`);
  const filters = parseFilters(optArray(input, 'Filters'));

  // Documented quirk, reproduced on request: a NextToken may come with an empty page.
  if (ctx.emptyListPages && offset > 0 && !emptyServed) return { SecretList: [], NextToken: encode(offset, true) };
  const source = ctx.staleSecrets ?? ctx.region.secrets;
  const direction = order === 'desc' ? -1 : 1; // ascending by default: UNSETTLED
  // Every secret in order, kept from page to page while no secret comes, goes or changes its sort key. Reads that
  // lag see older versions of some records, so those sort what they see.
  const ordered = ctx.lagging
    ? sortSecrets(
        [...source.values()].map((s) => ctx.view(s)),
        by as SortBy,
        direction,
      )
    : sortedSecrets(source, by as SortBy, direction);
  const tests = filters.map(passing);
  const listed = (s: SecretRecord): boolean =>
    (includeDeleted || s.deletedDate === undefined) && tests.every((passes) => passes(s));

  // The token holds the position of the next secret to list in that order, so pages neither repeat nor skip one
  // while nothing changes; the walk stops where no listed secret is left.
  const page: SecretRecord[] = [];
  let at = offset;
  for (; at < ordered.length && page.length < max; at++) if (listed(ordered[at])) page.push(ordered[at]);
  while (at < ordered.length && !listed(ordered[at])) at++;
  const next = at < ordered.length ? encode(at, false) : undefined;
  return { SecretList: page.map((s) => secretView(s, true)), ...(next ? { NextToken: next } : {}) };
};
