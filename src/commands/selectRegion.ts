import * as vscode from 'vscode';
import { KNOWN_REGIONS } from '../aws/regions';
import { saveAllEnabledRegions, saveOneOrMany } from '../connections/settings';
import type { CommandDeps } from './deps';
import { notify } from './messages';

// A function, not a constant: l10n.t is read when the command runs, after the bundle is loaded.
const fromProfile = () => vscode.l10n.t('(profile or environment region)');
const allEnabled = () => vscode.l10n.t('All enabled regions');

/**
 * Picks one or several regions; several go to `awsTags.regions` and are shown side by side. "All enabled regions"
 * turns `awsTags.allEnabledRegions` on, which each profile resolves to its account's enabled regions when the tree
 * is built; picking regions by name turns it off.
 */
export async function selectRegion(deps: CommandDeps): Promise<void> {
  const { region, regions, allEnabledRegions } = deps.connections.settings;
  const FROM_PROFILE = fromProfile();
  const ALL_ENABLED = allEnabled();
  const current = new Set(allEnabledRegions ? [ALL_ENABLED] : regions.length > 0 ? regions : [region ?? FROM_PROFILE]);
  const known = [...new Set([...KNOWN_REGIONS, ...current])].filter((r) => r !== FROM_PROFILE && r !== ALL_ENABLED);
  const items: vscode.QuickPickItem[] = [
    { label: ALL_ENABLED, description: vscode.l10n.t('from account:ListRegions, per account') },
    { label: FROM_PROFILE, description: vscode.l10n.t("the profile's region, else AWS_REGION / AWS_DEFAULT_REGION") },
    ...known.map((label) => ({ label })),
  ].map((item) => ({ ...item, picked: current.has(item.label) }));
  const picked = await vscode.window.showQuickPick(items, {
    ignoreFocusOut: true,
    canPickMany: true,
    placeHolder: vscode.l10n.t('Regions to show (several are shown side by side)'),
  });
  if (!picked || picked.length === 0) return;
  if (picked.some((p) => p.label === ALL_ENABLED)) {
    await saveAllEnabledRegions(true);
    if (picked.length > 1) void notify('info', vscode.l10n.t('"{0}" replaces the other regions picked.', ALL_ENABLED));
    return;
  }
  await saveAllEnabledRegions(false);
  const { leftOutDefault } = await saveOneOrMany(
    'region',
    'regions',
    picked.map((p) => (p.label === FROM_PROFILE ? undefined : p.label)),
  );
  if (leftOutDefault)
    void notify(
      'info',
      vscode.l10n.t('"{0}" can only be shown on its own: showing the other regions picked.', FROM_PROFILE),
    );
}
