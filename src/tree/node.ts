import * as vscode from 'vscode';
import { Token, contextValue } from './contextValues';

/** Every node of the view. Ids are stable (`profile/region/secret/ARN/tag/KEY`) so expansion and reveal survive refreshes. */
export interface TreeNode {
  readonly id: string;
  readonly parent: TreeNode | undefined;
  getTreeItem(): vscode.TreeItem;
  getChildren?(): Promise<TreeNode[]>;
  /**
   * Reads this node's part of AWS again (Refresh on its context menu). The store says what changed and the provider
   * redraws; 'rebuild' asks for everything again with new clients (a scope whose credentials failed). Nodes without
   * it refresh their parent.
   */
  refresh?(): Promise<void | 'rebuild'>;
}

/** An error or an empty/loading placeholder. An error node retries its parent when clicked. */
export class MessageNode implements TreeNode {
  constructor(
    readonly parent: TreeNode | undefined,
    readonly id: string,
    private readonly label: string,
    private readonly options: { error?: boolean; tooltip?: string; command?: vscode.Command; icon?: string } = {},
  ) {}

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.label, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.tooltip = this.options.tooltip;
    item.command = this.options.command;
    item.iconPath = new vscode.ThemeIcon(
      this.options.icon ?? (this.options.error ? 'error' : 'info'),
      this.options.error ? new vscode.ThemeColor('errorForeground') : undefined,
    );
    item.contextValue = contextValue(this.options.error ? Token.error : Token.message);
    return item;
  }
}

export function errorNode(parent: TreeNode, what: string, reason: string): MessageNode {
  return new MessageNode(parent, `${parent.id}/error`, vscode.l10n.t('Could not load {0}: click to retry', what), {
    error: true,
    tooltip: reason,
    command: { command: 'awsTags.refreshNode', title: vscode.l10n.t('Retry'), arguments: [parent] },
  });
}
