import * as vscode from 'vscode';

export const SECTION = 'awsTags';

export interface Settings {
  readonly profile: string | undefined;
  readonly region: string | undefined;
  /** Several profiles side by side; when set, they replace `profile`. */
  readonly profiles: readonly string[];
  /** Several regions side by side; when set, they replace `region`. */
  readonly regions: readonly string[];
  readonly endpointUrl: string | undefined;
  readonly confirmRemoval: boolean;
  readonly showAwsManagedKeys: boolean;
  readonly showSecretsPlannedForDeletion: boolean;
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
    endpointUrl: text('endpointUrl'),
    confirmRemoval: config.get<boolean>('confirmRemoval', true),
    showAwsManagedKeys: config.get<boolean>('showAwsManagedKeys', false),
    showSecretsPlannedForDeletion: config.get<boolean>('showSecretsPlannedForDeletion', false),
  };
}

/** Settings whose change means listing again with other clients or other filters. */
export const RELOAD_SETTINGS = ['profile', 'region', 'profiles', 'regions', 'endpointUrl', 'showAwsManagedKeys', 'showSecretsPlannedForDeletion'].map(
  (name) => `${SECTION}.${name}`,
);

/**
 * Stores a picker's choice: one value in the single setting (clearing the list), several in the list setting,
 * which then shows them side by side. `undefined` (the default chain or region) only counts as a single choice.
 */
export async function saveOneOrMany(single: 'profile' | 'region', several: 'profiles' | 'regions', values: Array<string | undefined>): Promise<void> {
  const config = vscode.workspace.getConfiguration(SECTION);
  const named = values.filter((v): v is string => v !== undefined);
  if (values.length === 1) {
    await config.update(several, undefined, vscode.ConfigurationTarget.Global);
    await config.update(single, values[0], vscode.ConfigurationTarget.Global);
  } else {
    await config.update(several, named, vscode.ConfigurationTarget.Global);
  }
}
