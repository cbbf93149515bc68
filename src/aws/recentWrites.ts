import type { AwsResource } from './types';

// ListSecrets "might not reflect changes from the last five minutes": for that long after a write,
// a listed copy older than the one read back is ignored.
export const LIST_LAG_MS = 5 * 60_000;

/**
 * What was read back after each recent write, by ARN. Shared by every store of a window, so that a full Refresh,
 * which builds new stores, still cannot let a lagging list bring an old state back.
 */
export class RecentWrites {
  private readonly written = new Map<string, { resource: AwsResource; at: number; ticket: number }>();
  private tickets = 0;

  constructor(private readonly now: () => number = Date.now) {}

  /** Taken before a write starts; read-backs of writes that started earlier can then never win over later ones. */
  begin(): number {
    return ++this.tickets;
  }

  /** False when a write begun later has already recorded its read-back. */
  record(resource: AwsResource, ticket: number): boolean {
    const previous = this.written.get(resource.arn);
    if (previous && previous.ticket > ticket) return false;
    this.written.set(resource.arn, { resource, at: this.now(), ticket });
    return true;
  }

  /** The listed copy, unless a recent write read back a newer state. */
  newerOf<T extends AwsResource>(listed: T): T {
    const write = this.written.get(listed.arn);
    if (!write) return listed;
    if (this.now() - write.at > LIST_LAG_MS) {
      this.written.delete(listed.arn);
      return listed;
    }
    const ours = write.resource as T;
    if (listed.kind === 'secret' && ours.kind === 'secret' && listed.lastChangedDate && ours.lastChangedDate) {
      return listed.lastChangedDate.getTime() > ours.lastChangedDate.getTime() ? listed : ours;
    }
    // KMS tags are read per key, never from a lagging list; a secret without dates keeps what was read back.
    return ours.kind === 'kmsKey' ? listed : ours;
  }
}
