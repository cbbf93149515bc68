// What the user reads after a tag change: one sentence for a full success, otherwise what happened to each
// resource, decided from the write path's outcomes (read back from AWS). Pure, so it is unit-tested.
import * as l10n from '@vscode/l10n';
import { describeError, errorName } from '../aws/errors';
import type { WriteOutcome } from '../aws/tagWriter';
import { printable, tagCountText } from '../tree/presentation';
import { kindText, tagAction, untagAction } from './removalText';

export interface OutcomeText {
  readonly level: 'info' | 'warning' | 'error';
  readonly message: string;
  /** Something can be put back: applied changes, and those whose outcome is unknown. */
  readonly undoable: boolean;
}

function action(o: WriteOutcome): string {
  return o.change.remove.length > 0 ? untagAction(o.change.resource) : tagAction(o.change.resource);
}

/** Why a change reported as done or unknown had no answer: the error the SDK ended with. */
function lostAnswer(o: WriteOutcome): string {
  const kind = kindText(o.change.resource);
  const shows =
    o.change.remove.length > 0
      ? o.change.remove.length === 1
        ? l10n.t('the tag gone')
        : l10n.t('the tags gone')
      : l10n.t('the new value');
  return l10n.t("AWS's answer was lost ({0}); reading the {1} back shows {2}", errorName(o.error), kind, shows);
}

/** One sentence per resource that did not simply succeed. */
export function outcomeSentence(o: WriteOutcome): string {
  const name = `"${printable(o.change.resource.name)}"`;
  switch (o.status) {
    case 'applied':
      return l10n.t('{0}: done; {1}.', name, lostAnswer(o));
    case 'unknown':
      return l10n.t(
        "{0}: outcome unknown: AWS's answer was lost ({1}) and reading the {2} back did not show the change. The values taken away are kept: Restore Removed Tags... offers them.",
        name,
        errorName(o.error),
        kindText(o.change.resource),
      );
    case 'skipped':
      return o.skipReason === 'inFlight'
        ? l10n.t('{0}: the same change is already under way.', name)
        : l10n.t('{0}: cancelled before its call.', name);
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
      applied.length === 1 ? `${kindText(first)} "${printable(first.name)}"` : l10n.t('{0} resources', applied.length);
    const head = l10n.t(
      'Removed {0} from {1}',
      keys.length === 1 ? l10n.t('tag {0}', keys[0]) : tagCountText(keys.length),
      where,
    );
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
  const parts = [l10n.t('Removed tags from {0} of {1} resources.', applied.length, outcomes.length)];
  if (cancelled > 0) parts.push(l10n.t('Cancelled before {0}.', cancelled));
  parts.push(...sentences);
  return {
    level: applied.length > 0 || sentences.length === 0 ? 'warning' : 'error',
    message: parts.join(' '),
    undoable,
  };
}
