import * as vscode from 'vscode';
import { consoleUrl, tagsAsJson } from '../aws/consoleUrl';
import type { AwsResource, Tag } from '../aws/types';
import type { TreeNode } from '../tree/node';
import { printable } from '../tree/presentation';
import { ResourceNode, TagNode } from '../tree/resourceNodes';
import type { CommandDeps } from './deps';
import { notify } from './messages';
import { pickResource, pickTag } from './pickers';

async function resourceFrom(
  deps: CommandDeps,
  node: TreeNode | undefined,
  placeholder: string,
): Promise<AwsResource | undefined> {
  if (node instanceof ResourceNode) return withTags(node);
  if (node instanceof TagNode) return withTags(node.parent);
  await deps.connections.ready();
  return (await pickResource(deps.connections.stores, placeholder, () => true))?.resource;
}

/** KMS tags arrive after the key is listed: a copy must not silently miss them. */
async function withTags(node: ResourceNode): Promise<AwsResource> {
  const resource = node.resource;
  return resource.kind === 'kmsKey' && resource.tags === undefined ? node.store.keyDetails(resource) : resource;
}

async function copy(text: string, what: string): Promise<void> {
  await vscode.env.clipboard.writeText(text);
  void vscode.window.setStatusBarMessage(vscode.l10n.t('Copied {0}', what), 3_000);
}

export async function copyArn(deps: CommandDeps, node?: TreeNode): Promise<void> {
  const resource = await resourceFrom(deps, node, vscode.l10n.t('Copy the ARN of which secret or KMS key?'));
  if (resource) await copy(resource.arn, vscode.l10n.t('ARN'));
}

export async function copyTagsAsJson(deps: CommandDeps, node?: TreeNode): Promise<void> {
  const resource = await resourceFrom(deps, node, vscode.l10n.t('Copy the tags of which secret or KMS key?'));
  if (resource) await copy(tagsAsJson(resource), vscode.l10n.t('{0} tags as JSON', resource.tags?.length ?? 0));
}

export async function copyTag(deps: CommandDeps, node?: TreeNode): Promise<void> {
  let tag: Tag | undefined;
  if (node instanceof TagNode) tag = node.tag;
  else {
    const resource = await resourceFrom(deps, node, vscode.l10n.t('Copy a tag of which secret or KMS key?'));
    tag = resource && (await pickTag(resource, vscode.l10n.t('Tag to copy as key=value'), { includeReadOnly: true }));
  }
  if (tag) await copy(`${tag.key}=${tag.value}`, vscode.l10n.t('tag'));
}

export async function openInConsole(deps: CommandDeps, node?: TreeNode): Promise<void> {
  const resource = await resourceFrom(deps, node, vscode.l10n.t('Open which secret or KMS key in the AWS console?'));
  if (!resource) return;
  // A Uri is decoded and re-encoded on its way to the browser, which turns a secret name's %2B back into "+",
  // read as a space by the console (microsoft/vscode#85930). The extension host passes a string on untouched.
  let url: string;
  try {
    url = consoleUrl(resource);
  } catch (error) {
    void notify(
      'error',
      vscode.l10n.t('Cannot open "{0}" in the AWS console: {1}', printable(resource.name), (error as Error).message),
    );
    return;
  }
  await vscode.env.openExternal(url as unknown as vscode.Uri);
}
