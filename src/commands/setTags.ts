import * as vscode from 'vscode';
import { mapWithConcurrency } from '../aws/concurrency';
import type { ResourceStore } from '../aws/resourceStore';
import { readTags, type WriteOutcome } from '../aws/tagWriter';
import type { AwsResource, Tag } from '../aws/types';
import { printable, tagValueText } from '../tree/presentation';
import type { CommandDeps } from './deps';
import { askModal } from './messages';
import type { PolicyUse } from '../aws/policies';
import { computeImpact, type ImpactRequest } from './accessImpact';
import { impactText, type ImpactText } from './impactText';
import { leadLines } from './removalText';

/** Tags to write on one resource (Add Tag, Edit Tag Value, Undo, Restore). */
export interface SetRequest {
  readonly store: ResourceStore;
  readonly resource: AwsResource;
  readonly tags: readonly Tag[];
  /** What the caller believes AWS holds for each key now (undefined: no such tag). A different value is asked about. */
  readonly expected: ReadonlyMap<string, string | undefined>;
  /** History entries this write puts back. */
  readonly restores?: readonly string[];
}

interface Conflict {
  readonly request: SetRequest;
  readonly key: string;
  readonly actual: string;
  readonly expected: string | undefined;
  readonly next: string;
}

/**
 * Writes through the write path after reading what AWS holds: when someone changed a value meanwhile (it is neither
 * what the tree or the history expects nor the value being written), the user is asked before it is overwritten;
 * the write path then records the overwritten value. Resolves to undefined when the user declines.
 */
export async function setTags(
  deps: CommandDeps,
  requests: readonly SetRequest[],
  title: string,
): Promise<WriteOutcome[] | undefined> {
  const changes = requests.map((r) => ({
    store: r.store,
    resource: r.resource,
    remove: [],
    set: r.tags,
    restores: r.restores,
  }));
  const held = deps.writer.claim(changes);
  try {
    if (held.changes.length === 0) return [];
    const read = await readBeforeWrite(requests);
    const conflicts = findConflicts(read);
    if (conflicts.length > 0 && !(await askToOverwrite(conflicts))) return undefined;
    // A change of who may use a resource is said before it is made; a change that alters nobody's access goes on.
    const impact = impactText(await computeImpact(deps, impactRequests(read)));
    if (impact.changes && !(await askAboutImpact(impact))) return undefined;
    return await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title }, () =>
      deps.writer.apply(held),
    );
  } finally {
    held.release();
  }
}

type Read = Array<{ item: SetRequest; value?: [AwsResource | undefined, PolicyUse] }>;

/** The tags AWS holds now (for conflicts) and the policy (for the access impact), for every resource side by side. */
function readBeforeWrite(requests: readonly SetRequest[]): Promise<Read> {
  return mapWithConcurrency(requests, 8, (request) =>
    Promise.all([
      readTags(request.store, request.resource).catch(() => undefined),
      request.store.policies.use(request.resource, { fresh: true }),
    ]),
  );
}

function impactRequests(read: Read): ImpactRequest[] {
  return read.map(({ item: request, value }) => {
    const before = value?.[0]?.tags ?? request.resource.tags ?? [];
    const set = new Map(request.tags.map((t) => [t.key, t.value]));
    const after = [
      ...before.filter((t) => !set.has(t.key)),
      ...request.tags.map((t) => ({ key: t.key, value: t.value })),
    ];
    return { store: request.store, resource: request.resource, before, after, policy: value?.[1] };
  });
}

function askAboutImpact(impact: ImpactText): Thenable<boolean> {
  const { head, rest } = leadLines(impact.lead);
  const apply = vscode.l10n.t('Apply');
  const message = [...head, vscode.l10n.t('Change the tags anyway?')].join('\n');
  const detail = [...rest, ...(rest.length ? [''] : []), ...impact.detail].join('\n');
  return askModal(message, detail, apply).then((choice) => choice === apply);
}

function findConflicts(read: Read): Conflict[] {
  return read.flatMap(({ item: request, value }) =>
    request.tags.flatMap((tag): Conflict[] => {
      const actual = value?.[0]?.tags?.find((t) => t.key === tag.key)?.value;
      const expected = request.expected.get(tag.key);
      if (actual === undefined || actual === tag.value || actual === expected) return [];
      return [{ request, key: tag.key, actual, expected, next: tag.value }];
    }),
  );
}

function askToOverwrite(conflicts: readonly Conflict[]): Thenable<boolean> {
  const lines = conflicts.map((c) =>
    c.expected === undefined
      ? vscode.l10n.t(
          '{0}: {1} is "{2}" on AWS (expected no such tag); it would become "{3}".',
          printable(c.request.resource.name),
          printable(c.key),
          tagValueText(c.actual),
          tagValueText(c.next),
        )
      : vscode.l10n.t(
          '{0}: {1} is "{2}" on AWS (expected "{3}"); it would become "{4}".',
          printable(c.request.resource.name),
          printable(c.key),
          tagValueText(c.actual),
          tagValueText(c.expected),
          tagValueText(c.next),
        ),
  );
  const message =
    conflicts.length === 1
      ? vscode.l10n.t(
          'Someone changed "{0}" on "{1}" since it was read. Overwrite it?',
          printable(conflicts[0].key),
          printable(conflicts[0].request.resource.name),
        )
      : vscode.l10n.t('{0} values were changed on AWS since they were read. Overwrite them?', conflicts.length);
  const detail = [
    ...lines.slice(0, 15),
    '',
    vscode.l10n.t('The value AWS holds now is kept in the history, so it can be put back.'),
  ].join('\n');
  const overwrite = vscode.l10n.t('Overwrite');
  return askModal(message, detail, overwrite).then((choice) => choice === overwrite);
}
