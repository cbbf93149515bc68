// The generated account every scenario runs against, and the counts the limits are computed from.
import { generateSeed } from '../emulator/generate-seed';
import { PREDEFINED_AWS_ALIASES } from '../emulator/kms-lists';
import type { Seed } from '../emulator/types';
import { REGION } from './ours';
import type { Sizes } from './types';

export interface Account {
  seed: Seed;
  /** Secrets ListSecrets returns by default. */
  listedSecrets: number;
  keys: number;
  customerKeys: number;
  /** Customer keys that have (or had) tags: those the Tagging API's GetResources lists. */
  taggedKeys: number;
  /** Entries ListAliases returns: every alias, plus AWS's predefined ones no key holds yet. */
  aliases: number;
}

export function account(sizes: Sizes): Account {
  const seed = generateSeed({
    secrets: sizes.secrets,
    customerKeys: sizes.customerKeys,
    awsManagedKeys: sizes.awsManagedKeys,
    regions: [REGION],
    seed: 7,
  });
  const region = seed.regions[REGION];
  // The scenario lists N secrets; ListSecrets leaves out those scheduled for deletion, so none are.
  for (const secret of region.secrets ?? []) delete secret.deleted;
  const keys = region.keys ?? [];
  const aliasNames = new Set(keys.flatMap((k) => k.aliases ?? []));
  return {
    seed,
    listedSecrets: region.secrets?.length ?? 0,
    keys: keys.length,
    customerKeys: keys.filter((k) => k.manager !== 'AWS').length,
    taggedKeys: keys.filter((k) => k.manager !== 'AWS' && k.tags !== undefined).length,
    aliases: aliasNames.size + PREDEFINED_AWS_ALIASES.filter((a) => !aliasNames.has(a)).length,
  };
}
