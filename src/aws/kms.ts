import {
  DescribeKeyCommand,
  GetKeyPolicyCommand,
  ListAliasesCommand,
  ListKeysCommand,
  ListResourceTagsCommand,
  TagResourceCommand,
  UntagResourceCommand,
  type KMSClient,
  type KeyMetadata,
} from '@aws-sdk/client-kms';
import { sendOptions } from './clients';
import { Gate } from './concurrency';
import type { KeyTagIndex } from './keyTagIndex';
import { Pacer, READ_QUOTAS, TAGGING_QUOTAS } from './pacer';
import type { KeyManager, KmsKeyResource, Tag } from './types';

const AWS_MANAGED_ALIAS = /^alias\/aws\//;

/** KMS calls. Tag calls always use the key ARN: KMS refuses aliases there. */
export class KmsService {
  private readonly untagging = new Pacer(TAGGING_QUOTAS.kmsUntagResource);
  private readonly tagging = new Pacer(TAGGING_QUOTAS.kmsTagResource);
  private readonly describing = new Pacer(READ_QUOTAS.kmsDescribeKey);
  private readonly fallbackReads = new Gate(16);

  constructor(
    private readonly client: KMSClient,
    private readonly region: string,
    private readonly tagIndex?: KeyTagIndex,
  ) {}

  /**
   * All keys with their aliases, before any per-key detail: ListKeys and ListAliases run side by side,
   * so the tree can show every key after two short chains of pages.
   */
  async listKeys(signal?: AbortSignal): Promise<KmsKeyResource[]> {
    const [keys, aliases] = await Promise.all([this.allKeys(signal), this.aliasesByKey(signal)]);
    return keys.map(({ keyId, arn }) => {
      const keyAliases = aliases.get(keyId) ?? [];
      return {
        kind: 'kmsKey',
        arn,
        keyId,
        name: keyAliases[0]?.replace(/^alias\//, '') ?? keyId,
        region: this.region,
        aliases: keyAliases,
        // An alias under alias/aws/ exists only on AWS managed keys: known before DescribeKey answers.
        keyManager: keyAliases.some((a) => AWS_MANAGED_ALIAS.test(a)) ? 'AWS' : undefined,
        tags: undefined,
      };
    });
  }

  /**
   * DescribeKey and the key's tags, fetched together. With `tagsByArn` (an answer of `allKeyTags`) the tags come from
   * there; without it, or when it is undefined, from ListResourceTags. `onDescribed` is told when DescribeKey has
   * answered, so that a caller pacing keys can start the next one while this one waits for the Tagging API.
   */
  async details(
    key: KmsKeyResource,
    tagsByArn?: Promise<ReadonlyMap<string, Tag[]> | undefined>,
    onDescribed?: () => void,
  ): Promise<KmsKeyResource> {
    const describing = this.describe(key.arn);
    if (onDescribed) describing.then(onDescribed, onDescribed);
    const [metadata, tags] = await Promise.all([describing, this.tagsOf(key.arn, tagsByArn)]);
    return withMetadata({ ...key, tags }, metadata);
  }

  /** Every key's tags by ARN from the Tagging API; undefined when it cannot be used here. Never rejects. */
  allKeyTags(): Promise<ReadonlyMap<string, Tag[]> | undefined> {
    return this.tagIndex ? this.tagIndex.read() : Promise.resolve(undefined);
  }

  async describe(keyId: string): Promise<KeyMetadata> {
    await this.describing.acquire();
    const answer = await this.client.send(new DescribeKeyCommand({ KeyId: keyId }));
    if (!answer.KeyMetadata) throw new Error(`DescribeKey returned no metadata for ${keyId}`);
    return answer.KeyMetadata;
  }

  async listTags(keyArn: string): Promise<Tag[]> {
    const tags: Tag[] = [];
    let marker: string | undefined;
    do {
      const page = await this.client.send(new ListResourceTagsCommand({ KeyId: keyArn, Limit: 50, Marker: marker }));
      for (const t of page.Tags ?? []) tags.push({ key: t.TagKey ?? '', value: t.TagValue ?? '' });
      marker = page.Truncated ? page.NextMarker : undefined;
    } while (marker);
    return tags;
  }

  private async tagsOf(keyArn: string, tagsByArn?: Promise<ReadonlyMap<string, Tag[]> | undefined>): Promise<Tag[]> {
    if (!tagsByArn) return this.listTags(keyArn);
    const listed = await tagsByArn;
    // Not named in a complete GetResources answer: never tagged (see KeyTagIndex).
    if (listed) return [...(listed.get(keyArn) ?? [])];
    // The Tagging API failed after the keys waiting for it had moved on: their fallback reads go 16 at a time.
    return this.fallbackReads.run(() => this.listTags(keyArn));
  }

  /** The key policy (KMS keys have exactly one, named "default"). */
  async keyPolicy(keyArn: string): Promise<string | undefined> {
    return (
      (await this.client.send(new GetKeyPolicyCommand({ KeyId: keyArn, PolicyName: 'default' }))).Policy ?? undefined
    );
  }

  async untag(keyArn: string, keys: readonly string[]): Promise<void> {
    await this.untagging.acquire();
    await this.client.send(new UntagResourceCommand({ KeyId: keyArn, TagKeys: [...keys] }));
  }

  async tag(keyArn: string, tags: readonly Tag[]): Promise<void> {
    await this.tagging.acquire();
    await this.client.send(
      new TagResourceCommand({ KeyId: keyArn, Tags: tags.map((t) => ({ TagKey: t.key, TagValue: t.value })) }),
    );
  }

  private async allKeys(signal?: AbortSignal): Promise<Array<{ keyId: string; arn: string }>> {
    const keys: Array<{ keyId: string; arn: string }> = [];
    let marker: string | undefined;
    do {
      const page = await this.client.send(new ListKeysCommand({ Limit: 1000, Marker: marker }), sendOptions(signal));
      for (const k of page.Keys ?? []) if (k.KeyId && k.KeyArn) keys.push({ keyId: k.KeyId, arn: k.KeyArn });
      marker = page.Truncated ? page.NextMarker : undefined;
    } while (marker);
    return keys;
  }

  private async aliasesByKey(signal?: AbortSignal): Promise<Map<string, string[]>> {
    const byKey = new Map<string, string[]>();
    let marker: string | undefined;
    do {
      const page = await this.client.send(new ListAliasesCommand({ Limit: 100, Marker: marker }), sendOptions(signal));
      for (const alias of page.Aliases ?? []) {
        // Predefined AWS aliases may point at no key yet.
        if (!alias.TargetKeyId || !alias.AliasName) continue;
        const list = byKey.get(alias.TargetKeyId) ?? [];
        list.push(alias.AliasName);
        byKey.set(alias.TargetKeyId, list);
      }
      marker = page.Truncated ? page.NextMarker : undefined;
    } while (marker);
    for (const list of byKey.values()) list.sort();
    return byKey;
  }
}

export function withMetadata(key: KmsKeyResource, metadata: KeyMetadata): KmsKeyResource {
  return {
    ...key,
    description: metadata.Description || undefined,
    keyManager: (metadata.KeyManager as KeyManager | undefined) ?? key.keyManager,
    keyState: metadata.KeyState,
    keySpec: metadata.KeySpec,
    deletionDate: metadata.DeletionDate,
  };
}
