// Physical limits: the least time the call graph allows with the given latency per call and AWS's request quotas,
// whatever the client. Quotas are AWS's sustained rates (the emulator's token buckets also allow one second of burst;
// the limits here do not count on it).
import { AWS_QUOTAS } from '../emulator/quotas';

export interface Limit {
  seconds: number;
  formula: string;
}

const LIST_SECRETS_PAGE = 100;
const LIST_KEYS_PAGE = 1000;
const LIST_ALIASES_PAGE = 100;

const ms = (seconds: number): string => `${Math.round(seconds * 1000)} ms`;
const s = (seconds: number): string => `${seconds.toFixed(3)} s`;

/** One ListSecrets call. */
export function firstSecretsPage(latency: number): Limit {
  return { seconds: latency, formula: `1 ListSecrets x ${ms(latency)}` };
}

/**
 * One NextToken chain cannot overlap its pages, but a client may split the listing into chains by name prefix
 * (the `name` filter), so the least time is the first page, then the other pages at the quota of 100/s, and at
 * least one more call for any of them.
 */
export function allSecrets(secrets: number, latency: number): Limit {
  const pages = Math.ceil(secrets / LIST_SECRETS_PAGE);
  const quota = AWS_QUOTAS['secretsmanager.ListSecrets'];
  if (pages <= 1) return firstSecretsPage(latency);
  const seconds = latency + Math.max(latency, (pages - 1) / quota);
  return {
    seconds,
    formula: `1st page ${ms(latency)} + max(${ms(latency)}, ${pages - 1} pages / ${quota}/s) = ${s(seconds)}`,
  };
}

/** ListKeys (1000 a page) and ListAliases (100 a page) are independent chains: the longer one decides. */
export function keysListed(keys: number, aliases: number, latency: number): Limit {
  const keyPages = Math.ceil(keys / LIST_KEYS_PAGE);
  const aliasPages = Math.ceil(aliases / LIST_ALIASES_PAGE);
  const seconds = Math.max(keyPages, aliasPages) * latency;
  return {
    seconds,
    formula: `max(ListKeys ${keyPages} pages, ListAliases ${aliasPages} pages) x ${ms(latency)} = ${s(seconds)}`,
  };
}

const GET_RESOURCES_PAGE = 100;

/**
 * Every customer key needs one DescribeKey (2000/s); none can start before the first ListKeys page, and the
 * ListAliases chain must also finish. Every key's tags come from one chain of GetResources pages of 100 (15/s),
 * started beside ListKeys and ListAliases: only tagged keys are on its pages, and `taggedKeys` counts them.
 */
export function keysWithDetails(aliases: number, customerKeys: number, taggedKeys: number, latency: number): Limit {
  const aliasPages = Math.ceil(aliases / LIST_ALIASES_PAGE);
  const quota = AWS_QUOTAS['kms.DescribeKey'];
  const details = Math.max(latency, customerKeys / quota);
  const tagPages = Math.max(1, Math.ceil(taggedKeys / GET_RESOURCES_PAGE));
  const tagQuota = AWS_QUOTAS['tagging.GetResources'];
  const tagChain = Math.max(tagPages * latency, tagPages / tagQuota);
  const seconds = Math.max(aliasPages * latency, latency + details, tagChain);
  return {
    seconds,
    formula:
      `max(ListAliases ${aliasPages} pages x ${ms(latency)}, 1st ListKeys page ${ms(latency)} + ` +
      `max(${ms(latency)}, ${customerKeys} DescribeKey / ${quota}/s), ` +
      `GetResources max(${tagPages} pages x ${ms(latency)}, ${tagPages} / ${tagQuota}/s)) = ${s(seconds)}`,
  };
}

/** UntagResource, then the read-back, one after the other. */
export function removeOne(latency: number): Limit {
  return { seconds: 3 * latency, formula: `(read before + UntagResource + read-back) x ${ms(latency)}` };
}

/** N untags spaced at the quota (the first at 0, the last at (N-1)/quota), then the last one's untag and read-back. */
export function removeMany(resources: number, quotaName: string, latency: number): Limit {
  const quota = AWS_QUOTAS[quotaName];
  // Each resource is read before its untag and read back after it: three round trips around the paced calls.
  const seconds = (resources - 1) / quota + 3 * latency;
  return { seconds, formula: `(${resources} - 1) / ${quota}/s + 3 x ${ms(latency)} = ${s(seconds)}` };
}
