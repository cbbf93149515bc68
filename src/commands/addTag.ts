import * as vscode from 'vscode';
import { describeError } from '../aws/errors';
import { resourceReadOnlyReason } from '../aws/readOnly';
import type { ResourceStore } from '../aws/resourceStore';
import type { WriteOutcome } from '../aws/tagWriter';
import { tagKeyProblem, tagValueProblem } from '../aws/tagRules';
import type { AwsResource } from '../aws/types';
import type { TreeNode } from '../tree/node';
import { printable, tagValueText } from '../tree/presentation';
import { ResourceNode, TagNode } from '../tree/resourceNodes';
import type { CommandDeps } from './deps';
import { notify, showAwsError } from './messages';
import { outcomeSentence } from './outcomeText';
import { pickResource } from './pickers';
import { setTags, type SetRequest } from './setTags';
import { kindText, tagAction } from './removalText';

/** Add Tag...: on a resource node, or from the palette after picking a resource. Checked as the user types. */
export async function addTag(deps: CommandDeps, node?: TreeNode): Promise<void> {
  const target = node
    ? changeableResourceOf(node)
    : await pickFromPalette(deps, vscode.l10n.t('Add a tag to which secret or KMS key?'), () => true);
  if (!target) return;
  const { store } = target;
  // A key's tags may not have arrived yet; without them a duplicate or a 51st tag would go unnoticed.
  const resource =
    target.resource.kind === 'kmsKey' && target.resource.tags === undefined
      ? await store.keyDetails(target.resource)
      : target.resource;
  const key = await vscode.window.showInputBox({
    ignoreFocusOut: true,
    title: vscode.l10n.t('Add Tag to {0} "{1}"', kindText(resource), printable(resource.name)),
    prompt: vscode.l10n.t('Tag key'),
    validateInput: (text) => tagKeyProblem(store.find(resource.arn) ?? resource, text),
  });
  if (key === undefined) return;
  const value = await vscode.window.showInputBox({
    ignoreFocusOut: true,
    title: vscode.l10n.t('Value of "{0}"', printable(key)),
    prompt: vscode.l10n.t('Tag value (may be empty)'),
    validateInput: (text) => tagValueProblem(resource.kind, text),
  });
  if (value === undefined) return;
  const done = await writeTags(deps, {
    store,
    resource,
    tags: [{ key, value }],
    expected: new Map([[key, undefined]]),
  });
  if (!done) return;
  const lost = done.error !== undefined ? ` ${outcomeSentence(done)}` : '';
  const overwrote = done.entries.length > 0 ? vscode.l10n.t(' The value it replaced is in the history.') : '';
  void notify(
    'info',
    vscode.l10n.t(
      'Added tag "{0}" = "{1}" to {2} "{3}".{4}{5}',
      printable(key),
      tagValueText(value),
      kindText(resource),
      printable(resource.name),
      lost,
      overwrote,
    ),
  );
}

/**
 * Writes tags through the write path (read, record what is overwritten, call, read back) and reports a failure
 * per the outcome read back from AWS. True when AWS holds them.
 */
export async function writeTags(deps: CommandDeps, request: SetRequest): Promise<WriteOutcome | undefined> {
  const outcomes = await setTags(deps, [request], vscode.l10n.t('Saving tags…'));
  const outcome = outcomes?.[0];
  if (!outcome) return undefined;
  if (outcome.status !== 'applied') {
    const sentence = outcomeSentence(outcome);
    if (outcome.status === 'notApplied' || outcome.status === 'gone') {
      showAwsError(
        deps,
        describeError(outcome.error, {
          action: tagAction(request.resource),
          resource: printable(request.resource.name),
        }),
      );
    } else {
      const showLog = vscode.l10n.t('Show Log');
      void notify('warning', sentence, showLog).then((c) => (c === showLog ? deps.log.show() : undefined));
    }
    return undefined;
  }
  return outcome;
}

export function changeableResourceOf(node: TreeNode): { store: ResourceStore; resource: AwsResource } | undefined {
  const resourceNode = node instanceof TagNode ? node.parent : node instanceof ResourceNode ? node : undefined;
  if (!resourceNode || resourceReadOnlyReason(resourceNode.resource) !== undefined) return undefined;
  return { store: resourceNode.store, resource: resourceNode.resource };
}

export async function pickFromPalette(deps: CommandDeps, placeholder: string, wanted: (r: AwsResource) => boolean) {
  await deps.connections.ready();
  return pickResource(deps.connections.stores, placeholder, wanted);
}
