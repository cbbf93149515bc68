import * as vscode from 'vscode';
import type { DescribedError } from '../aws/errors';
import type { CommandDeps } from './deps';
import { withoutLinks } from './notificationText';

/**
 * A notification whose text may hold tag keys, values and names: they are shown as text, never as links.
 * Every notification goes through here (a lint rule says so).
 */
export function notify(
  level: 'info' | 'warning' | 'error',
  message: string,
  ...actions: string[]
): Thenable<string | undefined> {
  const text = withoutLinks(message);
  if (level === 'error') return vscode.window.showErrorMessage(text, ...actions);
  if (level === 'warning') return vscode.window.showWarningMessage(text, ...actions);
  return vscode.window.showInformationMessage(text, ...actions);
}

/** A modal question. Dialogs show their text as typed (no links), so it is passed on as it is. */
export function askModal(message: string, detail: string, ...buttons: string[]): Thenable<string | undefined> {
  return vscode.window.showWarningMessage(message, { modal: true, detail }, ...buttons);
}

/**
 * Shows an AWS failure with the actions that can fix it. Not awaited by callers: a command must finish
 * (and its progress close) while the message is still on screen.
 */
export function showAwsError(deps: CommandDeps, error: DescribedError): void {
  deps.log.error(error.message);
  const actions =
    error.category === 'credentials' ? ['Select Profile', 'Refresh Credentials', 'Show Log'] : ['Show Log'];
  void notify('error', error.message, ...actions).then((choice) => {
    if (choice === 'Select Profile') void vscode.commands.executeCommand('awsTags.selectProfile');
    if (choice === 'Refresh Credentials') void vscode.commands.executeCommand('awsTags.refresh');
    if (choice === 'Show Log') deps.log.show();
  });
}
