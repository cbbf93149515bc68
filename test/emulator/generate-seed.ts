import { PREDEFINED_AWS_ALIASES } from './kms-lists';
import { stableUuid } from './state';
import type { Seed, SeedKey, SeedRegion, SeedSecret } from './types';

export interface GenerateSeedOptions {
  /** Secrets per region. */
  secrets?: number;
  /** Customer managed keys per region. */
  customerKeys?: number;
  /** AWS managed keys per region (alias/aws/...). */
  awsManagedKeys?: number;
  regions?: string[];
  /** PRNG seed: the same options always give the same account. */
  seed?: number;
  accountId?: string;
}

/** Small, fast, deterministic PRNG (mulberry32). */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ENVS = ['prod', 'staging', 'dev', 'qa', 'sandbox'];
export const TEAMS = [
  'payments',
  'identity',
  'search',
  'platform',
  'data',
  'mobile',
  'billing',
  'growth',
  'risk',
  'infra',
];
const APPS = ['api', 'worker', 'web', 'etl', 'gateway', 'scheduler', 'ledger', 'notifier', 'reporting', 'auth'];
const KINDS = [
  'db-password',
  'api-key',
  'oauth-client',
  'signing-key',
  'smtp-credentials',
  'redis-auth',
  'webhook-secret',
  'service-account',
];
const PEOPLE = [
  'ana.silva',
  'ben.okafor',
  'chen.wei',
  'dara.nguyen',
  'eli.cohen',
  'fatima.khan',
  'gus.larsen',
  'hana.sato',
];
const CLASSES = ['Public', 'Internal', 'Confidential', 'Restricted'];
const AWS_SERVICES = PREDEFINED_AWS_ALIASES.map((a) => a.slice('alias/aws/'.length));

/** A large, realistic account for benchmarks: names, tags, states and aliases drawn from a seeded PRNG. */
export function generateSeed(opts: GenerateSeedOptions = {}): Seed {
  const rand = prng(opts.seed ?? 42);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
  const regions: Record<string, SeedRegion> = {};
  for (const region of opts.regions ?? ['us-east-1']) {
    const secrets: SeedSecret[] = [];
    const used = new Set<string>();
    for (let i = 0; i < (opts.secrets ?? 100); i++) {
      const env = pick(ENVS);
      const team = pick(TEAMS);
      const app = pick(APPS);
      let name = `${env}/${team}/${app}/${pick(KINDS)}`;
      if (used.has(name)) name = `${name}-${i}`;
      used.add(name);
      const roll = rand();
      const tags: Record<string, string> | undefined =
        roll < 0.08
          ? undefined
          : {
              Environment: env,
              Team: team,
              ...(rand() < 0.8 ? { CostCenter: `CC-${1000 + Math.floor(rand() * 9000)}` } : {}),
              ...(rand() < 0.7 ? { Owner: `${pick(PEOPLE)}@example.com` } : {}),
              ...(rand() < 0.5 ? { Project: `${team}-${app}` } : {}),
              ...(rand() < 0.6 ? { DataClassification: pick(CLASSES) } : {}),
              ...(rand() < 0.3 ? { ManagedBy: 'terraform' } : {}),
              ...(rand() < 0.05 ? { 'aws:cloudformation:stack-name': `${team}-${env}` } : {}),
            };
      secrets.push({
        name,
        description:
          rand() < 0.7
            ? `${KINDS.includes(name.split('/')[3]) ? name.split('/')[3] : 'secret'} for ${team} ${app} (${env})`
            : undefined,
        tags,
        deleted: rand() < 0.02 ? true : undefined,
        createdDaysAgo: Math.floor(rand() * 900) + 1,
        lastAccessedDaysAgo: rand() < 0.6 ? Math.floor(rand() * 30) : undefined,
      });
    }
    const keys: SeedKey[] = [];
    for (let i = 0; i < (opts.customerKeys ?? 20); i++) {
      const team = pick(TEAMS);
      const roll = rand();
      keys.push({
        id: stableUuid(`generated/${opts.seed ?? 42}/${region}/key/${i}`),
        description: `${team} ${pick(APPS)} data key`,
        aliases: rand() < 0.75 ? [`alias/${team}-${pick(APPS)}-${i}`] : undefined,
        tags:
          rand() < 0.1
            ? undefined
            : { Team: team, Environment: pick(ENVS), ...(rand() < 0.5 ? { CostCenter: `CC-${1000 + i}` } : {}) },
        state: roll < 0.03 ? 'PendingDeletion' : roll < 0.08 ? 'Disabled' : 'Enabled',
        createdDaysAgo: Math.floor(rand() * 1200) + 1,
      });
    }
    for (let i = 0; i < (opts.awsManagedKeys ?? 5); i++) {
      const service = i < AWS_SERVICES.length ? AWS_SERVICES[i] : `service-${i}`;
      keys.push({
        id: stableUuid(`generated/${opts.seed ?? 42}/${region}/aws/${i}`),
        manager: 'AWS',
        aliases: [`alias/aws/${service}`],
      });
    }
    regions[region] = { secrets, keys };
  }
  return { ...(opts.accountId ? { accountId: opts.accountId } : {}), regions };
}
