import * as assert from 'node:assert/strict';
import { mergeStreams } from '../../src/aws/mergeStreams';
import {
  chainFilter,
  chainOf,
  MAX_PREFIX_CHAINS,
  partitionNames,
  SECRET_NAME_CHARACTERS,
  type NameChain,
} from '../../src/aws/secretNamePartition';

/** What AWS documents for one `name` value (prefix, case-sensitive), with `!` as "does not start with". */
function matchesValue(name: string, value: string): boolean {
  return value.startsWith('!') ? !name.startsWith(value.slice(1)) : name.startsWith(value);
}

/** The chains that could list `name`, under either way of combining a filter's values. */
function listedBy(chains: readonly NameChain[], name: string, combine: 'all' | 'any'): NameChain[] {
  return chains.filter((c) => {
    const values = chainFilter(c).Values;
    return combine === 'all' ? values.every((v) => matchesValue(name, v)) : values.some((v) => matchesValue(name, v));
  });
}

const bench = ['prod/payments/db', 'sandbox/search/api', 'staging/x', 'qa/etl/key', 'dev/a', 'dev/b', 'prod/b'];

describe('partition of secret names into ListSecrets chains', () => {
  it('puts every documented first character, and every other one, in exactly one chain', () => {
    // Every documented character first, ten of them often enough for chains of their own.
    const sample = [
      ...[...SECRET_NAME_CHARACTERS].map((c) => `${c}x`),
      ...[...'abcXYZ019/'].flatMap((c) => Array.from({ length: 10 }, (_, i) => `${c}${'-'.repeat(12)}${i}`)),
    ];
    const partitions = [partitionNames(bench), partitionNames(sample), partitionNames(['a1', 'a2', 'b1', 'Z', '9'])];
    const odd = ['!bang', ' space', 'é-accent', '~tilde', 'rds!db-1', '', 'a', 'A', '-', '@x'];
    for (const chains of partitions) {
      assert.ok(chains.length >= 2 && chains.length <= MAX_PREFIX_CHAINS + 1, JSON.stringify(chains));
      assert.equal(chains.filter((c) => c.kind === 'rest').length, 1);
      for (const c of chains) assert.ok(chainFilter(c).Values.length <= 10);
      for (const name of [...[...SECRET_NAME_CHARACTERS].map((c) => `${c}tail`), ...odd, ...bench, ...sample]) {
        const exclusive = listedBy(chains, name, 'all');
        assert.equal(exclusive.length, 1, `${name}: ${JSON.stringify(exclusive)}`);
        assert.equal(exclusive[0], chainOf(chains, name), name);
        // If AWS kept a name that passes only some negations, the rest chain lists more, never less.
        assert.ok(listedBy(chains, name, 'any').includes(exclusive[0]), name);
      }
    }
  });

  it('matches case-sensitively, as the name filter does: a and A are different chains', () => {
    // Names that part only past the longest prefix tried, so that the first character is the split.
    const chains = partitionNames(['a', 'A'].flatMap((c) => [1, 2, 3].map((i) => `${c}${'x'.repeat(12)}${i}`)));
    assert.deepEqual(chainFilter(chainOf(chains, 'apple')).Values, ['a']);
    assert.deepEqual(chainFilter(chainOf(chains, 'Apple')).Values, ['A']);
  });

  it('splits where the sample is most even, two characters deep for names sharing first letters', () => {
    const sample = [
      ...Array.from({ length: 30 }, (_, i) => `sandbox/${i}`),
      ...Array.from({ length: 30 }, (_, i) => `staging/${i}`),
      ...Array.from({ length: 20 }, (_, i) => `prod/${i}`),
      ...Array.from({ length: 20 }, (_, i) => `qa/${i}`),
    ];
    const chains = partitionNames(sample);
    assert.deepEqual(
      chains.map((c) => (c.kind === 'prefix' ? c.prefix : `rest without ${c.excluded.join(',')}`)),
      ['sa', 'st', 'pr', 'qa', 'rest without sa,st,pr,qa'],
    );
  });

  it('never uses a prefix outside the documented characters, and does not split what would not help', () => {
    const chains = partitionNames(['rds!db-1', 'rds!db-2', 'rds!db-3', 'x1', 'x2']);
    for (const c of chains) if (c.kind === 'prefix') assert.match(c.prefix, /^[A-Za-z0-9/_+=.@-]+$/);
    assert.deepEqual(partitionNames(['same/a', 'same/a']), []);
    assert.deepEqual(partitionNames(['é1', 'é2']), []);
  });
});

describe('merging chains', () => {
  async function* chain(values: number[], delayMs: number, failAt?: number): AsyncGenerator<number> {
    for (const [i, v] of values.entries()) {
      await new Promise((r) => setTimeout(r, delayMs));
      if (i === failAt) throw new Error(`chain failed at ${v}`);
      yield v;
    }
  }

  it('yields every value of every chain as it arrives', async () => {
    const got: number[] = [];
    for await (const v of mergeStreams([chain([1, 2, 3], 5), chain([10, 20], 1), chain([], 1)])) got.push(v);
    assert.deepEqual(
      [...got].sort((a, b) => a - b),
      [1, 2, 3, 10, 20],
    );
    assert.ok(got.indexOf(10) < got.indexOf(2), `arrival order: ${got.join(',')}`);
  });

  it('ends with the first failure and leaves no rejection unhandled', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (e: unknown): number => unhandled.push(e);
    process.on('unhandledRejection', onUnhandled);
    try {
      const merged = mergeStreams([chain([1, 2], 1, 1), chain([5, 6, 7], 3, 2)]);
      await assert.rejects(async () => {
        for await (const v of merged) void v;
      }, /chain failed at 2/);
      await new Promise((r) => setTimeout(r, 30));
      assert.deepEqual(unhandled, []);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });
});
