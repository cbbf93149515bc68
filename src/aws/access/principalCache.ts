import type { AccountPrincipals } from './accountPrincipals';

/**
 * An account's principals, read once on first need and kept until a refresh: IAM's answer for a large account is
 * many pages, and every confirmation needs it. Scopes of one account (several profiles or regions) share it. A
 * failed read is not kept, so the next confirmation tries again.
 */
export class PrincipalCache {
  private readonly byAccount = new Map<string, Promise<AccountPrincipals>>();

  get(accountId: string, load: () => Promise<AccountPrincipals>): Promise<AccountPrincipals> {
    let entry = this.byAccount.get(accountId);
    if (!entry) {
      entry = load();
      this.byAccount.set(accountId, entry);
      entry.catch(() => {
        if (this.byAccount.get(accountId) === entry) this.byAccount.delete(accountId);
      });
    }
    return entry;
  }

  clear(): void {
    this.byAccount.clear();
  }
}
