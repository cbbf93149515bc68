// Peer (a): what a developer writes with the same SDK and no care for speed: default clients, one call at a time.
import {
  DescribeKeyCommand,
  KMSClient,
  ListKeysCommand,
  ListResourceTagsCommand,
  UntagResourceCommand as KmsUntag,
  paginateListAliases,
  paginateListKeys,
} from '@aws-sdk/client-kms';
import {
  DescribeSecretCommand,
  ListSecretsCommand,
  SecretsManagerClient,
  UntagResourceCommand as SecretsUntag,
  paginateListSecrets,
} from '@aws-sdk/client-secrets-manager';
import { performance } from 'node:perf_hooks';
import { REGION } from '../ours';

export interface Target {
  kind: 'secret' | 'kmsKey';
  arn: string;
  tagKey: string;
}

function clients(endpoint: string): { sm: SecretsManagerClient; kms: KMSClient; destroy(): void } {
  const sm = new SecretsManagerClient({ region: REGION, endpoint });
  const kms = new KMSClient({ region: REGION, endpoint });
  return { sm, kms, destroy: () => (sm.destroy(), kms.destroy()) };
}

/** Every secret page by page; the time to the first page and to the last. */
export async function naiveListSecrets(endpoint: string): Promise<{ firstPage: number; all: number; count: number }> {
  const c = clients(endpoint);
  try {
    const start = performance.now();
    let firstPage = NaN;
    let count = 0;
    for await (const page of paginateListSecrets({ client: c.sm }, {})) {
      if (Number.isNaN(firstPage)) firstPage = (performance.now() - start) / 1000;
      count += page.SecretList?.length ?? 0;
    }
    return { firstPage, all: (performance.now() - start) / 1000, count };
  } finally {
    c.destroy();
  }
}

/** Keys, then aliases, then each customer key's DescribeKey and tags: all in sequence. */
export async function naiveKeys(endpoint: string): Promise<{ listed: number; seconds: number; detailed: number }> {
  const c = clients(endpoint);
  try {
    const start = performance.now();
    const keys: string[] = [];
    for await (const page of paginateListKeys({ client: c.kms }, {}))
      for (const k of page.Keys ?? []) if (k.KeyArn) keys.push(k.KeyArn);
    const awsManaged = new Set<string>();
    for await (const page of paginateListAliases({ client: c.kms }, {})) {
      for (const a of page.Aliases ?? [])
        if (a.TargetKeyId && a.AliasName?.startsWith('alias/aws/')) awsManaged.add(a.TargetKeyId);
    }
    const listed = (performance.now() - start) / 1000;
    let detailed = 0;
    for (const arn of keys) {
      if (awsManaged.has(arn.slice(arn.lastIndexOf('/') + 1))) continue;
      await c.kms.send(new DescribeKeyCommand({ KeyId: arn }));
      await c.kms.send(new ListResourceTagsCommand({ KeyId: arn }));
      detailed++;
    }
    return { listed, seconds: (performance.now() - start) / 1000, detailed };
  } finally {
    c.destroy();
  }
}

/**
 * UntagResource then a read-back, resource after resource; failures (after the SDK's retries) are counted.
 * The connections are opened first, as ours are by the time a user removes a tag from the tree.
 */
export async function naiveRemove(
  endpoint: string,
  targets: readonly Target[],
): Promise<{ seconds: number; each: number[]; failed: number }> {
  const c = clients(endpoint);
  try {
    await c.sm.send(new ListSecretsCommand({ MaxResults: 1 }));
    await c.kms.send(new ListKeysCommand({ Limit: 1 }));
    const start = performance.now();
    const each: number[] = [];
    let failed = 0;
    for (const t of targets) {
      const began = performance.now();
      try {
        if (t.kind === 'secret') {
          await c.sm.send(new SecretsUntag({ SecretId: t.arn, TagKeys: [t.tagKey] }));
          await c.sm.send(new DescribeSecretCommand({ SecretId: t.arn }));
        } else {
          await c.kms.send(new KmsUntag({ KeyId: t.arn, TagKeys: [t.tagKey] }));
          await c.kms.send(new ListResourceTagsCommand({ KeyId: t.arn }));
        }
      } catch {
        failed++;
      }
      each.push((performance.now() - began) / 1000);
    }
    return { seconds: (performance.now() - start) / 1000, each, failed };
  } finally {
    c.destroy();
  }
}
