import * as vscode from 'vscode';
import { parseIdentityCenterAccounts, type IdentityCenterSource } from '../aws/ssoSessions';

export const SECTION = 'awsTags';

export interface Settings {
  readonly profile: string | undefined;
  readonly region: string | undefined;
  /** Several profiles side by side; when set, they replace `profile`. */
  readonly profiles: readonly string[];
  /** Several regions side by side; when set, they replace `region`. */
  readonly regions: readonly string[];
  /** Accounts and roles through IAM Identity Center, shown beside the profiles, with no profile written. */
  readonly identityCenterAccounts: readonly IdentityCenterSource[];
  /** Every Region enabled for each profile's account (Account ListRegions); replaces `region` and `regions`. */
  readonly allEnabledRegions: boolean;
  readonly endpointUrl: string | undefined;
  readonly confirmRemoval: boolean;
  readonly showAwsManagedKeys: boolean;
  readonly showSecretsPlannedForDeletion: boolean;
  /** Keep each profile/region's last listing on disk, to show the tree at once on the next start. */
  readonly cacheListings: boolean;
}

export function readSettings(): Settings {
  const config = vscode.workspace.getConfiguration(SECTION);
  const text = (name: string) => config.get<string>(name)?.trim() || undefined;
  const list = (name: string) => [...new Set((config.get<string[]>(name) ?? []).map((v) => v.trim()).filter(Boolean))];
  return {
    profile: text('profile'),
    region: text('region'),
    profiles: list('profiles'),
    regions: list('regions'),
    identityCenterAccounts: parseIdentityCenterAccounts(config.get<unknown>('identityCenterAccounts')),
    allEnabledRegions: config.get<boolean>('allEnabledRegions', false),
    endpointUrl: text('endpointUrl'),
    confirmRemoval: config.get<boolean>('confirmRemoval', true),
    showAwsManagedKeys: config.get<boolean>('showAwsManagedKeys', false),
    showSecretsPlannedForDeletion: config.get<boolean>('showSecretsPlannedForDeletion', false),
    cacheListings: config.get<boolean>('cacheListings', true),
  };
}

/** Settings whose change means listing again with other clients or other filters. */
export const RELOAD_SETTINGS = [
  'profile',
  'region',
  'profiles',
  'regions',
  'identityCenterAccounts',
  'allEnabledRegions',
  'endpointUrl',
  'showAwsManagedKeys',
  'showSecretsPlannedForDeletion',
  'cacheListings',
].map((name) => `${SECTION}.${name}`);

/**
 * Stores a picker's choice: one value in the single setting (clearing the list), several in the list setting,
 * which then shows them side by side. `undefined` (the default chain or region) only counts as a single choice:
 * picked with others it is left out, and the result says so.
 */
export async function saveOneOrMany(
  single: 'profile' | 'region',
  several: 'profiles' | 'regions',
  values: Array<string | undefined>,
): Promise<{ leftOutDefault: boolean }> {
  const config = vscode.workspace.getConfiguration(SECTION);
  const named = values.filter((v): v is string => v !== undefined);
  const target = writeTarget(config, [single, several]);
  if (values.length === 1) {
    await clear(config, several);
    await config.update(single, values[0], target);
  } else {
    await config.update(several, named, target);
  }
  return { leftOutDefault: values.length > 1 && named.length < values.length };
}

/**
 * Turns "all enabled regions" on (it then replaces the region settings, which are kept for when it goes off) or off
 * (cleared wherever it is set, so the region settings count again).
 */
export async function saveAllEnabledRegions(on: boolean): Promise<void> {
  const config = vscode.workspace.getConfiguration(SECTION);
  if (on) await config.update('allEnabledRegions', true, writeTarget(config, ['allEnabledRegions']));
  else await clear(config, 'allEnabledRegions');
}

// A value in the workspace's settings wins over the user's: a choice written only to the user's settings would
// change nothing there, so it goes where the workspace already sets one of the two.
function writeTarget(config: vscode.WorkspaceConfiguration, names: readonly string[]): vscode.ConfigurationTarget {
  const inWorkspace = names.some((name) => config.inspect(name)?.workspaceValue !== undefined);
  return inWorkspace ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
}

async function clear(config: vscode.WorkspaceConfiguration, name: string): Promise<void> {
  const inspected = config.inspect(name);
  if (inspected?.globalValue !== undefined) await config.update(name, undefined, vscode.ConfigurationTarget.Global);
  if (inspected?.workspaceValue !== undefined)
    await config.update(name, undefined, vscode.ConfigurationTarget.Workspace);
}
