import type * as vscode from 'vscode';
import type { RemovalHistory } from '../history';
import type { Scopes } from '../scopes';
import type { ResourceTreeProvider } from '../tree/provider';

/** What every command handler gets; passed in, never looked up globally, so tests can hand in their own. */
export interface CommandDeps {
  readonly scopes: Scopes;
  readonly tree: ResourceTreeProvider;
  readonly log: vscode.LogOutputChannel;
  readonly history: RemovalHistory;
  /** `arn\nkey` of tags whose removal is under way: a second click on Remove must not send a second call. */
  readonly removalsInFlight: Set<string>;
}
