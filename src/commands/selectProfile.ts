import * as vscode from 'vscode';
import { listProfiles } from '../aws/profiles';
import { SECTION } from '../settings';
import type { CommandDeps } from './deps';

const DEFAULT_CHAIN = '(default credential chain)';

/** Picks a profile and stores it in the user settings; the settings listener reloads the tree. */
export async function selectProfile(deps: CommandDeps): Promise<void> {
  const profiles = await listProfiles();
  const current = deps.scopes.settings.profile;
  const items: vscode.QuickPickItem[] = [
    { label: DEFAULT_CHAIN, description: 'environment, default profile, container or instance role' },
    ...profiles.map((p) => ({ label: p.name, description: [p.source, p.region].filter(Boolean).join(' · ') })),
  ].map((item) => ({ ...item, picked: item.label === (current ?? DEFAULT_CHAIN) }));
  const picked = await vscode.window.showQuickPick(items, {
    placeHolder: profiles.length === 0 ? 'No profiles in ~/.aws/config or ~/.aws/credentials' : `Current: ${current ?? DEFAULT_CHAIN}`,
  });
  if (!picked) return;
  const value = picked.label === DEFAULT_CHAIN ? undefined : picked.label;
  await vscode.workspace.getConfiguration(SECTION).update('profile', value, vscode.ConfigurationTarget.Global);
}
