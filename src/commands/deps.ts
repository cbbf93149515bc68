import type * as vscode from 'vscode';
import type { TagWriter } from '../aws/tagWriter';
import type { TagHistory } from '../history/tagHistory';
import type { Connections } from '../connections/connections';

/** What every command handler gets; passed in, never looked up globally, so tests can hand in their own. */
export interface CommandDeps {
  readonly connections: Connections;
  readonly log: vscode.LogOutputChannel;
  readonly history: TagHistory;
  /** Every tag change goes through it: history, call, read-back, outcome, tree. */
  readonly writer: TagWriter;
}
