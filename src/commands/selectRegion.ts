import * as vscode from 'vscode';
import { KNOWN_REGIONS } from '../aws/regions';
import { SECTION } from '../settings';
import type { CommandDeps } from './deps';

const FROM_PROFILE = '(profile or environment region)';

export async function selectRegion(deps: CommandDeps): Promise<void> {
  const current = deps.scopes.settings.region;
  const items: vscode.QuickPickItem[] = [
    { label: FROM_PROFILE, description: 'the profile\'s region, else AWS_REGION / AWS_DEFAULT_REGION' },
    ...KNOWN_REGIONS.map((region) => ({ label: region })),
  ];
  const picked = await vscode.window.showQuickPick(items, { placeHolder: `Current: ${current ?? FROM_PROFILE}` });
  if (!picked) return;
  const value = picked.label === FROM_PROFILE ? undefined : picked.label;
  await vscode.workspace.getConfiguration(SECTION).update('region', value, vscode.ConfigurationTarget.Global);
}
