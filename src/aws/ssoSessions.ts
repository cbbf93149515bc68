// IAM Identity Center sign-ins as the AWS CLI leaves them: `[sso-session NAME]` sections in ~/.aws/config and the
// token `aws sso login --sso-session NAME` caches in ~/.aws/sso/cache/<sha1 of NAME>.json. Only the shared-ini
// loader is needed here, so the command can list sessions without loading the SDK's clients.
import {
  CONFIG_PREFIX_SEPARATOR,
  getSSOTokenFromFile,
  loadSharedConfigFiles,
  type ParsedIniData,
} from '@smithy/shared-ini-file-loader';

export interface SsoSession {
  readonly name: string;
  /** Where the portal API of this Identity Center instance answers (`portal.sso.REGION.amazonaws.com`). */
  readonly region: string | undefined;
  readonly startUrl: string | undefined;
}

/** One account and role picked through Identity Center, with no profile written for it. */
export interface IdentityCenterSource {
  readonly session: string;
  readonly accountId: string;
  readonly roleName: string;
}

export type TokenState =
  | { readonly kind: 'valid'; readonly accessToken: string; readonly expiresAt: Date }
  | { readonly kind: 'missing' }
  | { readonly kind: 'expired'; readonly expiresAt: Date };

const SESSION_PREFIX = `sso-session${CONFIG_PREFIX_SEPARATOR}`;

/** The `[sso-session NAME]` sections of a parsed config file, which the loader keys `sso-session.NAME`. */
export function ssoSessionsFrom(configFile: ParsedIniData): SsoSession[] {
  return Object.entries(configFile)
    .filter(([key]) => key.startsWith(SESSION_PREFIX) && key.length > SESSION_PREFIX.length)
    .map(([key, section]) => ({
      name: key.slice(SESSION_PREFIX.length),
      region: section.sso_region?.trim() || undefined,
      startUrl: section.sso_start_url?.trim() || undefined,
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** Read afresh each time: a session added with `aws configure sso-session` counts at once. */
export async function listSsoSessions(): Promise<SsoSession[]> {
  const { configFile } = await loadSharedConfigFiles({ ignoreCache: true });
  return ssoSessionsFrom(configFile);
}

export async function findSsoSession(name: string): Promise<SsoSession | undefined> {
  return (await listSsoSessions()).find((s) => s.name === name);
}

/**
 * Whether a cached token can still be used. Expired at `expiresAt` itself, as the SDK's SSO credential provider
 * decides; a token without a readable `accessToken` or `expiresAt` is as good as none.
 */
export function tokenState(token: unknown, now: number): TokenState {
  const record = (token ?? {}) as { accessToken?: unknown; expiresAt?: unknown };
  if (typeof record.accessToken !== 'string' || record.accessToken === '') return { kind: 'missing' };
  if (typeof record.expiresAt !== 'string') return { kind: 'missing' };
  const expiresAt = new Date(record.expiresAt);
  if (Number.isNaN(expiresAt.getTime())) return { kind: 'missing' };
  if (expiresAt.getTime() <= now) return { kind: 'expired', expiresAt };
  return { kind: 'valid', accessToken: record.accessToken, expiresAt };
}

/** The cached token of a session, read from disk every time: a new `aws sso login` must count at once. */
export async function readSsoToken(session: string, now = Date.now()): Promise<TokenState> {
  try {
    return tokenState(await getSSOTokenFromFile(session), now);
  } catch {
    // No file, or not JSON: the CLI has not signed in to this session (or its cache was cleared).
    return { kind: 'missing' };
  }
}

/**
 * The session has to be signed in to again. Its name is one `errorCategory` maps to credentials, so the tree
 * shows the sign-in row and messages offer to refresh credentials, as for an expired SSO profile.
 */
export class SsoLoginRequiredError extends Error {
  override readonly name = 'SsoLoginRequired';
  constructor(
    readonly ssoSession: string,
    readonly reason: 'missing' | 'expired' | 'refused',
  ) {
    super(
      `The IAM Identity Center session "${ssoSession}" ${reason === 'missing' ? 'has no cached sign-in' : reason === 'expired' ? 'has expired' : 'was refused by the portal'}: run "aws sso login --sso-session ${ssoSession}".`,
    );
  }
}

/**
 * The region of an Identity Center scope when `awsTags.regions` is empty. There is no profile to take one from (and
 * the default profile's says nothing of this account): the setting, AWS_REGION, AWS_DEFAULT_REGION, else the region
 * of the Identity Center instance, where an organisation usually works.
 */
export function identityCenterRegion(
  setting: string | undefined,
  session: SsoSession | undefined,
  env: NodeJS.ProcessEnv = process.env,
): string | undefined {
  return setting || env.AWS_REGION || env.AWS_DEFAULT_REGION || session?.region;
}

/** A stable, readable name for a scope's root node, the history and the listing cache: never a profile name. */
export function identityCenterLabel(source: IdentityCenterSource): string {
  return `${source.session}/${source.accountId}/${source.roleName}`;
}

const ACCOUNT_ID = /^\d{12}$/;

/**
 * The `awsTags.identityCenterAccounts` setting, as far as it is usable: entries with a session, a 12-digit account
 * and a role, each once. Settings are hand-edited JSON, so anything else is left out rather than trusted.
 */
export function parseIdentityCenterAccounts(value: unknown): IdentityCenterSource[] {
  if (!Array.isArray(value)) return [];
  const seen = new Set<string>();
  const sources: IdentityCenterSource[] = [];
  for (const item of value) {
    const { ssoSession, accountId, roleName } = (item ?? {}) as Record<string, unknown>;
    if (typeof ssoSession !== 'string' || typeof accountId !== 'string' || typeof roleName !== 'string') continue;
    const source = { session: ssoSession.trim(), accountId: accountId.trim(), roleName: roleName.trim() };
    if (!source.session || !ACCOUNT_ID.test(source.accountId) || !source.roleName) continue;
    const label = identityCenterLabel(source);
    if (seen.has(label)) continue;
    seen.add(label);
    sources.push(source);
  }
  return sources;
}

/** What the setting stores for each source (the names a person reads in settings.json). */
export function identityCenterSetting(sources: readonly IdentityCenterSource[]) {
  return sources.map((s) => ({ ssoSession: s.session, accountId: s.accountId, roleName: s.roleName }));
}
