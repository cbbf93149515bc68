import * as vscode from 'vscode';
import { describeError } from '../aws/errors';
import { policyUsesTag } from '../aws/policies';
import { resourceReadOnlyReason } from '../aws/readOnly';
import type { ResourceStore } from '../aws/resourceStore';
import type { AwsResource, Tag } from '../aws/types';
import { errorNode, MessageNode, type TreeNode } from './node';
import { cachedText, presentResource, presentTag } from './presentation';

export class ResourceNode implements TreeNode {
  readonly id: string;
  constructor(
    readonly parent: TreeNode,
    readonly store: ResourceStore,
    private snapshot: AwsResource,
  ) {
    this.id = `${parent.id}/${snapshot.arn}`;
  }

  async refresh(): Promise<void> {
    await this.store.refreshResource(this.resource);
  }

  /** The latest copy the store holds, so a node created before a write never shows stale tags. */
  get resource(): AwsResource {
    const latest = this.store.find(this.snapshot.arn);
    if (latest) this.snapshot = latest;
    return this.snapshot;
  }

  getTreeItem(): vscode.TreeItem {
    const resource = this.resource;
    const view = presentResource(resource);
    const item = new vscode.TreeItem(view.label, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    item.description = view.description;
    const list = resource.kind === 'secret' ? this.store.secrets : this.store.keys;
    item.tooltip = list.cachedAt === undefined ? view.tooltip : `${view.tooltip}\n${cachedText(list.cachedAt)}`;
    item.contextValue = view.contextValue;
    item.accessibilityInformation = { label: view.ariaLabel };
    item.iconPath = new vscode.ThemeIcon(resource.kind === 'secret' ? 'lock' : 'key');
    return item;
  }

  async getChildren(): Promise<TreeNode[]> {
    let resource = this.resource;
    if (resource.kind === 'kmsKey' && resource.tags === undefined) {
      try {
        resource = await this.store.keyDetails(resource);
      } catch (error) {
        return [
          errorNode(
            this,
            vscode.l10n.t("the key's tags"),
            describeError(error, { action: 'kms:ListResourceTags', resource: resource.name }).message,
          ),
        ];
      }
    }
    // Read in the background: the tags show at once, and a shield appears on those the policy relies on.
    if (resourceReadOnlyReason(resource) === undefined) void this.store.policies.use(resource);
    const tags = resource.tags ?? [];
    if (tags.length === 0) return [new MessageNode(this, `${this.id}/empty`, vscode.l10n.t('No tags'))];
    return tags.map((tag) => new TagNode(this, tag));
  }
}

export class TagNode implements TreeNode {
  readonly id: string;
  constructor(
    readonly parent: ResourceNode,
    readonly tag: Tag,
  ) {
    this.id = `${parent.id}/tag/${tag.key}`;
  }

  get resource(): AwsResource {
    return this.parent.resource;
  }

  getTreeItem(): vscode.TreeItem {
    const resource = this.resource;
    const guarded = policyUsesTag(this.parent.store.policies.known(resource.arn), this.tag.key);
    const view = presentTag(resource, this.tag, guarded);
    const item = new vscode.TreeItem(view.label, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.description = view.description;
    item.tooltip = view.tooltip;
    item.contextValue = view.contextValue;
    item.accessibilityInformation = { label: view.ariaLabel };
    item.iconPath = new vscode.ThemeIcon(guarded ? 'shield' : 'tag');
    return item;
  }
}
