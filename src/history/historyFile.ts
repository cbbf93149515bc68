// One file, one JSON record per line, only ever appended to (compaction aside), shared by every VS Code window of
// the user: VS Code's globalState is cached whole by each window and written back whole, so two windows removing
// tags at nearly the same time could drop each other's entries. Every write holds a lock directory (mkdir is
// atomic) and is flushed to disk before it resolves, so an entry is on disk before the AWS call it describes.
import { promises as fs } from 'node:fs';
import { dirname, join } from 'node:path';

const LOCK_STALE_MS = 10_000;
const LOCK_WAIT_MS = 15_000;

export class HistoryFile {
  readonly path: string;
  private readonly lockPath: string;

  constructor(directory: string, name = 'tag-history.jsonl') {
    this.path = join(directory, name);
    this.lockPath = `${this.path}.lock`;
  }

  /** Every record in the order written; none when the file does not exist yet. A torn last line is skipped. */
  async read(): Promise<unknown[]> {
    let text: string;
    try {
      text = await fs.readFile(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    const records: unknown[] = [];
    for (const line of text.split('\n')) {
      if (!line.trim()) continue;
      try {
        records.push(JSON.parse(line));
      } catch {
        // A window killed in the middle of a write leaves a partial line; the records around it still count.
      }
    }
    return records;
  }

  /** Bytes on disk; 0 when the file does not exist yet. */
  async size(): Promise<number> {
    return fs.stat(this.path).then(
      (s) => s.size,
      () => 0,
    );
  }

  /** Appends records under the lock and flushes them to disk. */
  async append(records: readonly unknown[]): Promise<void> {
    if (records.length === 0) return;
    await this.locked(async () => {
      // A window killed mid-write leaves a line without its end: the next record must not be glued onto it.
      const torn = (await this.lastByte()) !== '\n' && (await this.size()) > 0;
      await this.write(`${torn ? '\n' : ''}${records.map((r) => `${JSON.stringify(r)}\n`).join('')}`, 'a');
    });
  }

  /**
   * Runs `change` on the records under the lock; when it returns a list, the file is replaced by it (written to a
   * temporary file, flushed, renamed over). Used to compact the file and to migrate once.
   */
  async rewrite(change: (records: unknown[]) => unknown[] | undefined): Promise<void> {
    await this.locked(async () => {
      const next = change(await this.read());
      if (!next) return;
      const temporary = `${this.path}.${process.pid}.tmp`;
      await this.write(next.map((r) => `${JSON.stringify(r)}\n`).join(''), 'w', temporary);
      await fs.rename(temporary, this.path);
    });
  }

  private async lastByte(): Promise<string | undefined> {
    const handle = await fs.open(this.path, 'r').catch(() => undefined);
    if (!handle) return undefined;
    try {
      const { size } = await handle.stat();
      if (size === 0) return undefined;
      const buffer = Buffer.alloc(1);
      await handle.read(buffer, 0, 1, size - 1);
      return buffer.toString('utf8');
    } finally {
      await handle.close();
    }
  }

  private async write(text: string, flags: 'a' | 'w', path = this.path): Promise<void> {
    await fs.mkdir(dirname(path), { recursive: true, mode: 0o700 });
    // Tag values can be sensitive to the user's organisation: only the user may read the file.
    const handle = await fs.open(path, flags, 0o600);
    try {
      await handle.chmod(0o600);
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
  }

  private async locked<T>(work: () => Promise<T>): Promise<T> {
    await fs.mkdir(dirname(this.lockPath), { recursive: true, mode: 0o700 });
    const started = Date.now();
    for (;;) {
      try {
        await fs.mkdir(this.lockPath);
        break;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        // A window that crashed while holding the lock must not block the others for ever.
        const age = await fs.stat(this.lockPath).then(
          (s) => Date.now() - s.mtimeMs,
          () => 0,
        );
        if (age > LOCK_STALE_MS) await fs.rmdir(this.lockPath).catch(() => undefined);
        else if (Date.now() - started > LOCK_WAIT_MS)
          throw new Error(`The history file is locked by another window (${this.lockPath}).`);
        else await new Promise((resolve) => setTimeout(resolve, 10 + Math.random() * 20));
      }
    }
    try {
      return await work();
    } finally {
      await fs.rmdir(this.lockPath).catch(() => undefined);
    }
  }
}
