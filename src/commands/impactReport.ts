// The text of Show Access Impact: for one tag, each principal whose access depends on it (what removing it would
// change) with the statements that decide. Plain text in a read-only document; names come from AWS, made printable.
import * as l10n from '@vscode/l10n';
import type { PrincipalImpact, StatementRef } from '../aws/access/types';
import type { AwsResource, Tag } from '../aws/types';
import { printable, tagValueText } from '../tree/presentation';
import type { ImpactReport } from './accessImpact';
import { limitsText, principalCount, principalLabel } from './impactText';
import { kindText } from './removalText';

export function impactReportText(resource: AwsResource, tag: Tag, report: ImpactReport | undefined): string {
  const lines = [
    l10n.t(
      'Access that depends on tag "{0}" = "{1}" of {2} "{3}"',
      printable(tag.key),
      tagValueText(tag.value),
      kindText(resource),
      printable(resource.name),
    ),
    resource.arn,
    '',
  ];
  if (!report || report.kind === 'unavailable') {
    lines.push(l10n.t('Access impact could not be computed: {0}', report?.reason ?? l10n.t('nothing was read')));
    return lines.join('\n');
  }
  const { impact } = report;
  const unknown = impact.unknown[0];
  if (unknown) lines.push(l10n.t('Access impact could not be computed: {0}', unknown.reason));
  const principals = impact.resources.flatMap((r) => r.principals);
  lines.push(
    l10n.t(
      'Evaluated {0} of account {1}, as if the tag were removed.',
      principalCount(impact.evaluated),
      report.accountId,
    ),
  );
  if (!unknown && principals.length === 0) lines.push(l10n.t("No principal's access depends on this tag."));
  for (const p of principals) lines.push('', ...principalSection(p, p.principal.arn === impact.callerArn));
  lines.push('', limitsText());
  return lines.join('\n');
}

function principalSection(p: PrincipalImpact, isCaller: boolean): string[] {
  const head = isCaller ? l10n.t('{0} (you)', principalLabel(p)) : principalLabel(p);
  const lines = [head];
  for (const c of p.loses) {
    lines.push(l10n.t('  loses {0}: allowed now by {1}', c.action, c.via.map(statementText).join('; ')));
  }
  for (const c of p.gains) {
    lines.push(l10n.t('  gains {0}: allowed without the tag by {1}', c.action, c.via.map(statementText).join('; ')));
  }
  for (const u of p.uncertain) {
    const keys = [...new Set([...u.before.dependsOn, ...u.after.dependsOn])].map(printable).join(', ');
    const refs = [...u.before.statements, ...u.after.statements].map(statementText);
    lines.push(l10n.t('  {0} depends on {1}: {2}', u.action, keys, [...new Set(refs)].join('; ')));
  }
  return lines;
}

/** "policy payments-abac, statement ReadTeamSecrets" or "the key policy, statement 2". */
export function statementText(ref: StatementRef): string {
  const where =
    ref.source.kind === 'keyPolicy'
      ? l10n.t('the key policy')
      : ref.source.kind === 'resourcePolicy'
        ? l10n.t('the resource policy')
        : ref.source.kind === 'permissionsBoundary'
          ? l10n.t('permissions boundary {0}', printable(ref.policy))
          : ref.source.kind === 'group'
            ? l10n.t('policy {0} of group {1}', printable(ref.policy), printable(ref.source.groupName))
            : l10n.t('policy {0}', printable(ref.policy));
  const statement = ref.sid ? printable(ref.sid) : l10n.t('#{0}', ref.index + 1);
  return l10n.t('{0}, statement {1} ({2})', where, statement, ref.effect);
}
