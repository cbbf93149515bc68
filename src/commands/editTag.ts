import * as vscode from 'vscode';
import { tagReadOnlyReason } from '../aws/readOnly';
import { readBack } from '../aws/tagRemoval';
import { tagValueProblem } from '../aws/tagRules';
import type { TreeNode } from '../tree/node';
import { printable, tagValueText } from '../tree/presentation';
import { TagNode } from '../tree/resourceNodes';
import { pickFromPalette, writeTags } from './addTag';
import type { CommandDeps } from './deps';
import { hasRemovableTag, pickTag } from './pickers';
import { kindText } from './removalText';
import { restoreEntries } from './restore';
import { notify } from './messages';

/**
 * Edit Tag Value...: the old value goes into the removal history first, so Undo and Restore Removed Tags can put
 * it back, exactly as after a removal.
 */
export async function editTagValue(deps: CommandDeps, node?: TreeNode): Promise<void> {
  const target = node instanceof TagNode ? { store: node.parent.store, resource: node.resource, tag: node.tag } : node ? undefined : await pickTarget(deps);
  if (!target || tagReadOnlyReason(target.resource, target.tag) !== undefined) return;
  const { store, resource, tag } = target;
  const value = await vscode.window.showInputBox({
    ignoreFocusOut: true,
    title: `Edit "${printable(tag.key)}" on ${kindText(resource)} "${printable(resource.name)}"`,
    prompt: 'New tag value (may be empty)',
    value: tag.value,
    validateInput: (text) => tagValueProblem(resource.kind, text),
  });
  if (value === undefined || value === tag.value) return;
  // The value AWS holds now is the one the edit replaces (someone may have changed it since the tree listed it):
  // that is what the history keeps for Undo.
  const onAws = (await readBack(store.services, resource).catch(() => undefined))?.tags?.find((t) => t.key === tag.key);
  const old = onAws ?? tag;
  const [entry] = await deps.history.record(store.scope, [{ resource, tags: [old] }]);
  const done = await writeTags(deps, store, resource, [{ key: tag.key, value }]);
  await deps.history.setStatus([entry.id], done ? 'replaced' : 'failed');
  if (!done) return;
  const message = `Changed "${printable(tag.key)}" on "${printable(resource.name)}" from "${tagValueText(old.value)}" to "${tagValueText(value)}".`;
  void notify('info', message, 'Undo').then((choice) => (choice === 'Undo' ? restoreEntries(deps, [entry]) : undefined));
}

async function pickTarget(deps: CommandDeps) {
  const picked = await pickFromPalette(deps, 'Edit a tag of which secret or KMS key?', hasRemovableTag);
  if (!picked) return undefined;
  const tag = await pickTag(picked.resource, `Tag of ${printable(picked.resource.name)} to edit`);
  return tag && { ...picked, tag };
}
