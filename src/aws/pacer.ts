/**
 * Spaces calls so they stay under an AWS request quota (KMS UntagResource: 5 per second per account and region).
 * Firing a bulk job at full speed only buys ThrottlingExceptions and retry back-off; pacing a little under the
 * quota finishes sooner and keeps errors away from the user.
 */
export class Pacer {
  private next = 0;
  private readonly intervalMs: number;

  /** `headroom` below 1 leaves room for clock skew between us and AWS's token bucket. */
  constructor(
    readonly perSecond: number,
    headroom = 0.9,
    private readonly now: () => number = Date.now,
  ) {
    this.intervalMs = 1000 / (perSecond * headroom);
  }

  /** Resolves when the next call may start. Calls are granted in the order they ask. */
  async acquire(): Promise<void> {
    const now = this.now();
    const start = Math.max(now, this.next);
    this.next = start + this.intervalMs;
    if (start > now) await new Promise((resolve) => setTimeout(resolve, start - now));
  }
}

/** AWS's published quotas for the calls that change tags (requests per second, per account and region). */
export const TAGGING_QUOTAS = {
  /** Secrets Manager: TagResource and UntagResource share one quota. */
  secretsManagerTagging: 50,
  kmsTagResource: 10,
  kmsUntagResource: 5,
} as const;

/**
 * Read quotas that one scope's listing can reach (requests per second, per account and region): with many keys read
 * at once on a short round trip, DescribeKey alone would go past its quota.
 */
export const READ_QUOTAS = {
  kmsDescribeKey: 2000,
} as const;
