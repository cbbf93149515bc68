import { performance } from 'node:perf_hooks';

/** How long a window of samples is before the limit may move. */
const WINDOW_MS = 200;
/** A timer this late means the host is holding up everything else: fewer calls at once. */
const SLOW_MS = 30;
/** Below this the host has room: more calls at once, if they were all in use. */
const CALM_MS = 10;
const GROW_BY = 4;
const SHRINK_TO = 0.7;

/**
 * How many calls may be in flight, steered by how late the event loop runs. Each answer costs the host about a
 * millisecond of SDK work in Node and three in VS Code's extension host (its proxy support wraps every request),
 * and answers that arrive together are handled in one turn of the loop: 64 of them hold it for 100 ms or more,
 * more on a machine that is busy with something else. So the limit falls when the loop is late and climbs back
 * while it keeps up, like a congestion window.
 */
export class LagControl {
  private current: number;
  private windowStart: number;
  private windowMaxLag = 0;
  private saturated = false;

  constructor(
    readonly max: number,
    readonly min: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.current = max;
    this.windowStart = now();
  }

  get limit(): number {
    return this.current;
  }

  /** A timer ran `lagMs` after it was due, with `inFlight` calls under way. */
  observe(lagMs: number, inFlight: number): void {
    this.windowMaxLag = Math.max(this.windowMaxLag, lagMs);
    if (inFlight >= this.current) this.saturated = true;
    const now = this.now();
    if (now - this.windowStart < WINDOW_MS) return;
    if (this.windowMaxLag > SLOW_MS) this.current = Math.max(this.min, Math.floor(this.current * SHRINK_TO));
    else if (this.windowMaxLag < CALM_MS && this.saturated) this.current = Math.min(this.max, this.current + GROW_BY);
    this.windowStart = now;
    this.windowMaxLag = 0;
    this.saturated = false;
  }
}
