import { randomUUID } from 'node:crypto';
import { AwsError, SM_MARKED_FOR_DELETION, SM_NOT_FOUND } from './errors';
import { optArray, optBool, optInt, optString, parsePolicy, reqString, stringList } from './ops';
import type { Handler, Input, OpContext } from './ops';
import { arnSuffix, DAY_MS, toEpochSeconds } from './state';
import type { SecretRecord } from './state';
import { checkSmUntagKeys, mergeSmTags, readSmTags } from './tags';
import { listSecrets } from './secrets-list';
import { findSecret, secretView } from './secrets-view';
import { notReplica, removeRegionsFromReplication, replicateSecretToRegions, syncReplicas } from './replicas';

const NAME_CHARS = /^[A-Za-z0-9/_+=.@-]+$/;

function resolve(ctx: OpContext, input: Input): SecretRecord {
  const s = findSecret(ctx, reqString(input, 'SecretId', 2048));
  if (!s) throw new AwsError('ResourceNotFoundException', SM_NOT_FOUND);
  return s;
}

function notDeleted(s: SecretRecord): void {
  if (s.deletedDate !== undefined) throw new AwsError('InvalidRequestException', SM_MARKED_FOR_DELETION);
}

function notOwned(s: SecretRecord): void {
  // The error name is recorded; the wording is UNSETTLED.
  if (s.owningService) {
    throw new AwsError(
      'InvalidRequestException',
      `You can't perform this operation on the secret because it's managed by ${s.owningService}.`,
    );
  }
}

const createSecret: Handler = (ctx, input) => {
  const name = reqString(input, 'Name', 512);
  if (!NAME_CHARS.test(name)) {
    throw new AwsError(
      'InvalidParameterException',
      'Invalid name. Must be a valid name containing alphanumeric characters, or any of the following: -/_+=.@!',
    );
  }
  const description = optString(input, 'Description', 2048);
  const rawTags = optArray(input, 'Tags');
  const tags = rawTags && rawTags.length > 0 ? mergeSmTags(undefined, readSmTags(rawTags)) : undefined;
  const secretString = optString(input, 'SecretString', 65536);
  if (secretString !== undefined && input.SecretBinary !== undefined) {
    throw new AwsError(
      'InvalidParameterException',
      "You can't specify both a binary secret value and a string secret value in the same secret.",
    );
  }
  const existing = ctx.region.secrets.get(name);
  if (existing?.deletedDate !== undefined) {
    throw new AwsError(
      'InvalidRequestException',
      "You can't create this secret because a secret with this name is already scheduled for deletion.",
    );
  }
  if (existing)
    throw new AwsError('ResourceExistsException', `The operation failed because the secret ${name} already exists.`);
  const hasValue = secretString !== undefined || input.SecretBinary !== undefined;
  const s: SecretRecord = {
    name,
    arn: ctx.state.secretArn(ctx.regionName, name, arnSuffix()),
    description,
    tags,
    createdDate: ctx.now,
    lastChangedDate: ctx.now,
    kmsKeyId: optString(input, 'KmsKeyId', 2048),
    secretString: secretString ?? (hasValue ? '' : undefined),
    versionId: hasValue ? (optString(input, 'ClientRequestToken', 64) ?? randomUUID()) : undefined,
  };
  ctx.region.secrets.set(name, s);
  return { ARN: s.arn, Name: s.name, ...(s.versionId ? { VersionId: s.versionId } : {}) };
};

const tagResource: Handler = (ctx, input) => {
  const s = resolve(ctx, input);
  const add = readSmTags(optArray(input, 'Tags') ?? []);
  notReplica(s);
  notDeleted(s);
  notOwned(s);
  s.tags = mergeSmTags(s.tags, add);
  s.lastChangedDate = ctx.now;
  syncReplicas(ctx.state, s);
  return undefined;
};

const untagResource: Handler = (ctx, input) => {
  const s = resolve(ctx, input);
  const keys = stringList(input, 'TagKeys');
  checkSmUntagKeys(keys);
  notReplica(s);
  notDeleted(s);
  notOwned(s);
  if (s.tags && s.tags.some((t) => keys.includes(t.Key))) {
    s.tags = s.tags.filter((t) => !keys.includes(t.Key));
    s.lastChangedDate = ctx.now;
    syncReplicas(ctx.state, s);
  }
  return undefined;
};

const deleteSecret: Handler = (ctx, input) => {
  const window = optInt(input, 'RecoveryWindowInDays', Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);
  const force = optBool(input, 'ForceDeleteWithoutRecovery') ?? false;
  if (force && window !== undefined) {
    throw new AwsError(
      'InvalidParameterException',
      "You can't use ForceDeleteWithoutRecovery in conjunction with RecoveryWindowInDays.",
    );
  }
  if (window !== undefined && (window < 7 || window > 30)) {
    throw new AwsError(
      'InvalidParameterException',
      'The RecoveryWindowInDays value must be between 7 and 30 days (inclusive).',
    );
  }
  const id = reqString(input, 'SecretId', 2048);
  const s = findSecret(ctx, id);
  if (!s) {
    // Documented: a forced delete of a nonexistent secret does not fail.
    if (force) return { Name: id, DeletionDate: toEpochSeconds(ctx.now) };
    throw new AwsError('ResourceNotFoundException', SM_NOT_FOUND);
  }
  notReplica(s);
  notOwned(s);
  if (force) {
    ctx.region.secrets.delete(s.name);
    return { ARN: s.arn, Name: s.name, DeletionDate: toEpochSeconds(ctx.now) };
  }
  notDeleted(s);
  s.deletedDate = ctx.now;
  s.deletionDate = ctx.now + (window ?? 30) * DAY_MS;
  s.lastChangedDate = ctx.now;
  return { ARN: s.arn, Name: s.name, DeletionDate: toEpochSeconds(s.deletionDate) };
};

const restoreSecret: Handler = (ctx, input) => {
  const s = resolve(ctx, input);
  notReplica(s);
  s.deletedDate = undefined;
  s.deletionDate = undefined;
  s.lastChangedDate = ctx.now;
  return { ARN: s.arn, Name: s.name };
};

const describeSecret: Handler = (ctx, input) => secretView(ctx.view(resolve(ctx, input)), false);

// Refused on a replica as moto's test_secrets_duplication asserts; not confirmed against AWS (UNSETTLED).
const getResourcePolicy: Handler = (ctx, input) => {
  const s = resolve(ctx, input);
  notReplica(s);
  notDeleted(s);
  return { ARN: s.arn, Name: s.name, ...(s.policy ? { ResourcePolicy: s.policy } : {}) };
};

const putResourcePolicy: Handler = (ctx, input) => {
  const s = resolve(ctx, input);
  const policy = reqString(input, 'ResourcePolicy', 20480);
  parsePolicy(policy, 'This resource policy contains a syntax error.');
  notReplica(s);
  notDeleted(s);
  s.policy = policy;
  s.lastChangedDate = ctx.now;
  syncReplicas(ctx.state, s);
  return { ARN: s.arn, Name: s.name };
};

const getSecretValue: Handler = (ctx, input) => {
  const s = resolve(ctx, input);
  notDeleted(s);
  if (s.secretString === undefined || !s.versionId) {
    throw new AwsError(
      'ResourceNotFoundException',
      "Secrets Manager can't find the specified secret value for staging label: AWSCURRENT",
    );
  }
  s.lastAccessedDate = ctx.now;
  return {
    ARN: s.arn,
    Name: s.name,
    VersionId: s.versionId,
    SecretString: s.secretString,
    VersionStages: ['AWSCURRENT'],
    CreatedDate: toEpochSeconds(s.createdDate),
  };
};

export const secretsManagerOps: Record<string, Handler> = {
  CreateSecret: createSecret,
  ListSecrets: listSecrets,
  DescribeSecret: describeSecret,
  TagResource: tagResource,
  UntagResource: untagResource,
  DeleteSecret: deleteSecret,
  RestoreSecret: restoreSecret,
  GetResourcePolicy: getResourcePolicy,
  PutResourcePolicy: putResourcePolicy,
  GetSecretValue: getSecretValue,
  ReplicateSecretToRegions: replicateSecretToRegions,
  RemoveRegionsFromReplication: removeRegionsFromReplication,
};
