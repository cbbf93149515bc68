import type { AccountPrincipals } from './accountPrincipals';

/** A failed read is kept this long, so that an IAM that refuses or cannot be reached does not slow every dialog. */
export const FAILURE_KEPT_MS = 5 * 60_000;

interface Entry {
  readonly principals: Promise<AccountPrincipals>;
  failedAt?: number;
}

/**
 * An account's principals, read once on first need and kept until a refresh: IAM's answer for a large account is
 * many pages, and every confirmation needs it. Scopes of one account (several profiles or regions) share it. A
 * failed read is tried again after FAILURE_KEPT_MS, or at once after a refresh.
 */
export class PrincipalCache {
  private readonly byAccount = new Map<string, Entry>();

  constructor(private readonly now: () => number = Date.now) {}

  get(accountId: string, load: () => Promise<AccountPrincipals>): Promise<AccountPrincipals> {
    let entry = this.byAccount.get(accountId);
    if (!entry || (entry.failedAt !== undefined && this.now() - entry.failedAt >= FAILURE_KEPT_MS)) {
      const created: Entry = { principals: load() };
      created.principals.catch(() => {
        created.failedAt = this.now();
      });
      this.byAccount.set(accountId, created);
      entry = created;
    }
    return entry.principals;
  }

  clear(): void {
    this.byAccount.clear();
  }
}
