import * as vscode from 'vscode';
import { tagReadOnlyReason } from '../aws/readOnly';
import { tagValueProblem } from '../aws/tagRules';
import type { TreeNode } from '../tree/node';
import { printable, tagValueText } from '../tree/presentation';
import { pickFromPalette, writeTags } from './addTag';
import type { CommandDeps } from './deps';
import { hasRemovableTag, pickTag, tagTargetOf } from './pickers';
import { kindText } from './removalText';
import { outcomeSentence } from './outcomeText';
import { restoreEntries } from './restore';
import { notify } from './messages';

/**
 * Edit Tag Value...: the old value goes into the history first (the write path records every overwritten value),
 * so Undo and Restore Removed Tags can put it back, exactly as after a removal.
 */
export async function editTagValue(deps: CommandDeps, node?: TreeNode): Promise<void> {
  const target = await tagTargetOf(node, () => pickTarget(deps));
  if (!target || tagReadOnlyReason(target.resource, target.tag) !== undefined) return;
  const { store, resource, tag } = target;
  const value = await vscode.window.showInputBox({
    ignoreFocusOut: true,
    title: vscode.l10n.t('Edit "{0}" on {1} "{2}"', printable(tag.key), kindText(resource), printable(resource.name)),
    prompt: vscode.l10n.t('New tag value (may be empty)'),
    value: tag.value,
    validateInput: (text) => tagValueProblem(resource.kind, text),
  });
  if (value === undefined || value === tag.value) return;
  // The write path reads the value AWS holds just before writing and keeps it in the history for Undo; a value
  // someone changed since the tree listed it is asked about first.
  const done = await writeTags(deps, {
    store,
    resource,
    tags: [{ key: tag.key, value }],
    expected: new Map([[tag.key, tag.value]]),
  });
  if (!done) return;
  const old = done.before?.find((t) => t.key === tag.key)?.value ?? tag.value;
  const lost = done.error !== undefined ? ` ${outcomeSentence(done)}` : '';
  const message = vscode.l10n.t(
    'Changed "{0}" on "{1}" from "{2}" to "{3}".{4}',
    printable(tag.key),
    printable(resource.name),
    tagValueText(old),
    tagValueText(value),
    lost,
  );
  const ids = new Set(done.entries.map((e) => e.id));
  const undo = vscode.l10n.t('Undo');
  void notify('info', message, ...(ids.size > 0 ? [undo] : [])).then(async (choice) => {
    if (choice === undo)
      await restoreEntries(
        deps,
        (await deps.history.list()).filter((e) => ids.has(e.id)),
      );
  });
}

async function pickTarget(deps: CommandDeps) {
  const picked = await pickFromPalette(deps, vscode.l10n.t('Edit a tag of which secret or KMS key?'), hasRemovableTag);
  if (!picked) return undefined;
  const tag = await pickTag(picked.resource, vscode.l10n.t('Tag of {0} to edit', printable(picked.resource.name)));
  return tag && { ...picked, tag };
}
