import * as vscode from 'vscode';
import type { DescribedError } from '../aws/errors';
import type { CommandDeps } from './deps';

/**
 * Shows an AWS failure with the actions that can fix it. Not awaited by callers: a command must finish
 * (and its progress close) while the message is still on screen.
 */
export function showAwsError(deps: CommandDeps, error: DescribedError): void {
  deps.log.error(error.message);
  const actions = error.category === 'credentials' ? ['Select Profile', 'Refresh Credentials', 'Show Log'] : ['Show Log'];
  void vscode.window.showErrorMessage(error.message, ...actions).then((choice) => {
    if (choice === 'Select Profile') void vscode.commands.executeCommand('awsTags.selectProfile');
    if (choice === 'Refresh Credentials') void vscode.commands.executeCommand('awsTags.refresh');
    if (choice === 'Show Log') deps.log.show();
  });
}
