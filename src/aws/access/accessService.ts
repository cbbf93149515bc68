import type { AwsClients } from '../clients';
import { loadAccountPrincipals, type AccountPrincipals } from './accountPrincipals';

/** The AWS reads access impact needs, per scope: IAM's principals of the account, and who the caller is. */
export class AccessService {
  constructor(private readonly clients: Pick<AwsClients, 'iam' | 'caller'>) {}

  caller(): Promise<{ account?: string; arn?: string }> {
    return this.clients.caller();
  }

  principals(onPage?: (principalsSoFar: number) => void): Promise<AccountPrincipals> {
    return loadAccountPrincipals(this.clients.iam(), onPage);
  }
}
