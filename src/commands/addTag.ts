import * as vscode from 'vscode';
import { describeError } from '../aws/errors';
import { resourceReadOnlyReason } from '../aws/readOnly';
import type { ScopeStore } from '../aws/scopeStore';
import { putTags, syncAfterFailure } from '../aws/tagChanges';
import { tagKeyProblem, tagValueProblem } from '../aws/tagRules';
import type { AwsResource, Tag } from '../aws/types';
import type { TreeNode } from '../tree/node';
import { printable, tagValueText } from '../tree/presentation';
import { ResourceNode, TagNode } from '../tree/resourceNodes';
import type { CommandDeps } from './deps';
import { notify, showAwsError } from './messages';
import { pickResource } from './pickers';
import { kindText, tagAction } from './removalText';

/** Add Tag...: on a resource node, or from the palette after picking a resource. Checked as the user types. */
export async function addTag(deps: CommandDeps, node?: TreeNode): Promise<void> {
  const target = node ? resourceOf(node) : await pickFromPalette(deps, 'Add a tag to which secret or KMS key?', () => true);
  if (!target) return;
  const { store } = target;
  // A key's tags may not have arrived yet; without them a duplicate or a 51st tag would go unnoticed.
  const resource = target.resource.kind === 'kmsKey' && target.resource.tags === undefined ? await store.keyDetails(target.resource) : target.resource;
  const key = await vscode.window.showInputBox({
    ignoreFocusOut: true,
    title: `Add Tag to ${kindText(resource)} "${printable(resource.name)}"`,
    prompt: 'Tag key',
    validateInput: (text) => tagKeyProblem(store.find(resource.arn) ?? resource, text),
  });
  if (key === undefined) return;
  const value = await vscode.window.showInputBox({
    ignoreFocusOut: true,
    title: `Value of "${printable(key)}"`,
    prompt: 'Tag value (may be empty)',
    validateInput: (text) => tagValueProblem(resource.kind, text),
  });
  if (value === undefined) return;
  const done = await writeTags(deps, store, resource, [{ key, value }]);
  if (done) void notify('info', `Added tag "${printable(key)}" = "${tagValueText(value)}" to ${kindText(resource)} "${printable(resource.name)}".`);
}

/** TagResource with read-back into the store; a failure is shown and leaves the tree as AWS has it. */
export async function writeTags(deps: CommandDeps, store: ScopeStore, resource: AwsResource, tags: Tag[]): Promise<boolean> {
  const ticket = store.beginWrite();
  try {
    const current = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Saving tags…' }, () =>
      putTags(store.services, resource, tags),
    );
    (deps.scopes.storeOf(store.scope) ?? store).applyWrite(current, ticket);
    return true;
  } catch (error) {
    showAwsError(deps, describeError(error, { action: tagAction(resource), resource: printable(resource.name) }));
    await syncAfterFailure(deps.scopes.storeOf(store.scope) ?? store, resource, error);
    return false;
  }
}

export function resourceOf(node: TreeNode): { store: ScopeStore; resource: AwsResource } | undefined {
  const resourceNode = node instanceof TagNode ? node.parent : node instanceof ResourceNode ? node : undefined;
  if (!resourceNode || resourceReadOnlyReason(resourceNode.resource) !== undefined) return undefined;
  return { store: resourceNode.store, resource: resourceNode.resource };
}

export async function pickFromPalette(deps: CommandDeps, placeholder: string, wanted: (r: AwsResource) => boolean) {
  await deps.scopes.ready();
  return pickResource(deps.scopes.stores, placeholder, wanted);
}
