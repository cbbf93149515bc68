import { RESTORABLE } from '../history/tagHistory';
import type { CommandDeps } from './deps';
import { askModal, notify } from './messages';

/** Clear Removal History...: forgets every recorded value, for every window, after a modal that says what is lost. */
export async function clearRemovalHistory(deps: CommandDeps): Promise<void> {
  const entries = await deps.history.list();
  if (entries.length === 0) {
    void notify('info', 'The removal history is already empty.');
    return;
  }
  const open = entries.filter((e) => RESTORABLE.includes(e.status)).length;
  const answer = await askModal(
    `Clear the removal history (${entries.length} ${entries.length === 1 ? 'entry' : 'entries'})?`,
    `${open} of them hold values that are not on AWS now: after clearing, Undo and Restore Removed Tags... cannot put them back. ` +
      `The history is shared by every VS Code window and stored in ${deps.history.path}.`,
    'Clear History',
  );
  if (answer !== 'Clear History') return;
  await deps.history.clear();
  deps.log.info(`removal history cleared (${entries.length} entries)`);
  void notify('info', 'The removal history is cleared.');
}
