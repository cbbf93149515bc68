import {
  DescribeSecretCommand,
  GetResourcePolicyCommand,
  ListSecretsCommand,
  TagResourceCommand,
  UntagResourceCommand,
  type DescribeSecretResponse,
  type SecretListEntry,
  type SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { mergeStreams } from './mergeStreams';
import { Pacer, TAGGING_QUOTAS } from './pacer';
import { chainFilter, partitionNames } from './secretNamePartition';
import type { SecretResource, Tag } from './types';
import { sendOptions } from './clients';

export interface ListSecretsOptions {
  readonly includePlannedDeletion?: boolean;
  /** Server-side narrowing (ListSecrets `Filters`), e.g. `tag-key`. */
  readonly filters?: ReadonlyArray<{ Key: 'tag-key' | 'tag-value'; Values: string[] }>;
  readonly pageSize?: number;
  readonly signal?: AbortSignal;
}

const LIST_SECRETS_PER_SECOND = 100;

/** Secrets Manager calls. Takes its client so tests and the benchmark can aim it at the emulator. */
export class SecretsService {
  /** One pacer per account and region: TagResource and UntagResource share Secrets Manager's quota. */
  private readonly tagging = new Pacer(TAGGING_QUOTAS.secretsManagerTagging);
  /** ListSecrets: 100 requests per second per account and region, whatever the number of chains. */
  private readonly listing = new Pacer(LIST_SECRETS_PER_SECOND);

  constructor(
    private readonly client: SecretsManagerClient,
    private readonly region: string,
  ) {}

  /**
   * Yields each ListSecrets page as it arrives, so the first page can be shown before the rest; `more` says
   * whether another page follows, so the last page can be shown as complete without waiting for the loop to end.
   * When the first page says more follow, the rest is listed by chains over parts of the names side by side
   * (secretNamePartition.ts says why they miss none); a secret is yielded once, whichever chain names it first.
   */
  async *listPages(options: ListSecretsOptions = {}): AsyncGenerator<{ secrets: SecretResource[]; more: boolean }> {
    const first = this.walk(options, undefined, options.signal);
    const head = await first.next();
    if (head.done) return;
    yield head.value;
    if (!head.value.more) return;
    // A filter of the user's is left to one walk: how AWS combines several filters is not documented, and a
    // narrowed listing is short anyway.
    const chains = options.filters?.length ? [] : partitionNames(head.value.secrets.map((s) => s.name));
    if (chains.length === 0) {
      yield* first;
      return;
    }
    await first.return(undefined);
    const seen = new Set(head.value.secrets.map((s) => s.arn));
    const stop = new AbortController();
    const abort = (): void => stop.abort(options.signal?.reason);
    options.signal?.addEventListener('abort', abort, { once: true });
    if (options.signal?.aborted) abort();
    try {
      let open = chains.length;
      for await (const page of mergeStreams(chains.map((c) => this.walk(options, chainFilter(c), stop.signal)))) {
        if (!page.more) open--;
        const fresh = page.secrets.filter((s) => !seen.has(s.arn));
        for (const s of fresh) seen.add(s.arn);
        if (fresh.length > 0 || open === 0) yield { secrets: fresh, more: open > 0 };
      }
    } finally {
      // A failed chain or a caller that stopped reading leaves the others nothing to do.
      options.signal?.removeEventListener('abort', abort);
      stop.abort();
    }
  }

  /** One NextToken chain, paced under the account's ListSecrets quota that every chain shares. */
  private async *walk(
    options: ListSecretsOptions,
    nameFilter: { Key: 'name'; Values: string[] } | undefined,
    signal: AbortSignal | undefined,
  ): AsyncGenerator<{ secrets: SecretResource[]; more: boolean }> {
    const filters = [...(options.filters ?? []), ...(nameFilter ? [nameFilter] : [])];
    let nextToken: string | undefined;
    do {
      await this.listing.acquire();
      const page = await this.client.send(
        new ListSecretsCommand({
          MaxResults: options.pageSize ?? 100,
          NextToken: nextToken,
          IncludePlannedDeletion: options.includePlannedDeletion ?? false,
          Filters: filters.length ? filters.map((f) => ({ Key: f.Key, Values: [...f.Values] })) : undefined,
        }),
        sendOptions(signal),
      );
      nextToken = page.NextToken;
      // AWS can answer an empty page that still carries a NextToken: keep going without yielding nothing.
      const secrets = (page.SecretList ?? []).map((entry) => toSecret(entry, this.region));
      if (secrets.length > 0 || !nextToken) yield { secrets, more: nextToken !== undefined };
    } while (nextToken);
  }

  /** Reads one secret back. ListSecrets lags by minutes after a change; DescribeSecret does not. */
  async describe(secretId: string): Promise<SecretResource> {
    const answer = await this.client.send(new DescribeSecretCommand({ SecretId: secretId }));
    return toSecret(answer, this.region);
  }

  /** The secret's resource policy, or undefined when it has none. */
  async resourcePolicy(arn: string): Promise<string | undefined> {
    return (await this.client.send(new GetResourcePolicyCommand({ SecretId: arn }))).ResourcePolicy ?? undefined;
  }

  async untag(arn: string, keys: readonly string[]): Promise<void> {
    await this.tagging.acquire();
    await this.client.send(new UntagResourceCommand({ SecretId: arn, TagKeys: [...keys] }));
  }

  async tag(arn: string, tags: readonly Tag[]): Promise<void> {
    await this.tagging.acquire();
    await this.client.send(
      new TagResourceCommand({ SecretId: arn, Tags: tags.map((t) => ({ Key: t.key, Value: t.value })) }),
    );
  }
}

export function toSecret(
  entry: SecretListEntry & Pick<DescribeSecretResponse, 'ReplicationStatus'>,
  region: string,
): SecretResource {
  const replicas = entry.ReplicationStatus?.flatMap((r) => (r.Region ? [r.Region] : []));
  return {
    kind: 'secret',
    arn: entry.ARN ?? '',
    name: entry.Name ?? entry.ARN ?? '',
    region,
    description: entry.Description,
    // A secret never tagged has no Tags key at all: that is zero tags, not "unknown".
    tags: (entry.Tags ?? []).map((t) => ({ key: t.Key ?? '', value: t.Value ?? '' })),
    lastChangedDate: entry.LastChangedDate,
    deletedDate: entry.DeletedDate,
    owningService: entry.OwningService,
    primaryRegion: entry.PrimaryRegion,
    ...(replicas?.length ? { replicaRegions: replicas } : {}),
  };
}
