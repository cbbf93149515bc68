import { AwsError, validationError } from './errors';
import { customerManaged, notPendingDeletion, resolveKey } from './kms-keys';
import { decodeToken, encodeToken, optInt, optString, reqString } from './ops';
import type { Handler, OpContext } from './ops';
import { toEpochSeconds } from './state';
import type { AliasRecord } from './state';
import { VersionedMap } from './versioned-map';

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
  const p = page([...ctx.region.keys.values()], limit, optString(input, 'Marker', 1024));
  return pageAnswer(
    'Keys',
    p.items.map((k) => ({ KeyId: k.id, KeyArn: k.arn })),
    p.next,
  );
};

type AliasEntry = Record<string, unknown>;

function aliasEntry(ctx: Pick<OpContext, 'state' | 'regionName'>, a: AliasRecord): AliasEntry {
  return {
    AliasName: a.name,
    AliasArn: ctx.state.aliasArn(ctx.regionName, a.name),
    TargetKeyId: a.targetKeyId,
    CreationDate: toEpochSeconds(a.creationDate),
    LastUpdatedDate: toEpochSeconds(a.lastUpdatedDate),
  };
}

const aliasLists = new WeakMap<Map<string, AliasRecord>, { version: number; arns: string; entries: AliasEntry[] }>();

/**
 * Every alias of the region and the predefined ones no key holds yet, by name. Kept from page to page while no
 * alias comes or goes (an alias record does not change in place: there is no UpdateAlias here).
 */
function allAliases(ctx: Pick<OpContext, 'state' | 'regionName' | 'region'>): AliasEntry[] {
  const { aliases } = ctx.region;
  const arns = ctx.state.aliasArn(ctx.regionName, '');
  const known = aliasLists.get(aliases);
  if (known && aliases instanceof VersionedMap && known.version === aliases.version && known.arns === arns)
    return known.entries;
  const entries = [...aliases.values()].map((a) => aliasEntry(ctx, a));
  for (const name of PREDEFINED_AWS_ALIASES) {
    if (!aliases.has(name)) entries.push({ AliasName: name, AliasArn: ctx.state.aliasArn(ctx.regionName, name) });
  }
  // AWS does not document the order; sorting by name keeps pages stable (UNSETTLED).
  entries.sort((a, b) => (String(a.AliasName) < String(b.AliasName) ? -1 : 1));
  if (aliases instanceof VersionedMap) aliasLists.set(aliases, { version: aliases.version, arns, entries });
  return entries;
}

export const listAliases: Handler = (ctx, input) => {
  const limit = optInt(input, 'Limit', 1, 100) ?? 50;
  const keyId = optString(input, 'KeyId', 2048);
  const target =
    keyId === undefined ? undefined : resolveKey(ctx, keyId, { allowAlias: false, action: 'kms:ListAliases' });
  const entries = target
    ? [...ctx.region.aliases.values()]
        .filter((a) => a.targetKeyId === target.id)
        .sort((a, b) => (a.name < b.name ? -1 : 1))
        .map((a) => aliasEntry(ctx, a))
    : allAliases(ctx);
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
