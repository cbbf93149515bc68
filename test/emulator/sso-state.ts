// What the IAM Identity Center access portal knows: the user's tokens, the accounts and permission sets assigned to
// the user, and the role credentials handed out, which the emulator then accepts as it accepts its own.
import { createHash, randomBytes } from 'node:crypto';
import type { Credential, SeedSso } from './types';

export interface SsoToken {
  accessToken: string;
  expiresAt: number;
  userName: string;
}

export interface SsoAccount {
  accountId: string;
  accountName: string;
  emailAddress?: string;
  roles: string[];
}

/** Permission sets last 1 hour unless the administrator sets another session duration. */
export const ROLE_SESSION_MS = 3_600_000;
const DEFAULT_TOKEN_MINUTES = 480;

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const randomId = (n: number): string => [...randomBytes(n)].map((b) => ALNUM[b % ALNUM.length]).join('');

/**
 * The IAM role Identity Center provisions for a permission set: `AWSReservedSSO_<permission set>_<16 hex>`
 * (IAM Identity Center User Guide, "Referencing permission sets in resource policies"). The suffix is stable here.
 */
export function reservedRoleName(accountId: string, permissionSet: string): string {
  const suffix = createHash('sha256').update(`${accountId}/${permissionSet}`).digest('hex').slice(0, 16);
  return `AWSReservedSSO_${permissionSet}_${suffix}`;
}

export class SsoState {
  readonly tokens = new Map<string, SsoToken>();
  readonly accounts: SsoAccount[] = [];
  /** Role credentials GetRoleCredentials handed out, in order. */
  readonly minted: Credential[] = [];

  clear(): void {
    this.tokens.clear();
    this.accounts.length = 0;
    this.minted.length = 0;
  }

  /** The credentials SigV4 accepts: the emulator's own, then the role credentials handed out. */
  withMinted(own: Credential[]): Credential[] {
    return this.minted.length ? [...own, ...this.minted] : own;
  }

  mint(token: SsoToken, account: SsoAccount, permissionSet: string, now: number): Credential & { expiration: number } {
    const role = reservedRoleName(account.accountId, permissionSet);
    const credential = {
      accessKeyId: `ASIA${randomId(16)}`,
      secretAccessKey: randomBytes(30).toString('base64'),
      sessionToken: randomBytes(96).toString('base64'),
      arn: `arn:aws:sts::${account.accountId}:assumed-role/${role}/${token.userName}`,
      accountId: account.accountId,
    };
    this.minted.push(credential);
    return { ...credential, expiration: now + ROLE_SESSION_MS };
  }

  toJSON(): object {
    return {
      tokens: [...this.tokens.values()].map((t) => ({ userName: t.userName, expiresAt: t.expiresAt })),
      accounts: this.accounts,
      minted: this.minted.map((c) => ({ accessKeyId: c.accessKeyId, arn: c.arn })),
    };
  }
}

export function applySsoSeed(sso: SsoState, seed: SeedSso, now: number): void {
  for (const t of seed.tokens ?? []) {
    if (typeof t.accessToken !== 'string' || !t.accessToken) throw new Error('seed: sso: a token has no accessToken');
    if (sso.tokens.has(t.accessToken)) throw new Error('seed: sso: the same accessToken is given twice');
    const minutes = t.expiresInMinutes ?? DEFAULT_TOKEN_MINUTES;
    sso.tokens.set(t.accessToken, {
      accessToken: t.accessToken,
      expiresAt: now + minutes * 60_000,
      userName: t.userName ?? 'emulator-user',
    });
  }
  for (const a of seed.accounts ?? []) {
    if (!/^\d{12}$/.test(a.accountId ?? '')) throw new Error(`seed: sso: account ID ${a.accountId} is not 12 digits`);
    if (sso.accounts.some((x) => x.accountId === a.accountId))
      throw new Error(`seed: sso: account ${a.accountId} is given twice`);
    if (!Array.isArray(a.roles)) throw new Error(`seed: sso: account ${a.accountId} needs a list of roles`);
    sso.accounts.push({
      accountId: a.accountId,
      accountName: a.accountName,
      ...(a.emailAddress === undefined ? {} : { emailAddress: a.emailAddress }),
      roles: [...a.roles],
    });
  }
}
