// The IAM Identity Center portal API (ListAccounts, ListAccountRoles, GetRoleCredentials), called with the token the
// AWS CLI cached for an sso-session: the accounts and roles a user may use, and credentials for one of them, with
// no profile written. The portal is not signed with SigV4; the token goes in the `x-amz-sso_bearer_token` header.
import {
  GetRoleCredentialsCommand,
  paginateListAccountRoles,
  paginateListAccounts,
  SSOClient,
} from '@aws-sdk/client-sso';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import { createHash } from 'node:crypto';
import { addCallLogging } from './callLog';
import { errorName } from './errors';
import { requestHandlerOptions } from './httpOptions';
import { findSsoSession, readSsoToken, SsoLoginRequiredError, type IdentityCenterSource } from './ssoSessions';
import type { Logger } from './types';

export interface PortalOptions {
  /** The extension's endpoint override (a local emulator): it serves every service, the portal too. */
  readonly endpointUrl?: string;
  readonly logger: Logger;
  readonly requestTimeoutMs?: number;
  readonly maxAttempts?: number;
}

export interface PortalAccount {
  readonly accountId: string;
  readonly accountName: string;
  readonly emailAddress?: string;
}

export interface IdentityCenterPortal {
  accounts(): Promise<PortalAccount[]>;
  roles(accountId: string): Promise<string[]>;
  destroy(): void;
}

/** Role credentials are fetched again this long before they expire, so no call goes out with credentials about to lapse. */
const REFRESH_MARGIN_MS = 5 * 60_000;

function portalClient(region: string, options: PortalOptions): SSOClient {
  const client = new SSOClient({
    region,
    maxAttempts: options.maxAttempts ?? 3,
    requestHandler: requestHandlerOptions(options.requestTimeoutMs),
    ...(options.endpointUrl ? { endpoint: options.endpointUrl } : {}),
  });
  // The call log reads only resource names and tag keys from an input: the access token never reaches it.
  addCallLogging(client.middlewareStack, 'sso', options.logger);
  return client;
}

/** A token the portal refuses (revoked, or signed out elsewhere) needs a new sign-in, as an expired one does. */
async function refusedAsLogin<T>(session: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (errorName(error) === 'UnauthorizedException') throw new SsoLoginRequiredError(session, 'refused');
    throw error;
  }
}

async function sessionWithToken(name: string): Promise<{ region: string; accessToken: string }> {
  const token = await readSsoToken(name);
  if (token.kind !== 'valid') throw new SsoLoginRequiredError(name, token.kind);
  const session = await findSsoSession(name);
  if (!session?.region) {
    throw Object.assign(new Error(`The sso-session "${name}" in the AWS config file has no sso_region.`), {
      name: 'SsoSessionNotConfigured',
    });
  }
  return { region: session.region, accessToken: token.accessToken };
}

/** The portal for one session, with its token read now; fails with SsoLoginRequiredError when it must be renewed. */
export async function openPortal(sessionName: string, options: PortalOptions): Promise<IdentityCenterPortal> {
  const { region, accessToken } = await sessionWithToken(sessionName);
  const client = portalClient(region, options);
  return {
    accounts: () =>
      refusedAsLogin(sessionName, async () => {
        const found: PortalAccount[] = [];
        for await (const page of paginateListAccounts({ client }, { accessToken })) {
          for (const a of page.accountList ?? []) {
            if (!a.accountId) continue;
            found.push({
              accountId: a.accountId,
              accountName: a.accountName ?? a.accountId,
              ...(a.emailAddress ? { emailAddress: a.emailAddress } : {}),
            });
          }
        }
        return found;
      }),
    roles: (accountId) =>
      refusedAsLogin(sessionName, async () => {
        const names: string[] = [];
        for await (const page of paginateListAccountRoles({ client }, { accessToken, accountId })) {
          for (const r of page.roleList ?? []) if (r.roleName) names.push(r.roleName);
        }
        return names;
      }),
    destroy: () => client.destroy(),
  };
}

interface Held {
  readonly pending: Promise<AwsCredentialIdentity>;
  /** Known once the portal has answered; until then callers share the call in flight. */
  renewAt?: number;
}

/**
 * Role credentials already fetched, keyed by account, role and a hash of the token (a new sign-in never reuses what
 * the old one fetched). One per build of the tree: the same account and role in three regions asks the portal
 * once, and a Refresh asks again, as it reads every profile's credentials again.
 */
export type RoleCredentialsCache = Map<string, Held>;

/**
 * Credentials for one account and role through GetRoleCredentials, kept until shortly before they expire. The token
 * is read from the CLI's cache on every call: once it has expired, or the portal refuses it, the call fails with
 * SsoLoginRequiredError and the tree offers to sign in.
 */
export function identityCenterCredentials(
  source: IdentityCenterSource,
  options: PortalOptions & { readonly roleCredentials?: RoleCredentialsCache },
): AwsCredentialIdentityProvider {
  const roleCredentials: RoleCredentialsCache = options.roleCredentials ?? new Map();
  return async () => {
    const { region, accessToken } = await sessionWithToken(source.session);
    const now = Date.now();
    for (const [key, held] of roleCredentials)
      if (held.renewAt !== undefined && held.renewAt <= now) roleCredentials.delete(key);
    const tokenHash = createHash('sha256').update(accessToken).digest('hex').slice(0, 16);
    const key = `${tokenHash}/${source.accountId}/${source.roleName}`;
    const kept = roleCredentials.get(key);
    if (kept) return kept.pending;
    const held: Held = { pending: fetchRoleCredentials(source, region, accessToken, options) };
    roleCredentials.set(key, held);
    held.pending.then(
      (c) => (held.renewAt = (c.expiration?.getTime() ?? now) - REFRESH_MARGIN_MS),
      () => roleCredentials.delete(key),
    );
    return held.pending;
  };
}

async function fetchRoleCredentials(
  source: IdentityCenterSource,
  region: string,
  accessToken: string,
  options: PortalOptions,
): Promise<AwsCredentialIdentity> {
  const client = portalClient(region, options);
  try {
    const { roleCredentials: rc } = await refusedAsLogin(source.session, () =>
      client.send(
        new GetRoleCredentialsCommand({ accessToken, accountId: source.accountId, roleName: source.roleName }),
      ),
    );
    if (!rc?.accessKeyId || !rc.secretAccessKey) {
      throw Object.assign(new Error('GetRoleCredentials answered without credentials.'), {
        name: 'InvalidRoleCredentials',
      });
    }
    return {
      accessKeyId: rc.accessKeyId,
      secretAccessKey: rc.secretAccessKey,
      sessionToken: rc.sessionToken,
      // The portal gives the expiration in epoch milliseconds (Portal API reference, RoleCredentials).
      ...(rc.expiration ? { expiration: new Date(rc.expiration) } : {}),
      accountId: source.accountId,
    };
  } finally {
    client.destroy();
  }
}
