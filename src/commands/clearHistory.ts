import * as l10n from '@vscode/l10n';
import { RESTORABLE } from '../history/tagHistory';
import type { CommandDeps } from './deps';
import { askModal, notify } from './messages';

/** Clear Removal History...: forgets every recorded value, for every window, after a modal that says what is lost. */
export async function clearRemovalHistory(deps: CommandDeps): Promise<void> {
  const entries = await deps.history.list();
  if (entries.length === 0) {
    void notify('info', l10n.t('The removal history is already empty.'));
    return;
  }
  const open = entries.filter((e) => RESTORABLE.includes(e.status)).length;
  const clear = l10n.t('Clear History');
  const answer = await askModal(
    entries.length === 1
      ? l10n.t('Clear the removal history (1 entry)?')
      : l10n.t('Clear the removal history ({0} entries)?', entries.length),
    l10n.t(
      '{0} of them hold values that are not on AWS now: after clearing, Undo and Restore Removed Tags... cannot put them back. The history is shared by every VS Code window and stored in {1}.',
      open,
      deps.history.path,
    ),
    clear,
  );
  if (answer !== clear) return;
  await deps.history.clear();
  deps.log.info(`removal history cleared (${entries.length} entries)`);
  void notify('info', l10n.t('The removal history is cleared.'));
}
