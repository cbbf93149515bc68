import { AccountClient, ListRegionsCommand } from '@aws-sdk/client-account';
import { addCallLogging } from './callLog';
import { clientConfig, type ClientOptions } from './clients';
import type { Scope } from './types';

/** The model's largest page. */
const PAGE_SIZE = 50;

/**
 * The Regions the account can use: Account Management's ListRegions, the least privilege (`account:ListRegions`)
 * that says so, with the statuses that mean usable (`ENABLED` for an opt-in Region turned on, `ENABLED_BY_DEFAULT`
 * for the others). `ENABLING` and `DISABLING` are left out: their endpoints may not answer yet, or any more.
 * Sorted by name; an error is thrown for the caller to explain.
 */
export async function listEnabledRegions(client: AccountClient): Promise<string[]> {
  const regions: string[] = [];
  let token: string | undefined;
  do {
    const page = await client.send(
      new ListRegionsCommand({
        RegionOptStatusContains: ['ENABLED', 'ENABLED_BY_DEFAULT'],
        MaxResults: PAGE_SIZE,
        NextToken: token,
      }),
    );
    for (const r of page.Regions ?? []) if (r.RegionName) regions.push(r.RegionName);
    token = page.NextToken || undefined;
  } while (token);
  return [...new Set(regions)].sort();
}

/**
 * The enabled Regions of the profile's account, with a client made for this one call. Account Management is global;
 * its SDK still wants a Region, the scope's.
 */
export async function enabledRegionsOf(scope: Scope, options: ClientOptions): Promise<string[]> {
  const client = new AccountClient(clientConfig(scope, options));
  addCallLogging(client.middlewareStack, 'account', options.logger);
  try {
    return await listEnabledRegions(client);
  } finally {
    client.destroy();
  }
}
