import { applyIamSeed } from './iam-seed';
import { defaultKeyPolicy } from './kms-keys';
import { replicate } from './replicas';
import { applySsoSeed } from './sso-state';
import { arnSuffix, DAY_MS, stableUuid } from './state';
import type { EmulatorState, KeyRecord, SecretRecord } from './state';
import { kmsTags, smTags } from './tags';
import type { Seed, SeedKey, SeedSecret } from './types';

const policyText = (p: string | object): string => (typeof p === 'string' ? p : JSON.stringify(p, null, 2));

function defaultUsage(spec: string): string {
  if (spec.startsWith('HMAC_')) return 'GENERATE_VERIFY_MAC';
  if (spec.startsWith('ECC_') || spec.startsWith('ML_DSA_') || spec === 'SM2') return 'SIGN_VERIFY';
  return 'ENCRYPT_DECRYPT';
}

function seedSecret(state: EmulatorState, regionName: string, s: SeedSecret, now: number): void {
  const region = state.region(regionName);
  if (!s.name) throw new Error(`seed: a secret in ${regionName} has no name`);
  if (region.secrets.has(s.name)) throw new Error(`seed: secret ${s.name} already exists in ${regionName}`);
  // Seed order breaks ties, so secrets with the same age list in the order the seed gives them.
  const created = now - (s.createdDaysAgo ?? 30) * DAY_MS + region.secrets.size;
  const rec: SecretRecord = {
    name: s.name,
    arn: state.secretArn(regionName, s.name, s.arnSuffix ?? arnSuffix(`${state.accountId}/${regionName}/${s.name}`)),
    description: s.description,
    tags: s.tags === undefined ? undefined : smTags(s.tags),
    createdDate: created,
    lastChangedDate: s.lastChangedDaysAgo === undefined ? created : now - s.lastChangedDaysAgo * DAY_MS,
    lastAccessedDate: s.lastAccessedDaysAgo === undefined ? undefined : now - s.lastAccessedDaysAgo * DAY_MS,
    owningService: s.owningService,
    primaryRegion: s.primaryRegion,
    kmsKeyId: s.kmsKeyId,
    policy: s.policy === undefined ? undefined : policyText(s.policy),
    secretString: s.secretString,
    versionId: s.secretString === undefined ? undefined : stableUuid(`${regionName}/${s.name}/version`),
  };
  if (s.deleted) {
    rec.deletedDate = now - DAY_MS;
    rec.deletionDate = rec.deletedDate + (s.recoveryWindowInDays ?? 30) * DAY_MS;
  }
  region.secrets.set(s.name, rec);
}

function seedKey(state: EmulatorState, regionName: string, k: SeedKey, now: number): void {
  const region = state.region(regionName);
  const index = region.keys.size;
  const aliases = k.aliases ?? [];
  const id =
    k.id ?? stableUuid(`${state.accountId}/${regionName}/key/${index}/${aliases.join(',')}/${k.description ?? ''}`);
  if (region.keys.has(id)) throw new Error(`seed: key ${id} already exists in ${regionName}`);
  const manager = k.manager ?? (aliases.some((a) => a.startsWith('alias/aws/')) ? 'AWS' : 'CUSTOMER');
  const spec = k.keySpec ?? 'SYMMETRIC_DEFAULT';
  const service = aliases.find((a) => a.startsWith('alias/aws/'))?.slice('alias/aws/'.length);
  const state_ = k.state ?? 'Enabled';
  const window = k.pendingWindowInDays ?? 30;
  const rec: KeyRecord = {
    id,
    arn: state.keyArn(regionName, id),
    description:
      k.description ??
      (manager === 'AWS' && service ? `Default key that protects my ${service} data when no other key is defined` : ''),
    keySpec: spec,
    keyUsage: k.keyUsage ?? defaultUsage(spec),
    state: state_,
    manager,
    origin: 'AWS_KMS',
    multiRegion: k.multiRegion ?? id.startsWith('mrk-'),
    creationDate: now - (k.createdDaysAgo ?? 90) * DAY_MS,
    deletionDate: state_ === 'PendingDeletion' ? now + window * DAY_MS : undefined,
    pendingWindowInDays: state_ === 'PendingDeletion' ? window : undefined,
    policy: k.policy === undefined ? defaultKeyPolicy(state.accountId, manager, service) : policyText(k.policy),
    tags: k.tags === undefined ? [] : kmsTags(k.tags),
    ...(k.tags === undefined ? {} : { everTagged: true }),
  };
  region.keys.set(id, rec);
  for (const name of aliases) {
    if (!name.startsWith('alias/')) throw new Error(`seed: alias ${name} must start with alias/`);
    if (region.aliases.has(name)) throw new Error(`seed: alias ${name} already exists in ${regionName}`);
    region.aliases.set(name, {
      name,
      targetKeyId: id,
      creationDate: rec.creationDate,
      lastUpdatedDate: rec.creationDate,
    });
  }
}

/** Adds a seed's resources to the state; the account ID of a seed only applies to an empty state. */
export function applySeed(state: EmulatorState, seed: Seed, now = Date.now()): void {
  if (typeof seed !== 'object' || seed === null || typeof seed.regions !== 'object' || seed.regions === null) {
    throw new Error('seed: expected an object with "regions"');
  }
  if (seed.accountId && seed.accountId !== state.accountId) {
    if (state.regions.size > 0) throw new Error('seed: accountId can only change on an empty state (use reset)');
    state.accountId = seed.accountId;
  }
  for (const [regionName, r] of Object.entries(seed.regions)) {
    state.region(regionName);
    for (const s of r.secrets ?? []) seedSecret(state, regionName, s, now);
    for (const k of r.keys ?? []) seedKey(state, regionName, k, now);
  }
  if (seed.iam) applyIamSeed(state.iam, state.accountId, seed.iam, now);
  if (seed.sso) applySsoSeed(state.sso, seed.sso, now);
  if (seed.account) state.account.seed(seed.account);
  // Replicas last, so a seed can list the primary's Region after a replica's.
  for (const [regionName, r] of Object.entries(seed.regions)) {
    for (const s of r.secrets ?? []) {
      if (!s.replicaRegions?.length) continue;
      const primary = state.region(regionName).secrets.get(s.name)!;
      primary.replicas = s.replicaRegions.map((region) => replicate(state, primary, region, undefined, false));
    }
  }
}
