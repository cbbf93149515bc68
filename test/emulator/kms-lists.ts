import { AwsError, validationError } from './errors';
import { customerManaged, notPendingDeletion, resolveKey } from './kms-keys';
import { decodeToken, encodeToken, optInt, optString, reqString } from './ops';
import type { Handler } from './ops';
import { toEpochSeconds } from './state';

/**
 * Aliases AWS lists in every account and region even before the service has created the key behind them
 * (such entries have no TargetKeyId).
 */
export const PREDEFINED_AWS_ALIASES = [
  'alias/aws/acm',
  'alias/aws/dynamodb',
  'alias/aws/ebs',
  'alias/aws/elasticfilesystem',
  'alias/aws/es',
  'alias/aws/glue',
  'alias/aws/kinesisvideo',
  'alias/aws/lambda',
  'alias/aws/rds',
  'alias/aws/redshift',
  'alias/aws/s3',
  'alias/aws/secretsmanager',
  'alias/aws/ssm',
  'alias/aws/xray',
];

const ALIAS_NAME = /^[a-zA-Z0-9:/_-]+$/;

export function page<T>(items: T[], limit: number, marker: string | undefined): { items: T[]; next?: string } {
  const offset = decodeToken(marker, 'InvalidMarkerException', 'Invalid marker');
  const next = offset + limit < items.length ? encodeToken(offset + limit) : undefined;
  return { items: items.slice(offset, offset + limit), next };
}

/** KMS pages: `Truncated` always, `NextMarker` only when there is more (the JS SDK paginator stops on its absence). */
export function pageAnswer(listName: string, items: unknown[], next: string | undefined): object {
  return { [listName]: items, ...(next ? { NextMarker: next } : {}), Truncated: next !== undefined };
}

export const listKeys: Handler = (ctx, input) => {
  const limit = optInt(input, 'Limit', 1, 1000) ?? 100;
  const keys = [...ctx.region.keys.values()].map((k) => ({ KeyId: k.id, KeyArn: k.arn }));
  const p = page(keys, limit, optString(input, 'Marker', 1024));
  return pageAnswer('Keys', p.items, p.next);
};

export const listAliases: Handler = (ctx, input) => {
  const limit = optInt(input, 'Limit', 1, 100) ?? 50;
  const keyId = optString(input, 'KeyId', 2048);
  const target =
    keyId === undefined ? undefined : resolveKey(ctx, keyId, { allowAlias: false, action: 'kms:ListAliases' });
  const entries: Array<Record<string, unknown>> = [];
  for (const a of ctx.region.aliases.values()) {
    if (target && a.targetKeyId !== target.id) continue;
    entries.push({
      AliasName: a.name,
      AliasArn: ctx.state.aliasArn(ctx.regionName, a.name),
      TargetKeyId: a.targetKeyId,
      CreationDate: toEpochSeconds(a.creationDate),
      LastUpdatedDate: toEpochSeconds(a.lastUpdatedDate),
    });
  }
  if (!target) {
    for (const name of PREDEFINED_AWS_ALIASES) {
      if (!ctx.region.aliases.has(name))
        entries.push({ AliasName: name, AliasArn: ctx.state.aliasArn(ctx.regionName, name) });
    }
  }
  // AWS does not document the order; sorting by name keeps pages stable (UNSETTLED).
  entries.sort((a, b) => (String(a.AliasName) < String(b.AliasName) ? -1 : 1));
  const p = page(entries, limit, optString(input, 'Marker', 1024));
  return pageAnswer('Aliases', p.items, p.next);
};

export const createAlias: Handler = (ctx, input) => {
  const name = reqString(input, 'AliasName', 256);
  if (!ALIAS_NAME.test(name))
    throw validationError(name, 'aliasName', 'Member must satisfy regular expression pattern: ^[a-zA-Z0-9:/_-]+$');
  // Error names are modelled; the wording is UNSETTLED.
  if (!name.startsWith('alias/') || name.length <= 'alias/'.length) {
    throw new AwsError('InvalidAliasNameException', 'Alias must start with the prefix "alias/".');
  }
  if (name.startsWith('alias/aws/')) {
    throw new AwsError(
      'InvalidAliasNameException',
      'Alias names beginning with alias/aws/ are reserved for AWS managed keys.',
    );
  }
  const k = resolveKey(ctx, reqString(input, 'TargetKeyId', 2048), { allowAlias: false, action: 'kms:CreateAlias' });
  customerManaged(ctx, k, 'kms:CreateAlias');
  notPendingDeletion(k);
  if (ctx.region.aliases.has(name)) {
    throw new AwsError(
      'AlreadyExistsException',
      `An alias with the name ${ctx.state.aliasArn(ctx.regionName, name)} already exists`,
    );
  }
  ctx.region.aliases.set(name, { name, targetKeyId: k.id, creationDate: ctx.now, lastUpdatedDate: ctx.now });
  return undefined;
};
