import * as vscode from 'vscode';
import type { ResourceStore, StoreChange } from '../aws/resourceStore';
import type { Connections } from '../connections/connections';
import { GroupNode, problemNodes, ConnectionNode } from './groupNodes';
import { describeError } from '../aws/errors';
import { errorNode, MessageNode, type TreeNode } from './node';

interface ConnectionView {
  readonly connectionNode: ConnectionNode;
  readonly subscription: { dispose(): void };
}

// Pages and key details arrive in bursts; redrawing once per burst keeps a 10,000-secret load smooth.
const REDRAW_DELAY_MS = 50;

export class ResourceTreeProvider implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TreeNode | TreeNode[] | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private views: ConnectionView[] = [];
  private pending = new Set<TreeNode>();
  private timer: NodeJS.Timeout | undefined;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly connections: Connections) {
    this.subscription = vscode.Disposable.from(
      connections.onDidChange(() => {
        this.rebuildViews();
        this.changed.fire(undefined);
      }),
      connections.onDidChangeAccount(() => {
        if (this.views.length > 1) this.changed.fire(this.views.map((v) => v.connectionNode));
      }),
    );
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    return node.getTreeItem();
  }

  getParent(node: TreeNode): TreeNode | undefined {
    return node.parent;
  }

  async getChildren(node?: TreeNode): Promise<TreeNode[]> {
    try {
      if (node) return (await node.getChildren?.()) ?? [];
      return await this.roots();
    } catch (error) {
      // getChildren must never throw: VS Code would show a bare error and forget the subtree.
      const reason = describeError(error, { action: 'listing' }).message;
      if (node) return [errorNode(node, vscode.l10n.t('this item'), reason)];
      return [
        new MessageNode(undefined, 'root/error', vscode.l10n.t('Could not load: click to retry'), {
          error: true,
          tooltip: reason,
          command: { command: 'awsTags.refresh', title: vscode.l10n.t('Retry') },
        }),
      ];
    }
  }

  /** The group node showing this store's secrets or keys. */
  group(store: ResourceStore, list: 'secrets' | 'keys'): GroupNode | undefined {
    return this.views.find((v) => v.connectionNode.store === store)?.connectionNode[list];
  }

  /** Redraws one node, or everything when none is given. */
  redraw(node?: TreeNode): void {
    if (!node) {
      this.changed.fire(undefined);
      return;
    }
    this.pending.add(node);
    this.timer ??= setTimeout(() => this.flush(), REDRAW_DELAY_MS);
  }

  private flush(): void {
    this.timer = undefined;
    const nodes = [...this.pending];
    this.pending = new Set();
    // A node whose ancestor is redrawn anyway need not be redrawn itself.
    const covered = (n: TreeNode) => {
      for (let p = n.parent; p; p = p.parent) if (this.pending.has(p) || nodes.includes(p)) return true;
      return false;
    };
    const roots = nodes.filter((n) => !covered(n));
    if (roots.length > 0) this.changed.fire(roots);
  }

  private async roots(): Promise<TreeNode[]> {
    await this.connections.ready();
    if (this.views.length !== 1) return this.views.map((v) => v.connectionNode);
    const only = this.views[0].connectionNode;
    if (only.secrets && only.keys) return [only.secrets, only.keys];
    // Missing credentials (not an expired SSO session): an empty root lets the welcome view offer "Select Profile".
    if (only.entry.problem?.kind === 'noCredentials' && !only.entry.problem.sso) return [];
    return problemNodes(undefined, only.entry);
  }

  private rebuildViews(): void {
    for (const view of this.views) view.subscription.dispose();
    const entries = this.connections.entries;
    const show = this.connections.settings.showAwsManagedKeys;
    this.views = entries.map((entry) => {
      const connectionNode = new ConnectionNode(entry, entries.length > 1, show);
      const subscription = entry.store?.onDidChange((change) => this.onStoreChange(connectionNode, change)) ?? {
        dispose() {},
      };
      return { connectionNode, subscription };
    });
  }

  private onStoreChange(connectionNode: ConnectionNode, change: StoreChange): void {
    const group =
      connectionNode['list' in change ? change.list : change.resource.kind === 'secret' ? 'secrets' : 'keys'];
    if (!group) return;
    if (change.kind === 'reset') group.forget();
    if (change.kind === 'list' || change.kind === 'reset') {
      this.redraw(group);
      return;
    }
    const node = group.existingNode(change.resource.arn);
    // A resource that appears, disappears or becomes hidden changes its group's children; otherwise only its own node.
    if (change.kind === 'removed' || !node || !group.isVisible(change.resource)) this.redraw(group);
    else this.redraw(node);
  }

  dispose(): void {
    for (const view of this.views) view.subscription.dispose();
    this.subscription.dispose();
    this.changed.dispose();
    if (this.timer) clearTimeout(this.timer);
  }
}
