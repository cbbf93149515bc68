import * as vscode from 'vscode';
import { KNOWN_REGIONS } from '../aws/regions';
import { SECTION } from '../settings';
import type { CommandDeps } from './deps';

const FROM_PROFILE = '(profile or environment region)';

/** Picks one or several regions; several go to `awsTags.regions` and are shown side by side. */
export async function selectRegion(deps: CommandDeps): Promise<void> {
  const { region, regions } = deps.scopes.settings;
  const current = new Set(regions.length > 0 ? regions : [region ?? FROM_PROFILE]);
  const known = [...new Set([...KNOWN_REGIONS, ...current])].filter((r) => r !== FROM_PROFILE);
  const items: vscode.QuickPickItem[] = [
    { label: FROM_PROFILE, description: "the profile's region, else AWS_REGION / AWS_DEFAULT_REGION" },
    ...known.map((label) => ({ label })),
  ].map((item) => ({ ...item, picked: current.has(item.label) }));
  const picked = await vscode.window.showQuickPick(items, { canPickMany: true, placeHolder: 'Regions to show (several are shown side by side)' });
  if (!picked || picked.length === 0) return;
  const names = picked.map((p) => p.label).filter((name) => name !== FROM_PROFILE);
  const config = vscode.workspace.getConfiguration(SECTION);
  if (picked.length === 1) {
    await config.update('regions', undefined, vscode.ConfigurationTarget.Global);
    await config.update('region', names[0], vscode.ConfigurationTarget.Global);
  } else {
    await config.update('regions', names, vscode.ConfigurationTarget.Global);
  }
}
