import * as vscode from 'vscode';
import { errorName } from '../aws/errors';
import { mapWithConcurrency } from '../aws/concurrency';
import type { IdentityCenterPortal, PortalAccount } from '../aws/identityCenter';
import {
  identityCenterSetting,
  listSsoSessions,
  readSsoToken,
  type IdentityCenterSource,
  type SsoSession,
} from '../aws/ssoSessions';
import { SECTION } from '../connections/settings';
import { pickerText } from '../tree/presentation';
import type { CommandDeps } from './deps';
import { notify } from './messages';

/** Portal calls in flight at once while reading the roles of the accounts picked. */
const ROLE_LOOKUPS = 4;

/**
 * Picks accounts and a role for each from an IAM Identity Center session the AWS CLI signed in to, and stores them
 * in `awsTags.identityCenterAccounts`: the tree then shows them beside the profiles, with no profile written. The
 * choices of other sessions are kept. An expired sign-in changes nothing and says how to sign in again.
 */
export async function selectIdentityCenterAccounts(deps: CommandDeps): Promise<void> {
  const session = await pickSession(await listSsoSessions());
  if (!session) return;
  // Checked before the SDK is loaded, so the usual case of an expired sign-in answers at once.
  if ((await readSsoToken(session.name)).kind !== 'valid') return signInFirst(session.name);
  const { endpointUrl, unconfirmed } = deps.connections.endpointForCalls();
  if (unconfirmed) {
    void notify(
      'warning',
      vscode.l10n.t(
        "This workspace's settings send AWS requests to {0}, which you have not allowed: the Identity Center sign-in is not sent there.",
        unconfirmed,
      ),
    );
    return;
  }
  const { openPortal } = await import('../aws/openScope.js');
  let portal: IdentityCenterPortal | undefined;
  try {
    portal = await openPortal(session.name, { endpointUrl, logger: deps.log });
    const accounts = await progress(vscode.l10n.t('Reading the accounts of {0}...', session.name), portal.accounts());
    const picked = await pickAccounts(deps, session.name, accounts);
    if (!picked) return;
    const chosen = await pickRoles(deps, session.name, picked, portal);
    if (!chosen) return;
    const others = deps.connections.settings.identityCenterAccounts.filter((s) => s.session !== session.name);
    const config = vscode.workspace.getConfiguration(SECTION);
    // A machine setting lives in the user's settings: a workspace cannot choose whose credentials are used.
    await config.update(
      'identityCenterAccounts',
      identityCenterSetting([...others, ...chosen]),
      vscode.ConfigurationTarget.Global,
    );
  } catch (error) {
    if (errorName(error) === 'SsoLoginRequired') return signInFirst(session.name);
    throw error;
  } finally {
    portal?.destroy();
  }
}

async function pickSession(sessions: SsoSession[]): Promise<SsoSession | undefined> {
  if (sessions.length === 0) {
    void notify(
      'info',
      vscode.l10n.t(
        'No [sso-session] section in the AWS config file: run "aws configure sso-session", then "aws sso login --sso-session NAME".',
      ),
    );
    return undefined;
  }
  if (sessions.length === 1) return sessions[0];
  const picked = await vscode.window.showQuickPick(
    sessions.map((s) => ({ label: s.name, description: [s.startUrl, s.region].filter(Boolean).join(' · '), s })),
    { ignoreFocusOut: true, placeHolder: vscode.l10n.t('IAM Identity Center session') },
  );
  return picked?.s;
}

function signInFirst(session: string): void {
  const signIn = vscode.l10n.t('Sign In');
  void notify(
    'warning',
    vscode.l10n.t(
      'The IAM Identity Center session "{0}" is not signed in or has expired: run "aws sso login --sso-session {0}", then try again.',
      session,
    ),
    signIn,
  ).then((choice) => {
    if (choice === signIn) void vscode.commands.executeCommand('awsTags.ssoLogin', { ssoSession: session });
  });
}

function progress<T>(title: string, work: Promise<T>): Thenable<T> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title }, () => work);
}

/** Undefined when cancelled; an empty list when the user cleared every account of the session. */
async function pickAccounts(
  deps: CommandDeps,
  session: string,
  accounts: PortalAccount[],
): Promise<PortalAccount[] | undefined> {
  if (accounts.length === 0) {
    void notify('info', vscode.l10n.t('No AWS account is assigned to you in the session "{0}".', session));
    return undefined;
  }
  const current = new Set(
    deps.connections.settings.identityCenterAccounts.filter((s) => s.session === session).map((s) => s.accountId),
  );
  // Account names and e-mail addresses are an administrator's text: shown literally.
  const items = accounts.map((account) => ({
    label: pickerText(account.accountName),
    description: [account.accountId, account.emailAddress && pickerText(account.emailAddress)]
      .filter(Boolean)
      .join(' · '),
    picked: current.has(account.accountId),
    account,
  }));
  const picked = await vscode.window.showQuickPick(items, {
    ignoreFocusOut: true,
    canPickMany: true,
    matchOnDescription: true,
    placeHolder: vscode.l10n.t('Accounts to show from {0} (several are shown side by side)', session),
  });
  return picked?.map((p) => p.account);
}

/**
 * One role per account: taken as it is when the account has one, asked for otherwise, one pick per account.
 * Permission sets differ between accounts, and the role decides what may be changed there, so each choice is seen.
 */
async function pickRoles(
  deps: CommandDeps,
  session: string,
  accounts: PortalAccount[],
  portal: IdentityCenterPortal,
): Promise<IdentityCenterSource[] | undefined> {
  const lookups = await progress(
    vscode.l10n.t('Reading the roles of {0} accounts...', accounts.length),
    mapWithConcurrency(accounts, ROLE_LOOKUPS, (a) => portal.roles(a.accountId)),
  );
  const refused = lookups.find((l) => errorName(l.error) === 'SsoLoginRequired');
  if (refused) throw refused.error;
  const previous = new Map(
    deps.connections.settings.identityCenterAccounts
      .filter((s) => s.session === session)
      .map((s) => [s.accountId, s.roleName]),
  );
  const chosen: IdentityCenterSource[] = [];
  const skipped: string[] = [];
  const asking = lookups.filter((l) => (l.value?.length ?? 0) > 1).length;
  let asked = 0;
  for (const { item: account, value: roles, error } of lookups) {
    if (error || !roles || roles.length === 0) {
      if (error) deps.log.warn(`sso:ListAccountRoles ${account.accountId} failed: ${errorName(error)}`);
      skipped.push(account.accountName);
      continue;
    }
    let roleName = roles[0];
    if (roles.length > 1) {
      asked += 1;
      const before = previous.get(account.accountId);
      const ordered = before && roles.includes(before) ? [before, ...roles.filter((r) => r !== before)] : roles;
      const picked = await vscode.window.showQuickPick(
        ordered.map((role) => ({
          label: pickerText(role),
          description: role === before ? vscode.l10n.t('current') : undefined,
          role,
        })),
        {
          ignoreFocusOut: true,
          title: vscode.l10n.t('Role in {0} ({1} of {2})', pickerText(account.accountName), asked, asking),
          placeHolder: vscode.l10n.t('Role to use in {0} ({1})', pickerText(account.accountName), account.accountId),
        },
      );
      if (!picked) return undefined;
      roleName = picked.role;
    }
    chosen.push({ session, accountId: account.accountId, roleName });
  }
  if (skipped.length > 0) {
    void notify(
      'warning',
      vscode.l10n.t('Left out, as no role could be read for them: {0}. See the log.', skipped.join(', ')),
    );
  }
  return chosen;
}
