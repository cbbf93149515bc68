// Indexes over a region's secrets that ListSecrets pages and ARN lookups reuse from call to call, so that a page
// costs the secrets it lists rather than a sort of all of them. A secret that comes or goes changes its map's
// version; a record changed in place (a sort key such as LastChangedDate) is caught by re-checking every record's
// key, which is done only after something may have written to secrets (see `secretsMayHaveChanged`).
import type { SecretRecord } from './state';
import { VersionedMap } from './versioned-map';

let possibleChanges = 0;

/**
 * Tells the indexes that records may have changed in place: the engine calls it for every Secrets Manager operation
 * but the reads, for mutations, and when it hands out a live record. The next ListSecrets then re-checks its order.
 */
export function secretsMayHaveChanged(): void {
  possibleChanges++;
}

/** Secrets by name, as a region keeps them. */
export type SecretMap = VersionedMap<string, SecretRecord>;

export type SortBy = 'created-date' | 'last-accessed-date' | 'last-changed-date' | 'name';

const SORT_KEYS: Record<SortBy, (s: SecretRecord) => number | string> = {
  'created-date': (s) => s.createdDate,
  'last-accessed-date': (s) => s.lastAccessedDate ?? 0,
  'last-changed-date': (s) => s.lastChangedDate,
  name: (s) => s.name,
};

/** By the sort key in `direction` (1 or -1), ties by name ascending whatever the direction. */
export function sortSecrets(secrets: SecretRecord[], by: SortBy, direction: number): SecretRecord[] {
  const key = SORT_KEYS[by];
  const entries = secrets.map((s) => ({ s, k: key(s) }));
  entries.sort((a, b) => {
    if (a.k !== b.k) return (a.k < b.k ? -1 : 1) * direction;
    return a.s.name < b.s.name ? -1 : a.s.name > b.s.name ? 1 : 0;
  });
  return entries.map((e) => e.s);
}

interface Sorted {
  version: number;
  /** `possibleChanges` when the keys were last found unchanged. */
  checked: number;
  records: SecretRecord[];
  /** Each record's sort key and name when sorted: a record changed in place no longer matches them. */
  keys: Array<number | string>;
  names: string[];
}

const sortedBySource = new WeakMap<SecretMap, Map<string, Sorted>>();

function stillSorted(index: Sorted, key: (s: SecretRecord) => number | string): boolean {
  const { records, keys, names } = index;
  for (let i = 0; i < records.length; i++) {
    if (records[i].name !== names[i] || key(records[i]) !== keys[i]) return false;
  }
  return true;
}

/**
 * Every secret of `source` in ListSecrets order, deleted ones included. The array is shared with later calls:
 * read it, do not change it. Sources other than a {@link VersionedMap} are sorted each time.
 */
export function sortedSecrets(
  source: Map<string, SecretRecord>,
  by: SortBy,
  direction: number,
): readonly SecretRecord[] {
  if (!(source instanceof VersionedMap)) return sortSecrets([...source.values()], by, direction);
  let indexes = sortedBySource.get(source);
  if (!indexes) sortedBySource.set(source, (indexes = new Map()));
  const id = `${by} ${direction}`;
  const key = SORT_KEYS[by];
  const known = indexes.get(id);
  if (known && known.version === source.version) {
    if (known.checked === possibleChanges) return known.records;
    if (stillSorted(known, key)) {
      known.checked = possibleChanges;
      return known.records;
    }
  }
  const records = sortSecrets([...source.values()], by, direction);
  indexes.set(id, {
    version: source.version,
    checked: possibleChanges,
    records,
    keys: records.map(key),
    names: records.map((s) => s.name),
  });
  return records;
}

const byArn = new WeakMap<SecretMap, { version: number; secrets: Map<string, SecretRecord> }>();

/**
 * The secret whose full ARN is `arn`, from an index rebuilt when the secrets change (an ARN is fixed when the secret
 * is created); a scan for other maps.
 */
export function secretByArn(source: Map<string, SecretRecord>, arn: string): SecretRecord | undefined {
  if (!(source instanceof VersionedMap)) {
    for (const s of source.values()) if (s.arn === arn) return s;
    return undefined;
  }
  let index = byArn.get(source);
  if (!index || index.version !== source.version) {
    index = { version: source.version, secrets: new Map([...source.values()].map((s) => [s.arn, s])) };
    byArn.set(source, index);
  }
  const found = index.secrets.get(arn);
  return found?.arn === arn ? found : undefined;
}
