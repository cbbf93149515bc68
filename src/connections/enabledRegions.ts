import * as vscode from 'vscode';
import { errorCategory, errorName } from '../aws/errors';
import type { RoleCredentialsCache } from '../aws/identityCenter';
import type { Logger } from '../aws/types';
import { notify } from '../commands/messages';
import type { ScopeSource } from './connections';
import type { Settings } from './settings';

/**
 * "All enabled regions": the account's enabled Regions (Account ListRegions); on any failure the scope's own
 * Region, with the reason shown, never nothing.
 */
export async function enabledRegionsOrOwn(
  settings: Settings,
  source: ScopeSource,
  own: string | undefined,
  { logger, roleCredentials }: { logger: Logger; roleCredentials: RoleCredentialsCache },
): Promise<Array<string | undefined>> {
  try {
    const { enabledRegionsOf } = await import('../aws/openScope.js');
    // Account Management is global: any Region makes its client, the profile's if it has one.
    const scope = { ...source, region: own ?? 'us-east-1' };
    const regions = await enabledRegionsOf(scope, { endpointUrl: settings.endpointUrl, logger, roleCredentials });
    if (regions.length > 0) return regions;
    throw new Error('ListRegions named no enabled Region');
  } catch (error) {
    const who = source.profile ?? vscode.l10n.t('(default chain)');
    const reason =
      errorCategory(error) === 'accessDenied'
        ? vscode.l10n.t('{0}: account:ListRegions is not allowed', errorName(error))
        : errorName(error);
    logger.warn(`All enabled regions: ListRegions failed for profile ${who} (${reason}); showing its own region.`);
    void notify(
      'warning',
      vscode.l10n.t(
        'Could not list the enabled regions of profile {0} ({1}): showing its own region, {2}.',
        who,
        reason,
        own ?? vscode.l10n.t('none set'),
      ),
    );
    return [own];
  }
}
