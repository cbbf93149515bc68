import type { QuotaOverrides } from './types';

/** Requests per second per account and region, as AWS publishes them. */
export const AWS_QUOTAS: Record<string, number> = {
  'kms.DescribeKey': 2000,
  'kms.ListResourceTags': 2000,
  'kms.ListKeys': 500,
  'kms.ListAliases': 500,
  'kms.TagResource': 10,
  'kms.UntagResource': 5,
  'secretsmanager.TagResource+UntagResource': 50,
  'secretsmanager.ListSecrets': 100,
  'secretsmanager.DescribeSecret': 10000,
  // Tag Editor User Guide, "Service quotas for Resource Groups Tagging API".
  'tagging.GetResources': 15,
};

/** Secrets Manager shares one quota between TagResource and UntagResource. */
function bucketName(op: string): string {
  return op === 'secretsmanager.TagResource' || op === 'secretsmanager.UntagResource'
    ? 'secretsmanager.TagResource+UntagResource'
    : op;
}

interface Bucket {
  tokens: number;
  at: number;
}

/** Token buckets holding one second of requests, refilled continuously. */
export class Quotas {
  private on = false;
  private rates: Record<string, number> = { ...AWS_QUOTAS };
  private buckets = new Map<string, Bucket>();

  set(setting: boolean | QuotaOverrides): void {
    this.buckets.clear();
    if (typeof setting === 'boolean') {
      this.on = setting;
      this.rates = { ...AWS_QUOTAS };
      return;
    }
    this.on = true;
    this.rates = { ...AWS_QUOTAS };
    for (const [name, rate] of Object.entries(setting)) this.rates[bucketName(name)] = rate;
  }

  describe(): { on: boolean; rates: Record<string, number> } {
    return { on: this.on, rates: { ...this.rates } };
  }

  /** False when this call is over quota. */
  take(op: string, region: string, now: number): boolean {
    if (!this.on) return true;
    const name = bucketName(op);
    const rate = this.rates[name];
    if (rate === undefined) return true;
    const id = `${name}@${region}`;
    const b = this.buckets.get(id) ?? { tokens: rate, at: now };
    b.tokens = Math.min(rate, b.tokens + ((now - b.at) / 1000) * rate);
    b.at = now;
    this.buckets.set(id, b);
    if (b.tokens < 1) return false;
    b.tokens -= 1;
    return true;
  }
}
