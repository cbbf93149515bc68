import * as vscode from 'vscode';
import { describeError } from '../aws/errors';
import type { ListState, ResourceStore } from '../aws/resourceStore';
import type { AwsResource, Scope } from '../aws/types';
import type { Connection } from '../connections/connections';
import { contextValue, Token } from './contextValues';
import { errorNode, MessageNode, type TreeNode } from './node';
import { ageText, cachedText, printable } from './presentation';
import { ResourceNode } from './resourceNodes';

export type ListName = 'secrets' | 'keys';

const LIST_TEXT: Record<
  ListName,
  { label: string; noun: string; action: string; token: typeof Token.secretsGroup | typeof Token.kmsGroup }
> = {
  secrets: {
    label: 'Secrets Manager',
    get noun() {
      return vscode.l10n.t('secrets');
    },
    action: 'secretsmanager:ListSecrets',
    token: Token.secretsGroup,
  },
  // Getters: l10n.t is read when a node is drawn, after the bundle is loaded.
  keys: {
    get label() {
      return vscode.l10n.t('KMS Keys');
    },
    get noun() {
      return vscode.l10n.t('KMS keys');
    },
    action: 'kms:ListKeys',
    token: Token.kmsGroup,
  },
};

/** "Secrets Manager" or "KMS Keys": shows what the store has so far and keeps one node per resource. */
export class GroupNode implements TreeNode {
  readonly id: string;
  private nodes = new Map<string, ResourceNode>();

  constructor(
    readonly parent: TreeNode | undefined,
    readonly store: ResourceStore,
    readonly list: ListName,
    private readonly showAwsManagedKeys: boolean,
  ) {
    this.id = `${scopeId(store.scope)}/${list}`;
  }

  getTreeItem(): vscode.TreeItem {
    const text = LIST_TEXT[this.list];
    const item = new vscode.TreeItem(text.label, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    item.contextValue = contextValue(Token.group, text.token);
    item.iconPath = new vscode.ThemeIcon(this.list === 'secrets' ? 'lock' : 'key');
    const state = this.state();
    const count = this.visible().length;
    if (state.cachedAt !== undefined) {
      item.description = vscode.l10n.t('{0}, cached {1}', count, ageText(state.cachedAt));
      item.tooltip = cachedText(state.cachedAt);
    } else if (state.status === 'done') item.description = String(count);
    else if (state.status === 'loading' && count > 0) item.description = vscode.l10n.t('{0}, loading…', count);
    else if (state.status === 'error' && this.list === 'secrets' && count > 0)
      item.description = vscode.l10n.t('{0}, incomplete', count);
    return item;
  }

  async getChildren(): Promise<TreeNode[]> {
    // A cached listing shows at once while the fresh one is read; otherwise the first page (or every key) is awaited.
    const load = this.list === 'secrets' ? this.store.loadSecrets().firstPage : this.store.loadKeys().listed;
    if (this.state().cachedAt === undefined) await load;
    const state = this.state();
    const text = LIST_TEXT[this.list];
    const reason = state.status === 'error' ? describeError(state.error, { action: text.action }).message : undefined;
    // Secrets that failed part way keep the pages read, with the error last (its click lists again). Keys are
    // listed in one piece, so a failure there has nothing of its own to show.
    if (reason !== undefined && (this.list === 'keys' || state.items.size === 0))
      return [errorNode(this, text.noun, reason)];
    const shown = this.visible()
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
      .map((resource) => this.nodeFor(resource));
    // Only nodes on screen are kept: a resource hidden now (by the filter) and shown again later (after Undo)
    // must make its group redraw, which happens when it has no node here.
    this.nodes = new Map(shown.map((node) => [node.resource.arn, node]));
    const children: TreeNode[] = [...shown];
    if (reason !== undefined) children.push(errorNode(this, vscode.l10n.t('the other {0}', text.noun), reason));
    if (state.status === 'loading' && this.list === 'secrets' && state.cachedAt === undefined) {
      children.push(
        new MessageNode(this, `${this.id}/loading`, vscode.l10n.t('Loading more secrets…'), { icon: 'loading~spin' }),
      );
    }
    if (children.length === 0) {
      const empty = this.store.activeFilter
        ? vscode.l10n.t('No {0} match the filter', text.noun)
        : vscode.l10n.t('No {0} in {1}', text.noun, this.store.scope.region);
      children.push(new MessageNode(this, `${this.id}/empty`, empty));
    }
    return children;
  }

  /** The node already shown for this resource, if any: refreshing it alone is enough after a change. */
  existingNode(arn: string): ResourceNode | undefined {
    return this.nodes.get(arn);
  }

  isVisible(resource: AwsResource): boolean {
    const shownKind = resource.kind === 'secret' || this.showAwsManagedKeys || resource.keyManager !== 'AWS';
    return shownKind && this.store.matches(resource);
  }

  forget(): void {
    this.nodes.clear();
  }

  async refresh(): Promise<void> {
    if (this.list === 'secrets') this.store.resetSecrets();
    else this.store.resetKeys();
  }

  private state(): ListState<AwsResource> {
    return this.list === 'secrets' ? this.store.secrets : this.store.keys;
  }

  visible(): AwsResource[] {
    return [...this.state().items.values()].filter((r) => this.isVisible(r));
  }

  private nodeFor(resource: AwsResource): ResourceNode {
    let node = this.nodes.get(resource.arn);
    if (!node) {
      node = new ResourceNode(this, this.store, resource);
      this.nodes.set(resource.arn, node);
    }
    return node;
  }
}

/** A profile/region pair; shown as a level of its own only when several are shown side by side. */
export class ConnectionNode implements TreeNode {
  readonly id: string;
  readonly parent = undefined;
  readonly secrets: GroupNode | undefined;
  readonly keys: GroupNode | undefined;

  /** With `shown` false the groups are the view's roots and this node is never displayed. */
  constructor(
    readonly entry: Connection,
    shown: boolean,
    showAwsManagedKeys: boolean,
  ) {
    this.id = scopeId(entry.scope);
    const store = entry.store;
    this.secrets = store && new GroupNode(shown ? this : undefined, store, 'secrets', showAwsManagedKeys);
    this.keys = store && new GroupNode(shown ? this : undefined, store, 'keys', showAwsManagedKeys);
  }

  get store(): ResourceStore | undefined {
    return this.entry.store;
  }

  getTreeItem(): vscode.TreeItem {
    const { profile, region } = this.entry.scope;
    const item = new vscode.TreeItem(
      `${profile ?? 'default'} · ${region || vscode.l10n.t('no region')}`,
      vscode.TreeItemCollapsibleState.Expanded,
    );
    item.id = this.id;
    item.description = this.entry.accountId;
    const ic = this.entry.scope.identityCenter;
    const where = region || vscode.l10n.t('(none)');
    const account = this.entry.accountId ?? vscode.l10n.t('(not known yet)');
    item.tooltip = ic
      ? vscode.l10n.t(
          'IAM Identity Center session: {0}\nAccount: {1}\nRole: {2}\nRegion: {3}',
          ic.session,
          ic.accountId,
          ic.roleName,
          where,
        )
      : vscode.l10n.t(
          'Profile: {0}\nRegion: {1}\nAccount: {2}',
          profile ?? vscode.l10n.t('(default credential chain)'),
          where,
          account,
        );
    item.contextValue = contextValue(Token.scope);
    item.iconPath = new vscode.ThemeIcon(this.entry.problem ? 'warning' : 'cloud');
    return item;
  }

  async getChildren(): Promise<TreeNode[]> {
    if (this.secrets && this.keys) return [this.secrets, this.keys];
    return problemNodes(this, this.entry);
  }

  /** A scope without a store had a credentials or region problem: only a full rebuild can mend that. */
  async refresh(): Promise<void | 'rebuild'> {
    if (!this.store) return 'rebuild';
    this.store.reset();
  }
}

/** What stands in for the groups of a scope that cannot be listed: a sign-in, a profile or a region to choose. */
export function problemNodes(parent: TreeNode | undefined, entry: Connection): TreeNode[] {
  const id = `${scopeId(entry.scope)}/problem`;
  const problem = entry.problem;
  if (problem?.kind === 'noRegion') {
    return [
      new MessageNode(parent, id, vscode.l10n.t('No AWS region is set: click to select one'), {
        icon: 'globe',
        command: { command: 'awsTags.selectRegion', title: vscode.l10n.t('Select Region...') },
      }),
    ];
  }
  if (problem?.kind === 'endpointUnconfirmed') {
    const host = printable(hostOf(problem.endpoint));
    return [
      new MessageNode(
        parent,
        id,
        vscode.l10n.t("This workspace's settings send AWS requests to {0}: click to allow", host),
        {
          icon: 'shield',
          tooltip: vscode.l10n.t(
            "awsTags.endpointUrl in this workspace's settings is {0}, which is neither this machine nor an AWS domain. Nothing is sent there until you allow it.",
            printable(problem.endpoint),
          ),
          command: {
            command: 'awsTags.allowWorkspaceEndpoint',
            title: vscode.l10n.t('Allow Endpoint...'),
            arguments: [problem.endpoint],
          },
        },
      ),
    ];
  }
  if (problem?.kind === 'noCredentials' && problem.sso) {
    const target = problem.ssoSession ? { ssoSession: problem.ssoSession } : problem.profile;
    return [
      new MessageNode(parent, id, vscode.l10n.t('Session expired, sign in'), {
        icon: 'sign-in',
        tooltip: problem.ssoSession
          ? vscode.l10n.t('Runs "aws sso login --sso-session {0}" in a terminal, then refreshes.', problem.ssoSession)
          : vscode.l10n.t('Runs "aws sso login --profile {0}" in a terminal, then refreshes.', problem.profile ?? ''),
        command: { command: 'awsTags.ssoLogin', title: vscode.l10n.t('Sign In'), arguments: [target] },
      }),
    ];
  }
  // The description every error gets: never the raw text, which for credential_process holds its command and stderr.
  const reason =
    problem?.kind === 'noCredentials' ? describeError(problem.error, { action: 'sts:GetCallerIdentity' }).message : '';
  return [
    new MessageNode(parent, id, vscode.l10n.t('No usable credentials: click to select a profile'), {
      error: true,
      tooltip: reason,
      command: { command: 'awsTags.selectProfile', title: vscode.l10n.t('Select Profile...') },
    }),
  ];
}

export function scopeId(scope: Scope): string {
  return `${scope.profile ?? '(default)'}/${scope.region}`;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
