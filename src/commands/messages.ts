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
  const selectProfile = vscode.l10n.t('Select Profile');
  const refresh = vscode.l10n.t('Refresh Credentials');
  const showLog = vscode.l10n.t('Show Log');
  const actions = error.category === 'credentials' ? [selectProfile, refresh, showLog] : [showLog];
  void notify('error', error.message, ...actions).then((choice) => {
    if (choice === selectProfile) void vscode.commands.executeCommand('awsTags.selectProfile');
    if (choice === refresh) void vscode.commands.executeCommand('awsTags.refresh');
    if (choice === showLog) deps.log.show();
  });
}
