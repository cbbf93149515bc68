import type { AwsResource } from './types';
import { showsApplied, withDelta, type TagDelta } from './writeOutcome';

// ListSecrets "might not reflect changes from the last five minutes", and KMS reads are eventually consistent
// ("typically less than a few seconds ... in some cases it can take several minutes"): for that long after a write,
// a read that disagrees with what the write read back is not allowed to bring the old state back.
export const LIST_LAG_MS = 5 * 60_000;

interface Written {
  resource: AwsResource;
  at: number;
  ticket: number;
  /** The keys the write changed, laid over a lagging KMS read until a read shows them. */
  delta?: TagDelta;
}

/**
 * What was read back after each recent write, by ARN. Shared by every store of a window, so that a full Refresh,
 * which builds new stores, still cannot let a lagging read bring an old state back.
 */
export class RecentWrites {
  private readonly written = new Map<string, Written>();
  private tickets = 0;

  constructor(private readonly now: () => number = Date.now) {}

  /** Taken before a write starts; read-backs of writes that started earlier can then never win over later ones. */
  begin(): number {
    return ++this.tickets;
  }

  /** Taken before a read starts: its answer was sent before any write with a higher ticket. */
  current(): number {
    return this.tickets;
  }

  /** False when a write begun later has already recorded its read-back. */
  record(resource: AwsResource, ticket: number, delta?: TagDelta): boolean {
    const previous = this.written.get(resource.arn);
    if (previous && previous.ticket > ticket) return false;
    this.written.set(resource.arn, { resource, at: this.now(), ticket, delta });
    return true;
  }

  /** True when a write that began after the read with this ticket has recorded its read-back. */
  writtenSince(arn: string, readTicket: number): boolean {
    return (this.written.get(arn)?.ticket ?? 0) > readTicket;
  }

  /**
   * True while a write of this window on the resource is recent enough that a copy of its tags kept elsewhere (the
   * Tagging API's) may not show it yet: such a resource is read with its service's own API.
   */
  wroteRecently(arn: string): boolean {
    const write = this.written.get(arn);
    return write !== undefined && this.now() - write.at <= LIST_LAG_MS;
  }

  /** The listed (or separately read) copy, unless a recent write read back a newer state. */
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
    if (listed.kind === 'kmsKey') {
      // KMS has no change date to compare. A write whose read-back still lagged leaves its delta: until a read shows
      // the change, the keys it changed keep the values it wrote (the rest comes from the read). Once one does, KMS
      // has caught up and reads are taken as they come, someone else's later change included.
      if (listed.tags === undefined || !write.delta) return listed;
      if (showsApplied(listed.tags, write.delta)) {
        write.delta = undefined;
        return listed;
      }
      return { ...listed, tags: withDelta(listed.tags, write.delta) };
    }
    // A secret without dates keeps what was read back.
    return ours;
  }
}
