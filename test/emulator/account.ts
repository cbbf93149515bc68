// Account Management's ListRegions (service `account`, REST JSON, `POST /listRegions`): the Regions of the account
// and whether each is enabled, the least-privilege way (`account:ListRegions`) to learn where to look.
import { AwsError, validationError } from './errors';
import { decodeToken, encodeToken, optArray, optInt, optString } from './ops';
import type { Handler } from './ops';
import type { RegionOptStatus, SeedAccount } from './types';

/** Enabled for every account: the Regions introduced before 20 March 2019. */
export const BY_DEFAULT = [
  'ap-northeast-1',
  'ap-northeast-2',
  'ap-northeast-3',
  'ap-south-1',
  'ap-southeast-1',
  'ap-southeast-2',
  'ca-central-1',
  'eu-central-1',
  'eu-north-1',
  'eu-west-1',
  'eu-west-2',
  'eu-west-3',
  'sa-east-1',
  'us-east-1',
  'us-east-2',
  'us-west-1',
  'us-west-2',
];

/** Opt-in Regions of the commercial partition (botocore's endpoints data, 2025), off until enabled. */
const OPT_IN = [
  'af-south-1',
  'ap-east-1',
  'ap-east-2',
  'ap-south-2',
  'ap-southeast-3',
  'ap-southeast-4',
  'ap-southeast-5',
  'ap-southeast-6',
  'ap-southeast-7',
  'ca-west-1',
  'eu-central-2',
  'eu-south-1',
  'eu-south-2',
  'il-central-1',
  'me-central-1',
  'me-south-1',
  'mx-central-1',
];

const STATUSES: RegionOptStatus[] = ['ENABLED', 'ENABLING', 'DISABLING', 'DISABLED', 'ENABLED_BY_DEFAULT'];

export class AccountRegions {
  private readonly statuses = new Map<string, RegionOptStatus>();

  constructor() {
    this.clear();
  }

  clear(): void {
    this.statuses.clear();
    for (const r of BY_DEFAULT) this.statuses.set(r, 'ENABLED_BY_DEFAULT');
    for (const r of OPT_IN) this.statuses.set(r, 'DISABLED');
  }

  /** Seeds lay their statuses over the default list; a Region not in it is added. */
  seed(seed: SeedAccount): void {
    for (const [name, status] of Object.entries(seed.regions ?? {})) {
      if (!STATUSES.includes(status))
        throw new Error(`seed: account: ${name}: ${String(status)} is not one of ${STATUSES.join(', ')}`);
      this.statuses.set(name, status);
    }
  }

  /** By Region name. */
  list(): Array<{ RegionName: string; RegionOptStatus: RegionOptStatus }> {
    return [...this.statuses]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([RegionName, RegionOptStatus]) => ({ RegionName, RegionOptStatus }));
  }

  toJSON(): object {
    return Object.fromEntries(this.statuses);
  }
}

/** The model allows MaxResults 1..50 and gives no default: 20 here (UNSETTLED). */
const DEFAULT_PAGE = 20;

const listRegions: Handler = (ctx, input) => {
  const accountId = optString(input, 'AccountId');
  if (accountId !== undefined && !/^\d{12}$/.test(accountId))
    throw validationError(accountId, 'accountId', 'Member must satisfy regular expression pattern: ^\\d{12}$');
  // No organization here: another account's Regions need a management or delegated administrator account.
  if (accountId !== undefined && accountId !== ctx.principal.split(':')[4]) {
    throw new AwsError(
      'AccessDeniedException',
      `User: ${ctx.principal} is not authorized to perform: account:ListRegions on resource: arn:aws:account::${accountId}:account`,
    );
  }
  const size = optInt(input, 'MaxResults', 1, 50) ?? DEFAULT_PAGE;
  const wanted = (optArray(input, 'RegionOptStatusContains') ?? []).map((s) => {
    if (!STATUSES.includes(s as RegionOptStatus))
      throw validationError(
        s,
        'regionOptStatusContains.member',
        `Member must satisfy enum value set: [${STATUSES.join(', ')}]`,
      );
    return s as RegionOptStatus;
  });
  const regions = ctx.state.account.list().filter((r) => wanted.length === 0 || wanted.includes(r.RegionOptStatus));
  const start = decodeToken(
    optString(input, 'NextToken', 1000) || undefined,
    'ValidationException',
    'Invalid NextToken',
  );
  const next = start + size < regions.length ? encodeToken(start + size) : undefined;
  return { Regions: regions.slice(start, start + size), ...(next ? { NextToken: next } : {}) };
};

export const accountOps: Record<string, Handler> = { ListRegions: listRegions };
