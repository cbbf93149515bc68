// What a tag write did, decided from reading the resource back, not from the call's answer: AWS can apply a change
// and lose the answer (a reset, a 500 from a proxy, a timeout), and its reads can lag behind its writes. Pure, so
// every combination is unit-tested.
import { errorCategory } from './errors';
import type { AwsResource, Tag } from './types';

/** One resource's change: keys to remove and tags to set (added, or overwriting the value there). */
export interface TagDelta {
  readonly remove: readonly string[];
  readonly set: readonly Tag[];
}

/**
 * `applied`: AWS holds the change. `notApplied`: AWS refused it and still holds what it had. `unknown`: the answer was
 * lost and no read showed the outcome. `gone`: the resource no longer exists. `skipped`: never sent (cancelled, or
 * the same change was already under way).
 */
export type WriteStatus = 'applied' | 'notApplied' | 'unknown' | 'gone' | 'skipped';

export function touchedKeys(delta: TagDelta): string[] {
  return [...new Set([...delta.remove, ...delta.set.map((t) => t.key)])];
}

/** True when these tags show the whole change made. */
export function showsApplied(tags: readonly Tag[], delta: TagDelta): boolean {
  const byKey = new Map(tags.map((t) => [t.key, t.value]));
  return delta.remove.every((key) => !byKey.has(key)) && delta.set.every((t) => byKey.get(t.key) === t.value);
}

/** The tags after the change, computed from the tags before it. */
export function withDelta(tags: readonly Tag[], delta: TagDelta): Tag[] {
  const touched = new Set(touchedKeys(delta));
  return [...tags.filter((t) => !touched.has(t.key)), ...delta.set.map(({ key, value }) => ({ key, value }))];
}

/** What the change takes away from `before`: the removed tags, and the values the set overwrites. */
export function takenAway(before: readonly Tag[], delta: TagDelta): { removed: Tag[]; overwritten: Tag[] } {
  const removed = before.filter((t) => delta.remove.includes(t.key));
  const overwritten = before.filter((t) => delta.set.some((s) => s.key === t.key && s.value !== t.value));
  return { removed, overwritten };
}

/**
 * An error that is AWS's own answer refusing the call (access denied, invalid state, validation, throttling after
 * the retries, credentials): the change was not made. A reset, a timeout or a 5xx says nothing about it.
 */
export function isRefusal(error: unknown): boolean {
  const category = errorCategory(error);
  return (
    category === 'accessDenied' ||
    category === 'invalidState' ||
    category === 'validation' ||
    category === 'credentials' ||
    category === 'throttled'
  );
}

export interface Evidence {
  /** The call's error; undefined when AWS answered success. */
  readonly callError?: unknown;
  /** The resource as read back last; undefined when no read succeeded. */
  readonly readBack?: AwsResource;
  /** The read-back failed because the resource no longer exists. */
  readonly readBackGone?: boolean;
}

/**
 * `applied` when the read-back shows the change (whatever the call said) or AWS answered success (its reads may
 * still lag after the bounded wait); `notApplied` when AWS refused, or when the read-back shows the old state;
 * `unknown` only when the answer was lost and nothing could be read back.
 */
export function decideOutcome(delta: TagDelta, evidence: Evidence): WriteStatus {
  const { callError, readBack } = evidence;
  if (evidence.readBackGone || (callError !== undefined && errorCategory(callError) === 'notFound')) return 'gone';
  if (readBack?.tags && showsApplied(readBack.tags, delta)) return 'applied';
  if (callError === undefined) return 'applied';
  if (isRefusal(callError) || readBack?.tags) return 'notApplied';
  return 'unknown';
}

/**
 * Whether the values a change took away may be missing from AWS even so: a read that showed the old state after a
 * lost answer could still be lagging, so its history entry stays restorable (marked unknown) instead of failed.
 */
export function mayHaveApplied(status: WriteStatus, callError: unknown): boolean {
  return (
    status === 'applied' ||
    status === 'unknown' ||
    (status === 'notApplied' && callError !== undefined && !isRefusal(callError))
  );
}
