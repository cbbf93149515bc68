import { resolveKey } from './kms-keys';
import { kmsTags, smTags } from './tags';
import { findSecret } from './secrets-view';
import { DAY_MS } from './state';
import type { EmulatorState, KeyRecord, SecretRecord } from './state';
import type { KeyState, SeedTags } from './types';

/**
 * Changes made behind the client's back (another console, another team, AWS itself), bypassing the API's checks,
 * so tests can provoke stale views and races.
 */
export type Mutation =
  | { op: 'deleteSecret'; region?: string; secretId: string; force?: boolean }
  | { op: 'restoreSecret'; region?: string; secretId: string }
  | { op: 'tagSecret'; region?: string; secretId: string; tags: SeedTags }
  | { op: 'untagSecret'; region?: string; secretId: string; tagKeys: string[] }
  | { op: 'tagKey'; region?: string; keyId: string; tags: SeedTags }
  | { op: 'untagKey'; region?: string; keyId: string; tagKeys: string[] }
  | { op: 'setKeyState'; region?: string; keyId: string; state: KeyState }
  | { op: 'deleteKey'; region?: string; keyId: string };

export const DEFAULT_REGION = 'us-east-1';

export function secretRecord(state: EmulatorState, secretId: string, regionName = DEFAULT_REGION): SecretRecord {
  const s = findSecret({ state, regionName, region: state.region(regionName) }, secretId);
  if (!s) throw new Error(`no secret ${secretId} in ${regionName}`);
  return s;
}

export function keyRecord(state: EmulatorState, keyId: string, regionName = DEFAULT_REGION): KeyRecord {
  const where = { state, regionName, region: state.region(regionName), principal: 'emulator' };
  try {
    return resolveKey(where, keyId, { allowAlias: true, action: 'kms:DescribeKey' });
  } catch (e) {
    throw new Error(`no key ${keyId} in ${regionName}: ${(e as Error).message}`);
  }
}

export function applyMutation(state: EmulatorState, m: Mutation, now = Date.now()): void {
  const regionName = m.region ?? DEFAULT_REGION;
  switch (m.op) {
    case 'deleteSecret': {
      const s = secretRecord(state, m.secretId, regionName);
      if (m.force) state.region(regionName).secrets.delete(s.name);
      else Object.assign(s, { deletedDate: now, deletionDate: now + 30 * DAY_MS, lastChangedDate: now });
      return;
    }
    case 'restoreSecret':
      Object.assign(secretRecord(state, m.secretId, regionName), { deletedDate: undefined, deletionDate: undefined });
      return;
    case 'tagSecret': {
      const s = secretRecord(state, m.secretId, regionName);
      const add = smTags(m.tags);
      s.tags = [...(s.tags ?? []).filter((t) => !add.some((a) => a.Key === t.Key)), ...add];
      s.lastChangedDate = now;
      return;
    }
    case 'untagSecret': {
      const s = secretRecord(state, m.secretId, regionName);
      if (s.tags) s.tags = s.tags.filter((t) => !m.tagKeys.includes(t.Key));
      s.lastChangedDate = now;
      return;
    }
    case 'tagKey': {
      const k = keyRecord(state, m.keyId, regionName);
      const add = kmsTags(m.tags);
      k.tags = [...k.tags.filter((t) => !add.some((a) => a.TagKey === t.TagKey)), ...add];
      if (k.tags.length) k.everTagged = true;
      return;
    }
    case 'untagKey': {
      const k = keyRecord(state, m.keyId, regionName);
      k.tags = k.tags.filter((t) => !m.tagKeys.includes(t.TagKey));
      return;
    }
    case 'setKeyState': {
      const k = keyRecord(state, m.keyId, regionName);
      k.state = m.state;
      k.deletionDate = m.state === 'PendingDeletion' ? now + 30 * DAY_MS : undefined;
      k.pendingWindowInDays = m.state === 'PendingDeletion' ? 30 : undefined;
      return;
    }
    case 'deleteKey': {
      const k = keyRecord(state, m.keyId, regionName);
      const region = state.region(regionName);
      region.keys.delete(k.id);
      for (const [name, a] of region.aliases) if (a.targetKeyId === k.id) region.aliases.delete(name);
      return;
    }
    default:
      throw new Error(`unknown mutation ${(m as { op?: unknown }).op as string}`);
  }
}
