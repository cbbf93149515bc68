import * as vscode from 'vscode';
import { KNOWN_REGIONS } from '../aws/regions';
import { saveOneOrMany } from '../connections/settings';
import type { CommandDeps } from './deps';
import { notify } from './messages';

// A function, not a constant: l10n.t is read when the command runs, after the bundle is loaded.
const fromProfile = () => vscode.l10n.t('(profile or environment region)');

/** Picks one or several regions; several go to `awsTags.regions` and are shown side by side. */
export async function selectRegion(deps: CommandDeps): Promise<void> {
  const { region, regions } = deps.connections.settings;
  const FROM_PROFILE = fromProfile();
  const current = new Set(regions.length > 0 ? regions : [region ?? FROM_PROFILE]);
  const known = [...new Set([...KNOWN_REGIONS, ...current])].filter((r) => r !== FROM_PROFILE);
  const items: vscode.QuickPickItem[] = [
    { label: FROM_PROFILE, description: vscode.l10n.t("the profile's region, else AWS_REGION / AWS_DEFAULT_REGION") },
    ...known.map((label) => ({ label })),
  ].map((item) => ({ ...item, picked: current.has(item.label) }));
  const picked = await vscode.window.showQuickPick(items, {
    ignoreFocusOut: true,
    canPickMany: true,
    placeHolder: vscode.l10n.t('Regions to show (several are shown side by side)'),
  });
  if (!picked || picked.length === 0) return;
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
