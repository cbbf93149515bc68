import * as vscode from 'vscode';

export const SECTION = 'awsTags';

export interface Settings {
  readonly profile: string | undefined;
  readonly region: string | undefined;
  readonly endpointUrl: string | undefined;
  readonly confirmRemoval: boolean;
  readonly showAwsManagedKeys: boolean;
  readonly showSecretsPlannedForDeletion: boolean;
}

export function readSettings(): Settings {
  const config = vscode.workspace.getConfiguration(SECTION);
  const text = (name: string) => config.get<string>(name)?.trim() || undefined;
  return {
    profile: text('profile'),
    region: text('region'),
    endpointUrl: text('endpointUrl'),
    confirmRemoval: config.get<boolean>('confirmRemoval', true),
    showAwsManagedKeys: config.get<boolean>('showAwsManagedKeys', false),
    showSecretsPlannedForDeletion: config.get<boolean>('showSecretsPlannedForDeletion', false),
  };
}

/** Settings whose change means listing again with other clients or other filters. */
export const RELOAD_SETTINGS = ['profile', 'region', 'endpointUrl', 'showAwsManagedKeys', 'showSecretsPlannedForDeletion'].map(
  (name) => `${SECTION}.${name}`,
);
