import { customerManaged, notPendingDeletion, resolveKey } from './kms-keys';
import { page, pageAnswer } from './kms-lists';
import { optInt, optString, reqArray, reqString, stringList } from './ops';
import type { Handler } from './ops';
import { checkKmsUntagKeys, mergeKmsTags, readKmsTags } from './tags';

// Tag operations take a key ID or key ARN only, never an alias.
const strict = (action: string) => ({ allowAlias: false, action });

export const listResourceTags: Handler = (ctx, input) => {
  const k = ctx.view(resolveKey(ctx, reqString(input, 'KeyId', 2048), strict('kms:ListResourceTags')));
  const limit = optInt(input, 'Limit', 1, 50) ?? 50;
  const p = page(
    k.tags.map((t) => ({ TagKey: t.TagKey, TagValue: t.TagValue })),
    limit,
    optString(input, 'Marker', 1024),
  );
  return pageAnswer('Tags', p.items, p.next);
};

export const tagResource: Handler = (ctx, input) => {
  const k = resolveKey(ctx, reqString(input, 'KeyId', 2048), strict('kms:TagResource'));
  const add = readKmsTags(reqArray(input, 'Tags'));
  customerManaged(ctx, k, 'kms:TagResource');
  notPendingDeletion(k);
  k.tags = mergeKmsTags(k.tags, add);
  if (k.tags.length) k.everTagged = true;
  return undefined;
};

/** Idempotent: keys that are not there are no error. */
export const untagResource: Handler = (ctx, input) => {
  const k = resolveKey(ctx, reqString(input, 'KeyId', 2048), strict('kms:UntagResource'));
  const keys = stringList(input, 'TagKeys');
  checkKmsUntagKeys(keys);
  customerManaged(ctx, k, 'kms:UntagResource');
  notPendingDeletion(k);
  k.tags = k.tags.filter((t) => !keys.includes(t.TagKey));
  return undefined;
};
