import * as vscode from 'vscode';
import type { CommandDeps } from './deps';

/**
 * Runs `aws sso login --profile NAME` (given a profile name) or `aws sso login --sso-session NAME` (given
 * `{ ssoSession }`, for Identity Center accounts picked without a profile) in a terminal: the AWS CLI opens the
 * browser and waits for the user. Refreshes once that terminal closes. The name goes as an argument, never through
 * a shell.
 */
export async function ssoLogin(deps: CommandDeps, target?: unknown): Promise<void> {
  const session = (target as { ssoSession?: unknown } | undefined)?.ssoSession;
  const [flag, name] = typeof session === 'string' ? ['--sso-session', session] : ['--profile', target];
  if (typeof name !== 'string' || name === '') return;
  const terminal = vscode.window.createTerminal({
    name: vscode.l10n.t('AWS SSO login: {0}', name),
    shellPath: 'aws',
    shellArgs: ['sso', 'login', flag, name],
  });
  const closed = vscode.window.onDidCloseTerminal((t) => {
    if (t !== terminal) return;
    closed.dispose();
    deps.log.info(`aws sso login ${flag} ${name} ended (exit code ${t.exitStatus?.code ?? 'unknown'})`);
    void deps.connections.rebuild();
  });
  terminal.show();
}
