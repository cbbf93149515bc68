// What the user reads after a tag change: one sentence for a full success, otherwise what happened to each
// resource, decided from the write path's outcomes (read back from AWS). Pure, so it is unit-tested.
import { describeError, errorName } from '../aws/errors';
import type { WriteOutcome } from '../aws/tagWriter';
import { printable } from '../tree/presentation';
import { kindText, tagAction, untagAction } from './removalText';

export interface OutcomeText {
  readonly level: 'info' | 'warning' | 'error';
  readonly message: string;
  /** Something can be put back: applied changes, and those whose outcome is unknown. */
  readonly undoable: boolean;
}

function tagCount(n: number): string {
  return n === 1 ? '1 tag' : `${n} tags`;
}

function action(o: WriteOutcome): string {
  return o.change.remove.length > 0 ? untagAction(o.change.resource) : tagAction(o.change.resource);
}

/** Why a change reported as done or unknown had no answer: the error the SDK ended with. */
function lostAnswer(o: WriteOutcome): string {
  const kind = kindText(o.change.resource);
  const shows =
    o.change.remove.length > 0 ? (o.change.remove.length === 1 ? 'the tag gone' : 'the tags gone') : 'the new value';
  return `AWS's answer was lost (${errorName(o.error)}); reading the ${kind} back shows ${shows}`;
}

/** One sentence per resource that did not simply succeed. */
export function outcomeSentence(o: WriteOutcome): string {
  const name = `"${printable(o.change.resource.name)}"`;
  switch (o.status) {
    case 'applied':
      return `${name}: done; ${lostAnswer(o)}.`;
    case 'unknown':
      return `${name}: outcome unknown: AWS's answer was lost (${errorName(o.error)}) and reading the ${kindText(o.change.resource)} back did not show the change. The values taken away are kept: Restore Removed Tags... offers them.`;
    case 'skipped':
      return o.skipReason === 'inFlight'
        ? `${name}: the same change is already under way.`
        : `${name}: cancelled before its call.`;
    default:
      return describeError(o.error, { action: action(o), resource: printable(o.change.resource.name) }).message;
  }
}

/** The report of a removal (Remove Tag, Remove Tag Key Everywhere). */
export function removalText(outcomes: readonly WriteOutcome[]): OutcomeText {
  const applied = outcomes.filter((o) => o.status === 'applied');
  const undoable = outcomes.some((o) => (o.status === 'applied' || o.status === 'unknown') && o.entries.length > 0);
  const lost = applied.filter((o) => o.error !== undefined);
  if (applied.length === outcomes.length && applied.length > 0) {
    const keys = applied.flatMap((o) => o.change.remove.map((k) => `"${printable(k)}"`));
    const first = applied[0].change.resource;
    const where =
      applied.length === 1 ? `${kindText(first)} "${printable(first.name)}"` : `${applied.length} resources`;
    const head = `Removed ${keys.length === 1 ? `tag ${keys[0]}` : tagCount(keys.length)} from ${where}`;
    if (lost.length === 0) return { level: 'info', message: `${head}.`, undoable };
    const why = applied.length === 1 ? `: ${lostAnswer(lost[0])}.` : `. ${lost.map(outcomeSentence).join(' ')}`;
    return { level: 'info', message: `${head}${why}`, undoable };
  }
  const others = outcomes.filter((o) => o.status !== 'applied' || o.error !== undefined);
  const cancelled = outcomes.filter((o) => o.status === 'skipped' && o.skipReason === 'cancelled').length;
  const sentences = others
    .filter((o) => !(o.status === 'skipped' && o.skipReason === 'cancelled'))
    .map(outcomeSentence);
  if (outcomes.length === 1)
    return { level: outcomes[0].status === 'unknown' ? 'warning' : 'error', message: sentences[0] ?? '', undoable };
  const parts = [`Removed tags from ${applied.length} of ${outcomes.length} resources.`];
  if (cancelled > 0) parts.push(`Cancelled before ${cancelled}.`);
  parts.push(...sentences);
  return {
    level: applied.length > 0 || sentences.length === 0 ? 'warning' : 'error',
    message: parts.join(' '),
    undoable,
  };
}
