// The words of the removal confirmation. Pure, so what the user reads is unit-tested.
import * as l10n from '@vscode/l10n';
import type { RemovalRequest } from '../aws/tagRemoval';
import type { AwsResource } from '../aws/types';
import { printable, tagCountText, tagValueText } from '../tree/presentation';
import type { ImpactText } from './impactText';

const MAX_DETAIL_LINES = 15;

export function kindText(resource: AwsResource): string {
  return resource.kind === 'secret' ? l10n.t('secret') : l10n.t('KMS key');
}

export function untagAction(resource: AwsResource): string {
  return resource.kind === 'secret' ? 'secretsmanager:UntagResource' : 'kms:UntagResource';
}

export function tagAction(resource: AwsResource): string {
  return resource.kind === 'secret' ? 'secretsmanager:TagResource' : 'kms:TagResource';
}

/** What the policies said about the tags being removed: resources whose policy uses one, and unreadable ones. */
/** Secrets Manager replicates a primary's tags to its replicas: the removal reaches them too. */
export function replicaNotes(requests: readonly RemovalRequest[]): string[] {
  return requests.flatMap(({ resource }) =>
    resource.kind === 'secret' && resource.replicaRegions?.length
      ? [
          l10n.t(
            '"{0}" is replicated to {1}: Secrets Manager removes the tags from its replicas too.',
            printable(resource.name),
            resource.replicaRegions.join(', '),
          ),
        ]
      : [],
  );
}

export interface PolicyFindings {
  readonly guarded: ReadonlyArray<{ resource: AwsResource; keys: string[] }>;
  readonly unreadable: readonly AwsResource[];
}

export function policyWarning(findings: PolicyFindings): string | undefined {
  if (findings.guarded.length === 0) return undefined;
  const [first] = findings.guarded;
  const keys = first.keys.map((k) => `"${printable(k)}"`).join(', ');
  const policy = first.resource.kind === 'secret' ? l10n.t('resource policy') : l10n.t('key policy');
  const more =
    findings.guarded.length > 1 ? l10n.t(' (and the policies of {0} more resources)', findings.guarded.length - 1) : '';
  return l10n.t(
    'The {0} of "{1}" uses {2} in a condition{3}: removing it changes who may use it.',
    policy,
    printable(first.resource.name),
    keys,
    more,
  );
}

export function confirmationText(
  requests: readonly RemovalRequest[],
  findings: PolicyFindings = { guarded: [], unreadable: [] },
  impact: ImpactText = { lead: [], detail: [], changes: false },
): { message: string; detail: string } {
  const total = requests.reduce((n, r) => n + r.tags.length, 0);
  const first = requests[0];
  const question =
    requests.length === 1
      ? total === 1
        ? l10n.t(
            'Remove tag "{0}" from {1} "{2}"?',
            printable(first.tags[0].key),
            kindText(first.resource),
            printable(first.resource.name),
          )
        : l10n.t(
            'Remove {0} from {1} "{2}"?',
            tagCountText(total),
            kindText(first.resource),
            printable(first.resource.name),
          )
      : l10n.t('Remove {0} from {1} resources?', tagCountText(total), requests.length);
  const lines = requests.flatMap((r) =>
    r.tags.map((t) => `${printable(r.resource.name)}: ${printable(t.key)} = ${tagValueText(t.value)}`),
  );
  const shown = lines.slice(0, MAX_DETAIL_LINES);
  if (lines.length > shown.length) shown.push(l10n.t('…and {0} more', lines.length - shown.length));
  const warning = l10n.t(
    'Tags can grant or deny access (attribute-based access control): removing one may lock out people, applications or yourself.',
  );
  const unreadable = findings.unreadable.length
    ? [
        l10n.t(
          'Could not read the policy of {0}: check it before removing.',
          findings.unreadable.map((r) => `"${printable(r.name)}"`).join(', '),
        ),
      ]
    : [];
  unreadable.push(...replicaNotes(requests));
  const guard = policyWarning(findings);
  const { head, rest } = leadLines(impact.lead);
  return {
    message: [...head, ...(guard ? [guard] : []), question].join('\n'),
    detail: [...rest, ...(rest.length ? [''] : []), ...shown, '', ...unreadable, ...impact.detail, warning].join('\n'),
  };
}

const MAX_LEAD_LINES = 4;
/** A bulk change can move thousands of principals: the dialog names a readable number, Show Access Impact all. */
const MAX_DETAIL_IMPACT_LINES = 40;

/** The impact leads the dialog's message; beyond a few lines the rest opens its detail, up to a limit. */
export function leadLines(lead: readonly string[]): { head: string[]; rest: string[] } {
  if (lead.length <= MAX_LEAD_LINES) return { head: [...lead], rest: [] };
  const head = lead.slice(0, MAX_LEAD_LINES - 1);
  const rest = lead.slice(head.length);
  const shown = rest.slice(0, MAX_DETAIL_IMPACT_LINES);
  if (rest.length > shown.length) {
    shown.push(l10n.t('…and {0} more (Show Access Impact on a tag lists every principal)', rest.length - shown.length));
  }
  return { head: [...head, l10n.t('…and {0} more changes in access (below)', rest.length)], rest: shown };
}
