// Replica secrets, as the Secrets Manager User Guide ("Replicate secrets across Regions") describes them: a replica
// has the primary's name and ARN with its own Region, "Secrets Manager replicates the encrypted secret data and
// metadata such as tags and resource policies", and "a replica secret can't be updated independently from its
// primary secret" (standalone-secret.html). A change made on a replica is refused with InvalidParameterException,
// "Operation not permitted on a replica secret. Call must be made in primary secret's region." (the text quoted from
// AWS in terraform-aws-secrets-manager#188 and cloud-nuke#435; moto's test_secrets_duplication asserts the same for
// TagResource and UntagResource). That later tag changes on the primary reach its replicas is not said in so many
// words; the guide says tags are replicated metadata and users report resource policies following the primary
// (terraform-aws-secrets-manager#188), so tags follow here, at once.
import { AwsError } from './errors';
import { optArray, optBool, reqArray, reqString } from './ops';
import type { Handler, OpContext } from './ops';
import type { EmulatorState, SecretRecord } from './state';
import { findSecret } from './secrets-view';

export const REPLICA_REFUSED =
  "Operation not permitted on a replica secret. Call must be made in primary secret's region.";
// The wording of a failed replication's StatusMessage is UNSETTLED; AWS's example of success says this.
const IN_SYNC = 'Replication succeeded';

export interface ReplicaStatus {
  region: string;
  kmsKeyId?: string;
  status: 'InSync' | 'Failed' | 'InProgress';
  statusMessage?: string;
}

export const regionOfArn = (arn: string): string => arn.split(':')[3] ?? '';

export function isReplica(s: SecretRecord): boolean {
  return s.primaryRegion !== undefined && s.primaryRegion !== regionOfArn(s.arn);
}

export function notReplica(s: SecretRecord): void {
  if (isReplica(s)) throw new AwsError('InvalidParameterException', REPLICA_REFUSED);
}

/** Copies the replicated metadata (tags, description, resource policy) of a primary to each of its replicas. */
export function syncReplicas(state: EmulatorState, primary: SecretRecord): void {
  for (const r of primary.replicas ?? []) {
    const replica = state.region(r.region).secrets.get(primary.name);
    if (!replica || !isReplica(replica)) continue;
    replica.tags = primary.tags?.map((t) => ({ ...t }));
    replica.description = primary.description;
    replica.policy = primary.policy;
    replica.lastChangedDate = primary.lastChangedDate;
  }
}

/** Creates (or, with `force`, overwrites) the replica of `primary` in `region`; the status says how it went. */
export function replicate(
  state: EmulatorState,
  primary: SecretRecord,
  region: string,
  kmsKeyId: string | undefined,
  force: boolean,
): ReplicaStatus {
  const home = regionOfArn(primary.arn);
  const there = state.region(region).secrets;
  const existing = there.get(primary.name);
  if (existing && !force && !(isReplica(existing) && existing.primaryRegion === home)) {
    return {
      region,
      kmsKeyId,
      status: 'Failed',
      statusMessage: `Replication failed: Secret name ${primary.name} already exists in this region.`,
    };
  }
  const suffix = primary.arn.slice(primary.arn.lastIndexOf('-') + 1);
  there.set(primary.name, {
    ...primary,
    arn: state.secretArn(region, primary.name, suffix),
    tags: primary.tags?.map((t) => ({ ...t })),
    kmsKeyId: kmsKeyId ?? 'alias/aws/secretsmanager',
    primaryRegion: home,
    replicas: undefined,
  });
  primary.primaryRegion = home;
  return { region, kmsKeyId: kmsKeyId ?? 'alias/aws/secretsmanager', status: 'InSync', statusMessage: IN_SYNC };
}

function primaryOf(ctx: OpContext, secretId: string): SecretRecord {
  const s = findSecret(ctx, secretId);
  if (!s) throw new AwsError('ResourceNotFoundException', "Secrets Manager can't find the specified secret.");
  notReplica(s);
  return s;
}

export const wire = (r: ReplicaStatus) => ({
  Region: r.region,
  KmsKeyId: r.kmsKeyId,
  Status: r.status,
  StatusMessage: r.statusMessage,
});

export const replicateSecretToRegions: Handler = (ctx, input) => {
  const s = primaryOf(ctx, reqString(input, 'SecretId', 2048));
  const regions = reqArray(input, 'AddReplicaRegions').map((r) => {
    const { Region, KmsKeyId } = (r ?? {}) as { Region?: unknown; KmsKeyId?: unknown };
    if (typeof Region !== 'string' || !/^[a-z]{2}(-[a-z]+)+-\d$/.test(Region))
      throw new AwsError('InvalidParameterException', `Invalid Region: ${String(Region)}`);
    return { region: Region, kmsKeyId: typeof KmsKeyId === 'string' ? KmsKeyId : undefined };
  });
  const force = optBool(input, 'ForceOverwriteReplicaSecret') ?? false;
  const statuses = (s.replicas ?? []).filter((r) => !regions.some((n) => n.region === r.region));
  for (const { region, kmsKeyId } of regions) {
    if (region === regionOfArn(s.arn)) throw new AwsError('InvalidParameterException', 'Invalid replica region.');
    statuses.push(replicate(ctx.state, s, region, kmsKeyId, force));
  }
  s.replicas = statuses;
  // AWS answers while replication is still under way (the CLI's example shows InProgress); reads show the result.
  return {
    ARN: s.arn,
    ReplicationStatus: regions.map((r) => ({
      ...wire(statuses.find((x) => x.region === r.region)!),
      Status: 'InProgress',
    })),
  };
};

/** Deletes the replicas in the given Regions (API reference: "deletes the secret replicas from the Regions you specify"). */
export const removeRegionsFromReplication: Handler = (ctx, input) => {
  const s = primaryOf(ctx, reqString(input, 'SecretId', 2048));
  const remove = (optArray(input, 'RemoveReplicaRegions') ?? reqArray(input, 'RemoveReplicaRegions')).map(String);
  for (const region of remove) {
    const replica = ctx.state.region(region).secrets.get(s.name);
    if (replica && isReplica(replica)) ctx.state.region(region).secrets.delete(s.name);
  }
  s.replicas = (s.replicas ?? []).filter((r) => !remove.includes(r.region));
  return { ARN: s.arn, ReplicationStatus: s.replicas.map(wire) };
};
