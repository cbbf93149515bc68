// The words of the removal confirmation. Pure, so what the user reads is unit-tested.
import type { RemovalRequest } from '../aws/tagRemoval';
import type { AwsResource } from '../aws/types';
import { printable, tagValueText } from '../tree/presentation';

const MAX_DETAIL_LINES = 15;

export function kindText(resource: AwsResource): string {
  return resource.kind === 'secret' ? 'secret' : 'KMS key';
}

export function untagAction(resource: AwsResource): string {
  return resource.kind === 'secret' ? 'secretsmanager:UntagResource' : 'kms:UntagResource';
}

export function tagAction(resource: AwsResource): string {
  return resource.kind === 'secret' ? 'secretsmanager:TagResource' : 'kms:TagResource';
}

function tagCount(n: number): string {
  return n === 1 ? '1 tag' : `${n} tags`;
}

/** What the policies said about the tags being removed: resources whose policy uses one, and unreadable ones. */
/** Secrets Manager replicates a primary's tags to its replicas: the removal reaches them too. */
export function replicaNotes(requests: readonly RemovalRequest[]): string[] {
  return requests.flatMap(({ resource }) =>
    resource.kind === 'secret' && resource.replicaRegions?.length
      ? [
          `"${printable(resource.name)}" is replicated to ${resource.replicaRegions.join(', ')}: Secrets Manager removes the tags from its replicas too.`,
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
  const policy = first.resource.kind === 'secret' ? 'resource policy' : 'key policy';
  const more =
    findings.guarded.length > 1 ? ` (and the policies of ${findings.guarded.length - 1} more resources)` : '';
  return `The ${policy} of "${printable(first.resource.name)}" uses ${keys} in a condition${more}: removing it changes who may use it.`;
}

export function confirmationText(
  requests: readonly RemovalRequest[],
  findings: PolicyFindings = { guarded: [], unreadable: [] },
): { message: string; detail: string } {
  const total = requests.reduce((n, r) => n + r.tags.length, 0);
  const first = requests[0];
  const question =
    requests.length === 1
      ? total === 1
        ? `Remove tag "${printable(first.tags[0].key)}" from ${kindText(first.resource)} "${printable(first.resource.name)}"?`
        : `Remove ${tagCount(total)} from ${kindText(first.resource)} "${printable(first.resource.name)}"?`
      : `Remove ${tagCount(total)} from ${requests.length} resources?`;
  const lines = requests.flatMap((r) =>
    r.tags.map((t) => `${printable(r.resource.name)}: ${printable(t.key)} = ${tagValueText(t.value)}`),
  );
  const shown = lines.slice(0, MAX_DETAIL_LINES);
  if (lines.length > shown.length) shown.push(`…and ${lines.length - shown.length} more`);
  const warning =
    'Tags can grant or deny access (attribute-based access control): removing one may lock out people, applications or yourself.';
  const unreadable = findings.unreadable.length
    ? [
        `Could not read the policy of ${findings.unreadable.map((r) => `"${printable(r.name)}"`).join(', ')}: check it before removing.`,
      ]
    : [];
  unreadable.push(...replicaNotes(requests));
  const guard = policyWarning(findings);
  return {
    message: guard ? `${guard}\n${question}` : question,
    detail: [...shown, '', ...unreadable, warning].join('\n'),
  };
}
