import type { KmsService } from './kms';
import type { RecentWrites } from './recentWrites';
import type { AwsResource, KmsKeyResource } from './types';

/**
 * Each KMS key's DescribeKey and tags, read once and shared by the background load and an expanding node; a failure
 * is kept for the node to show until the next read. `clear()` (a reset) forgets reads still under way.
 */
export class KeyDetails {
  private readonly runs = new Map<string, Promise<KmsKeyResource>>();
  private readonly errors = new Map<string, unknown>();
  private generation = 0;

  constructor(
    private readonly kms: KmsService,
    private readonly recentWrites: RecentWrites,
    private readonly shown: (arn: string) => AwsResource | undefined,
  ) {}

  read(key: KmsKeyResource, onRead: (detailed: KmsKeyResource) => void): Promise<KmsKeyResource> {
    let run = this.runs.get(key.arn);
    if (!run) {
      const generation = this.generation;
      // The read's ticket: an answer sent before a write of this window must not undo that write's read-back.
      const readTicket = this.recentWrites.current();
      run = this.kms.details(key).then(
        (answered) => {
          const written = this.recentWrites.writtenSince(key.arn, readTicket) ? this.shown(key.arn) : undefined;
          const detailed = this.recentWrites.newerOf(written ? { ...answered, tags: written.tags } : answered);
          onRead(detailed);
          return detailed;
        },
        (error: unknown) => {
          if (generation === this.generation) {
            this.runs.delete(key.arn);
            this.errors.set(key.arn, error);
          }
          throw error;
        },
      );
      this.errors.delete(key.arn);
      this.runs.set(key.arn, run);
    }
    return run;
  }

  error(arn: string): unknown {
    return this.errors.get(arn);
  }

  clear(): void {
    this.generation++;
    this.runs.clear();
    this.errors.clear();
  }
}
