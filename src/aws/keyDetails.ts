import type { KmsService } from './kms';
import type { RecentWrites } from './recentWrites';
import type { AwsResource, KmsKeyResource, Tag } from './types';

/** One Tagging API read of every key's tags, with the write ticket taken when it started. */
interface TagIndexRead {
  readonly ticket: number;
  readonly tags: Promise<ReadonlyMap<string, Tag[]> | undefined>;
}

/**
 * Each KMS key's DescribeKey and tags, read once and shared by the background load and an expanding node; a failure
 * is kept for the node to show until the next read. `clear()` (a reset) forgets reads still under way.
 */
export class KeyDetails {
  private readonly runs = new Map<string, Promise<KmsKeyResource>>();
  private readonly errors = new Map<string, unknown>();
  private generation = 0;
  private index?: TagIndexRead;

  constructor(
    private readonly kms: KmsService,
    private readonly recentWrites: RecentWrites,
    private readonly shown: (arn: string) => AwsResource | undefined,
  ) {}

  /**
   * The key's details, read once. `onDescribed` (for a caller pacing keys) is told when this read needs no more
   * requests of its own: once DescribeKey has answered when the tags come from the Tagging API (a failed one falls
   * back to reads that KmsService paces), else at the end.
   */
  read(
    key: KmsKeyResource,
    onRead: (detailed: KmsKeyResource) => void,
    onDescribed?: () => void,
  ): Promise<KmsKeyResource> {
    let run = this.runs.get(key.arn);
    if (run) onDescribed?.();
    if (!run) {
      const generation = this.generation;
      // The read's ticket: an answer sent before a write of this window must not undo that write's read-back. Tags
      // from the Tagging API were read when its chain began, so they carry that (older) ticket. That API keeps its own
      // copy of the tags, which can lag KMS for minutes after a write whose read-back KMS already confirmed: a key
      // written recently is read with ListResourceTags, the API its write was checked with. So is an AWS managed key
      // (known by its alias/aws/ alias): GetResources never lists those, so its silence says nothing about them.
      const skip = key.keyManager === 'AWS' || this.recentWrites.wroteRecently(key.arn);
      const index = skip ? undefined : this.index;
      const readTicket = index?.ticket ?? this.recentWrites.current();
      // Told at the latest when the read ends, so a lane never waits on a read that did not say.
      let told = false;
      const described = () => {
        if (told) return;
        told = true;
        onDescribed?.();
      };
      run = this.kms.details(key, index?.tags, index && described).then(
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
      run.then(described, described);
      this.errors.delete(key.arn);
      this.runs.set(key.arn, run);
    }
    return run;
  }

  /** Starts one Tagging API read of every key's tags, which the next reads take their tags from. Forgotten by `clear()`. */
  readAllTags(): void {
    this.index = { ticket: this.recentWrites.current(), tags: this.kms.allKeyTags() };
  }

  error(arn: string): unknown {
    return this.errors.get(arn);
  }

  clear(): void {
    this.generation++;
    this.index = undefined;
    this.runs.clear();
    this.errors.clear();
  }
}
