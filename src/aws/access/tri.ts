// Three-valued logic. A condition on a request fact the tool cannot see (source IP, MFA, request tags) is neither
// true nor false, and the evaluator must not round it either way: Kleene's rules keep "maybe" exactly where an
// unknown fact could change the answer, and drop it where it could not (false AND maybe is false).
// Ordered NO < MAYBE < YES, so AND is the smaller and OR the larger of two answers.
//
// The evaluator's inner loops run millions of times per bulk check. Under tsx (tests, benchmarks) every imported
// binding is read through a getter, about thirty times slower than a local, so those modules bind what they use
// from here once: `const { NO, YES } = tri;`.

export type Tri = 0 | 1 | 2;
export const NO: Tri = 0;
export const MAYBE: Tri = 1;
export const YES: Tri = 2;

export function and(a: Tri, b: Tri): Tri {
  return a < b ? a : b;
}

export function or(a: Tri, b: Tri): Tri {
  return a > b ? a : b;
}

export function not(a: Tri): Tri {
  return (2 - a) as Tri;
}

/**
 * What open ("maybe") answers depend on: condition keys, appended as evaluation goes and cut back to a mark when an
 * answer settles. A counter instead of `array.length = n`, which V8 runs as a slow runtime call.
 */
export class OpenKeys {
  private readonly items: string[] = [];
  private count = 0;

  get size(): number {
    return this.count;
  }

  add(key: string): void {
    this.items[this.count++] = key;
  }

  addAll(keys: readonly string[]): void {
    for (const key of keys) this.add(key);
  }

  /** Forgets every key added after `size` was `mark`. */
  cut(mark: number): void {
    this.count = mark;
  }

  at(index: number): string {
    return this.items[index];
  }
}
