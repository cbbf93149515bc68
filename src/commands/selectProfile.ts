import * as vscode from 'vscode';
import { listProfiles } from '../aws/profiles';
import { saveOneOrMany } from '../connections/settings';
import type { CommandDeps } from './deps';
import { notify } from './messages';

// A function, not a constant: l10n.t is read when the command runs, after the bundle is loaded.
const defaultChain = () => vscode.l10n.t('(default credential chain)');

/**
 * Picks one or several profiles. One goes to `awsTags.profile`; several go to `awsTags.profiles` and are shown
 * side by side. The settings listener reloads the tree.
 */
export async function selectProfile(deps: CommandDeps): Promise<void> {
  const profiles = await listProfiles();
  const { profile, profiles: several } = deps.connections.settings;
  const DEFAULT_CHAIN = defaultChain();
  const current = new Set(several.length > 0 ? several : [profile ?? DEFAULT_CHAIN]);
  const items: vscode.QuickPickItem[] = [
    { label: DEFAULT_CHAIN, description: vscode.l10n.t('environment, default profile, container or instance role') },
    ...profiles.map((p) => ({ label: p.name, description: [p.source, p.region].filter(Boolean).join(' · ') })),
  ].map((item) => ({ ...item, picked: current.has(item.label) }));
  const picked = await vscode.window.showQuickPick(items, {
    ignoreFocusOut: true,
    canPickMany: true,
    placeHolder:
      profiles.length === 0
        ? vscode.l10n.t('No profiles in ~/.aws/config or ~/.aws/credentials')
        : vscode.l10n.t('Profiles to show (several are shown side by side)'),
  });
  if (!picked || picked.length === 0) return;
  const { leftOutDefault } = await saveOneOrMany(
    'profile',
    'profiles',
    picked.map((p) => (p.label === DEFAULT_CHAIN ? undefined : p.label)),
  );
  if (leftOutDefault)
    void notify(
      'info',
      vscode.l10n.t('"{0}" can only be shown on its own: showing the other profiles picked.', DEFAULT_CHAIN),
    );
}
