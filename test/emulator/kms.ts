import { randomBytes, randomUUID } from 'node:crypto';
import { AwsError, validationError } from './errors';
import { customerManaged, defaultKeyPolicy, keyMetadata, notPendingDeletion, resolveKey } from './kms-keys';
import { createAlias, listAliases, listKeys } from './kms-lists';
import { listResourceTags, tagResource, untagResource } from './kms-tags';
import { optArray, optBool, optInt, optString, parsePolicy, reqString } from './ops';
import type { Handler, Input, OpContext } from './ops';
import { DAY_MS, toEpochSeconds } from './state';
import type { KeyRecord } from './state';
import { readKmsTags } from './tags';

export const KEY_SPECS = [
  'SYMMETRIC_DEFAULT',
  'RSA_2048',
  'RSA_3072',
  'RSA_4096',
  'ECC_NIST_P256',
  'ECC_NIST_P384',
  'ECC_NIST_P521',
  'ECC_SECG_P256K1',
  'ECC_NIST_EDWARDS25519',
  'HMAC_224',
  'HMAC_256',
  'HMAC_384',
  'HMAC_512',
  'SM2',
  'ML_DSA_44',
  'ML_DSA_65',
  'ML_DSA_87',
];
const KEY_USAGES = ['ENCRYPT_DECRYPT', 'SIGN_VERIFY', 'GENERATE_VERIFY_MAC', 'KEY_AGREEMENT'];

function key(ctx: OpContext, input: Input, action: string): KeyRecord {
  return resolveKey(ctx, reqString(input, 'KeyId', 2048), { allowAlias: false, action });
}

const createKey: Handler = (ctx, input) => {
  const spec = optString(input, 'KeySpec') ?? optString(input, 'CustomerMasterKeySpec') ?? 'SYMMETRIC_DEFAULT';
  if (!KEY_SPECS.includes(spec))
    throw validationError(spec, 'keySpec', `Member must satisfy enum value set: [${KEY_SPECS.join(', ')}]`);
  const usageIn = optString(input, 'KeyUsage');
  if (usageIn !== undefined && !KEY_USAGES.includes(usageIn)) {
    throw validationError(usageIn, 'keyUsage', `Member must satisfy enum value set: [${KEY_USAGES.join(', ')}]`);
  }
  // Documented: KeyUsage may be omitted only for symmetric encryption keys (the wording of the error is UNSETTLED).
  if (usageIn === undefined && spec !== 'SYMMETRIC_DEFAULT') {
    throw new AwsError('ValidationException', `You must specify a KeyUsage value for a ${spec} KMS key.`);
  }
  const usage = usageIn ?? 'ENCRYPT_DECRYPT';
  if (
    (spec === 'SYMMETRIC_DEFAULT' && usage !== 'ENCRYPT_DECRYPT') ||
    spec.startsWith('HMAC_') !== (usage === 'GENERATE_VERIFY_MAC')
  ) {
    throw new AwsError('ValidationException', `KeyUsage ${usage} is not compatible with KeySpec ${spec}`);
  }
  const policy = optString(input, 'Policy', 131072);
  if (policy !== undefined)
    parsePolicy(policy, 'The new key policy will not allow you to update the key policy in the future.');
  const tags = readKmsTags(optArray(input, 'Tags') ?? []);
  const multiRegion = optBool(input, 'MultiRegion') ?? false;
  const origin = optString(input, 'Origin') ?? 'AWS_KMS';
  const id = multiRegion ? `mrk-${randomBytes(16).toString('hex')}` : randomUUID();
  const k: KeyRecord = {
    id,
    arn: ctx.state.keyArn(ctx.regionName, id),
    description: optString(input, 'Description', 8192) ?? '',
    keySpec: spec,
    keyUsage: usage,
    state: origin === 'EXTERNAL' ? 'PendingImport' : 'Enabled',
    manager: 'CUSTOMER',
    origin,
    multiRegion,
    creationDate: ctx.now,
    policy: policy ?? defaultKeyPolicy(ctx.state.accountId, 'CUSTOMER'),
    tags,
    ...(tags.length ? { everTagged: true } : {}),
  };
  ctx.region.keys.set(id, k);
  return { KeyMetadata: keyMetadata(ctx, k) };
};

const describeKey: Handler = (ctx, input) => {
  const k = resolveKey(ctx, reqString(input, 'KeyId', 2048), { allowAlias: true, action: 'kms:DescribeKey' });
  return { KeyMetadata: keyMetadata(ctx, ctx.view(k)) };
};

const scheduleKeyDeletion: Handler = (ctx, input) => {
  const k = key(ctx, input, 'kms:ScheduleKeyDeletion');
  const days = optInt(input, 'PendingWindowInDays', 1, 365) ?? 30;
  // The model allows 1..365; the API reference narrows it to 7..30.
  if (days < 7) throw validationError(days, 'pendingWindowInDays', 'Member must have value greater than or equal to 7');
  if (days > 30) throw validationError(days, 'pendingWindowInDays', 'Member must have value less than or equal to 30');
  customerManaged(ctx, k, 'kms:ScheduleKeyDeletion');
  notPendingDeletion(k);
  k.state = 'PendingDeletion';
  k.deletionDate = ctx.now + days * DAY_MS;
  k.pendingWindowInDays = days;
  return { KeyId: k.arn, DeletionDate: toEpochSeconds(k.deletionDate), KeyState: k.state, PendingWindowInDays: days };
};

const cancelKeyDeletion: Handler = (ctx, input) => {
  const k = key(ctx, input, 'kms:CancelKeyDeletion');
  customerManaged(ctx, k, 'kms:CancelKeyDeletion');
  if (k.state !== 'PendingDeletion')
    throw new AwsError('KMSInvalidStateException', `${k.arn} is not pending deletion.`);
  k.state = 'Disabled';
  k.deletionDate = undefined;
  k.pendingWindowInDays = undefined;
  return { KeyId: k.arn };
};

function setEnabled(enabled: boolean): Handler {
  const action = enabled ? 'kms:EnableKey' : 'kms:DisableKey';
  return (ctx, input) => {
    const k = key(ctx, input, action);
    customerManaged(ctx, k, action);
    notPendingDeletion(k);
    if (k.state === 'PendingImport') throw new AwsError('KMSInvalidStateException', `${k.arn} is pending import.`);
    k.state = enabled ? 'Enabled' : 'Disabled';
    return undefined;
  };
}

function policyName(input: Input): void {
  const name = optString(input, 'PolicyName', 128) ?? 'default';
  if (name !== 'default') throw new AwsError('NotFoundException', 'No such policy exists');
}

const getKeyPolicy: Handler = (ctx, input) => {
  const k = key(ctx, input, 'kms:GetKeyPolicy');
  policyName(input);
  return { Policy: k.policy, PolicyName: 'default' };
};

const putKeyPolicy: Handler = (ctx, input) => {
  const k = key(ctx, input, 'kms:PutKeyPolicy');
  policyName(input);
  const policy = reqString(input, 'Policy', 131072);
  parsePolicy(policy, 'The new key policy will not allow you to update the key policy in the future.');
  customerManaged(ctx, k, 'kms:PutKeyPolicy');
  k.policy = policy;
  return undefined;
};

export const kmsOps: Record<string, Handler> = {
  CreateKey: createKey,
  CreateAlias: createAlias,
  ListKeys: listKeys,
  ListAliases: listAliases,
  DescribeKey: describeKey,
  ListResourceTags: listResourceTags,
  TagResource: tagResource,
  UntagResource: untagResource,
  ScheduleKeyDeletion: scheduleKeyDeletion,
  CancelKeyDeletion: cancelKeyDeletion,
  DisableKey: setEnabled(false),
  EnableKey: setEnabled(true),
  GetKeyPolicy: getKeyPolicy,
  PutKeyPolicy: putKeyPolicy,
};
