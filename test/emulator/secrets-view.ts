import type { OpContext } from './ops';
import { secretByArn } from './secrets-index';
import { DAY_MS, toEpochSeconds } from './state';
import type { SecretRecord } from './state';
import { wire } from './replicas';

/** SecretId as a name, a full ARN, or a partial ARN (the ARN without its `-XXXXXX` suffix). */
export function findSecret(
  ctx: Pick<OpContext, 'state' | 'regionName' | 'region'>,
  id: string,
): SecretRecord | undefined {
  const byName = ctx.region.secrets.get(id);
  if (byName) return byName;
  if (!id.startsWith('arn:')) return undefined;
  const byArn = secretByArn(ctx.region.secrets, id);
  if (byArn) return byArn;
  const prefix = `arn:aws:secretsmanager:${ctx.regionName}:${ctx.state.accountId}:secret:`;
  return id.startsWith(prefix) ? ctx.region.secrets.get(id.slice(prefix.length)) : undefined;
}

// LastAccessedDate is a date without time in AWS's answers.
const dayOf = (ms: number): number => Math.floor(ms / DAY_MS) * DAY_MS;

/**
 * A secret as DescribeSecret (or, as a list entry, ListSecrets) answers it. The answer is serialized at once, so it
 * shares the record's tags rather than copying them, and leaves absent members undefined: JSON.stringify omits them,
 * as AWS does.
 */
export function secretView(s: SecretRecord, listEntry: boolean): Record<string, unknown> {
  const stages = s.versionId ? { [s.versionId]: ['AWSCURRENT'] } : undefined;
  return {
    ARN: s.arn,
    Name: s.name,
    Description: s.description,
    KmsKeyId: s.kmsKeyId,
    LastChangedDate: toEpochSeconds(s.lastChangedDate),
    LastAccessedDate: s.lastAccessedDate === undefined ? undefined : toEpochSeconds(dayOf(s.lastAccessedDate)),
    DeletedDate: s.deletedDate === undefined ? undefined : toEpochSeconds(s.deletedDate),
    Tags: s.tags,
    SecretVersionsToStages: listEntry ? stages : undefined,
    VersionIdsToStages: listEntry ? undefined : stages,
    OwningService: s.owningService,
    CreatedDate: toEpochSeconds(s.createdDate),
    PrimaryRegion: s.primaryRegion,
    // ListSecrets entries have no ReplicationStatus member (SecretListEntry in the service model).
    ReplicationStatus: !listEntry && s.replicas?.length ? s.replicas.map(wire) : undefined,
  };
}
