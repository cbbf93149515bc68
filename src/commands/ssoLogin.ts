import * as vscode from 'vscode';
import type { CommandDeps } from './deps';

/**
 * Runs `aws sso login --profile NAME` in a terminal (the AWS CLI opens the browser and waits for the user), then
 * refreshes once that terminal closes. The profile goes as an argument, never through a shell.
 */
export async function ssoLogin(deps: CommandDeps, profile?: unknown): Promise<void> {
  if (typeof profile !== 'string' || profile === '') return;
  const terminal = vscode.window.createTerminal({
    name: vscode.l10n.t('AWS SSO login: {0}', profile),
    shellPath: 'aws',
    shellArgs: ['sso', 'login', '--profile', profile],
  });
  const closed = vscode.window.onDidCloseTerminal((t) => {
    if (t !== terminal) return;
    closed.dispose();
    deps.log.info(`aws sso login for profile ${profile} ended (exit code ${t.exitStatus?.code ?? 'unknown'})`);
    void deps.connections.rebuild();
  });
  terminal.show();
}
