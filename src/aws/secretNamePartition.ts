// Splits one ListSecrets walk into chains that can run side by side. A walk is chained by NextToken, so its time is
// pages x latency whatever the client; chains over disjoint parts of the names are not.
//
// Why this is complete, whatever AWS does beyond what it documents (Filter in the API reference):
// - a chain per prefix P sends one `name` filter with the single plain value P: "Prefix match, case-sensitive", so it
//   lists every secret whose name starts with P;
// - the rest chain sends one `name` filter holding `!P` for every such P: a name that starts with none of them
//   satisfies each negated value, so it passes however AWS combines the values of a filter (all, any), while the
//   values fit the 10 a filter may hold. How negations combine is not documented: if AWS kept a name that matches
//   only some of them, the rest chain would list more, never less, and the caller drops what it already has.
// The prefixes have one length and differ, so a name starts with at most one: under the combination the emulator
// and the console show (a negated value excludes), every name is in exactly one chain.

/** Characters the CreateSecret reference allows in a name: ASCII letters, digits and `/_+=.@-`. */
export const SECRET_NAME_CHARACTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789/_+=.@-';

/** A filter holds at most 10 values, and the rest chain needs one per prefix. */
export const MAX_PREFIX_CHAINS = 10;

const LONGEST_PREFIX = 12;

export type NameChain = { kind: 'prefix'; prefix: string } | { kind: 'rest'; excluded: readonly string[] };

export function chainFilter(chain: NameChain): { Key: 'name'; Values: string[] } {
  return { Key: 'name', Values: chain.kind === 'prefix' ? [chain.prefix] : chain.excluded.map((p) => `!${p}`) };
}

/** Which chain lists `name` under the exclusive reading (tests and reasoning; the listing never needs it). */
export function chainOf(chains: readonly NameChain[], name: string): NameChain {
  const own = chains.find((c) => c.kind === 'prefix' && name.startsWith(c.prefix));
  const rest = chains.find((c) => c.kind === 'rest');
  if (!own && !rest) throw new Error('a partition always has a rest chain');
  return (own ?? rest) as NameChain;
}

const documented = (text: string): boolean => [...text].every((c) => SECRET_NAME_CHARACTERS.includes(c));

/**
 * Chains for the names of a first page, a sample of the account: the prefix length whose largest part (one of the
 * 10 most common prefixes, or all the others together) is smallest, so that the longest chain is short. Only the
 * time depends on the sample; the chains cover every name whatever it held. None when splitting would not help.
 */
export function partitionNames(sample: readonly string[]): NameChain[] {
  let best: { largest: number; prefixes: string[] } = { largest: Infinity, prefixes: [] };
  for (let length = 1; length <= LONGEST_PREFIX; length++) {
    const counts = new Map<string, number>();
    for (const name of sample) {
      const prefix = name.slice(0, length);
      if (prefix.length === length && documented(prefix)) counts.set(prefix, (counts.get(prefix) ?? 0) + 1);
    }
    const top = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, MAX_PREFIX_CHAINS);
    const inTop = top.reduce((sum, [, n]) => sum + n, 0);
    const largest = Math.max(sample.length - inTop, ...top.map(([, n]) => n));
    if (largest < best.largest) best = { largest, prefixes: top.map(([p]) => p) };
  }
  // Chains cost a call each at least: split only where the longest would be a third shorter than one walk.
  if (best.prefixes.length === 0 || best.largest > (sample.length * 2) / 3) return [];
  return [
    ...best.prefixes.map((prefix): NameChain => ({ kind: 'prefix', prefix })),
    { kind: 'rest', excluded: best.prefixes },
  ];
}
