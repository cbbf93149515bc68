// The last listing of each profile/region, kept on disk so that a new window shows the tree at once, marked as
// cached, while the fresh listing runs. It holds tag keys and values (never a secret's value), so the file is the
// user's alone (0600), like the history. Nothing is ever decided from it: the write path reads AWS first.
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { KmsKeyResource, Scope, SecretResource } from './types';

const VERSION = 1;
const PREFIX = 'listing-';

export interface ListingSnapshot {
  readonly savedAt: number;
  readonly accountId?: string;
  readonly secrets?: readonly SecretResource[];
  readonly keys?: readonly KmsKeyResource[];
}

const DATE_FIELDS = ['lastChangedDate', 'deletedDate', 'deletionDate'] as const;

/** JSON has no dates: they go out as ISO strings and come back as Date. */
function revive<T extends object>(resource: T): T {
  const copy = { ...resource } as Record<string, unknown>;
  for (const field of DATE_FIELDS) if (typeof copy[field] === 'string') copy[field] = new Date(copy[field]);
  return copy as unknown as T;
}

/**
 * What else decides what a listing holds: another endpoint is another "AWS", and a listing made without the secrets
 * planned for deletion (or the AWS managed keys) is not a listing with them.
 */
export interface ListingVariant {
  readonly endpoint: string | undefined;
  readonly includePlannedDeletion: boolean;
  readonly awsManagedKeys: boolean;
}

export class ListingCache {
  constructor(private readonly dir: string) {}

  /** One file per profile, region and variant. */
  private file(scope: Scope, variant: ListingVariant): string {
    const key = [scope.profile ?? null, scope.region, variant.endpoint ?? null];
    key.push(String(variant.includePlannedDeletion), String(variant.awsManagedKeys));
    const id = createHash('sha256').update(JSON.stringify(key)).digest('hex').slice(0, 24);
    return join(this.dir, `${PREFIX}${id}.json`);
  }

  /** The snapshot, or undefined when there is none or it cannot be read (a cache is never worth an error). */
  async read(scope: Scope, variant: ListingVariant): Promise<ListingSnapshot | undefined> {
    try {
      const parsed = JSON.parse(await readFile(this.file(scope, variant), 'utf8')) as {
        version?: number;
      } & ListingSnapshot;
      if (parsed.version !== VERSION || typeof parsed.savedAt !== 'number') return undefined;
      return {
        savedAt: parsed.savedAt,
        accountId: typeof parsed.accountId === 'string' ? parsed.accountId : undefined,
        secrets: Array.isArray(parsed.secrets) ? parsed.secrets.map(revive) : undefined,
        keys: Array.isArray(parsed.keys) ? parsed.keys.map(revive) : undefined,
      };
    } catch {
      return undefined;
    }
  }

  /** Written whole to a temporary file, then renamed: a window reading it never sees half of it. */
  async write(scope: Scope, variant: ListingVariant, snapshot: ListingSnapshot): Promise<void> {
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    const target = this.file(scope, variant);
    const temporary = `${target}.${process.pid}.tmp`;
    await writeFile(temporary, JSON.stringify({ version: VERSION, ...snapshot }), { mode: 0o600 });
    await rename(temporary, target);
  }

  async clear(): Promise<void> {
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch {
      return;
    }
    await Promise.all(names.filter((n) => n.startsWith(PREFIX)).map((n) => rm(join(this.dir, n), { force: true })));
  }
}
