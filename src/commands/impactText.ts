// The words of the access impact in a confirmation: who loses or gains which actions and through which policy,
// whether the caller is among them, and what was evaluated. Pure (unit-tested under plain Node); all names in it
// come from AWS and are made printable.
import * as l10n from '@vscode/l10n';
import type { ResourceImpact } from '../aws/access/changeImpact';
import type { AccessChange, PrincipalImpact, StatementRef } from '../aws/access/types';
import { printable } from '../tree/presentation';
import type { ImpactReport } from './accessImpact';

export interface ImpactText {
  /** Lines that lead the confirmation: one per principal whose access changes, the caller's first. */
  readonly lead: readonly string[];
  /** What was evaluated and what was not. */
  readonly detail: readonly string[];
  /** Someone's access changes (or may): a change that is otherwise silent asks first. */
  readonly changes: boolean;
}

/** What this tool cannot see; said with every impact, never guessed as allow or deny. */
export function limitsText(): string {
  return l10n.t(
    'Not evaluated: SCPs, RCPs, session policies, KMS grants, principals of other accounts, and conditions on the request (source IP, MFA, VPC endpoint), which show as "depends on".',
  );
}

export function impactText(reports: readonly ImpactReport[]): ImpactText {
  const lead: string[] = [];
  const you: string[] = [];
  const detail: string[] = [];
  for (const report of reports) {
    if (report.kind === 'unavailable') {
      lead.push(l10n.t('Access impact could not be computed: {0}', report.reason));
      continue;
    }
    const { impact } = report;
    const several = impact.resources.length + impact.unknown.length > 1;
    for (const resource of impact.resources) {
      for (const p of resource.principals) {
        const mine = p.principal.arn === impact.callerArn;
        if (mine && p.loses.length > 0) you.push(youLose(resource, p, several));
        lead.push(...principalLines(resource, p, several));
      }
    }
    for (const u of impact.unknown) {
      lead.push(l10n.t('Access impact of "{0}" could not be computed: {1}', printable(u.resource.name), u.reason));
    }
    const found = impact.resources.some((r) => r.principals.length > 0);
    const evaluated = principalCount(impact.evaluated);
    if (!found && impact.unknown.length === 0 && impact.warnings.length > 0) {
      lead.push(
        l10n.t(
          'No change in access found in the policies that could be read (evaluated {0} in account {1}); {2} could not be read.',
          evaluated,
          report.accountId,
          impact.warnings.length,
        ),
      );
    } else if (!found && impact.unknown.length === 0) {
      lead.push(l10n.t('No change in access found (evaluated {0} in account {1}).', evaluated, report.accountId));
    } else detail.push(l10n.t('Evaluated {0} in account {1}.', evaluated, report.accountId));
    if (impact.warnings.length > 0) {
      detail.push(
        l10n.t(
          '{0} policies could not be read: what depends on them shows as "may change" (the log names them).',
          impact.warnings.length,
        ),
      );
    }
  }
  detail.push(limitsText());
  const changes = reports.some((r) => r.kind === 'computed' && r.impact.resources.some((x) => x.principals.length > 0));
  return { lead: [...you, ...lead], detail, changes };
}

function principalLines(resource: ResourceImpact, p: PrincipalImpact, several: boolean): string[] {
  const who = principalLabel(p);
  const on = several ? l10n.t(' on "{0}"', printable(resource.resource.name)) : '';
  const lines: string[] = [];
  if (p.loses.length > 0) lines.push(l10n.t('Loses access{0}: {1} ({2})', on, who, changesText(p.loses)));
  if (p.gains.length > 0) lines.push(l10n.t('Gains access{0}: {1} ({2})', on, who, changesText(p.gains)));
  if (p.uncertain.length > 0) {
    const keys = [...new Set(p.uncertain.flatMap((u) => [...u.before.dependsOn, ...u.after.dependsOn]))].sort();
    lines.push(
      l10n.t(
        'May change{0}: {1} ({2}; depends on {3})',
        on,
        who,
        p.uncertain.map((u) => u.action).join(', '),
        keys.map(printable).join(', ') || l10n.t('request details'),
      ),
    );
  }
  return lines;
}

function youLose(resource: ResourceImpact, p: PrincipalImpact, several: boolean): string {
  const actions = p.loses.map((c) => c.action).join(', ');
  const on = several ? l10n.t(' on "{0}"', printable(resource.resource.name)) : '';
  return resource.resource.kind === 'secret'
    ? l10n.t(
        'You would lose{0}: {1} (as {2}). Secrets Manager refuses a tag change that takes away your own access, so AWS is expected to answer Access Denied.',
        on,
        actions,
        principalLabel(p),
      )
    : l10n.t(
        'You would lose{0}: {1} (as {2}). KMS does not stop this: you can lock yourself out of the key.',
        on,
        actions,
        principalLabel(p),
      );
}

/** "42 roles, 3 users", "1 role, 1 user". */
export function principalCount({ roles, users }: { roles: number; users: number }): string {
  const r = roles === 1 ? l10n.t('1 role') : l10n.t('{0} roles', roles);
  const u = users === 1 ? l10n.t('1 user') : l10n.t('{0} users', users);
  return `${r}, ${u}`;
}

export function principalLabel(p: PrincipalImpact): string {
  return `${p.principal.kind}/${printable(p.principal.name)}`;
}

function changesText(changes: readonly AccessChange[]): string {
  const actions = changes.map((c) => c.action).join(', ');
  const via = viaText(changes.flatMap((c) => c.via));
  return via ? `${actions}, ${via}` : actions;
}

/** "via policy payments-abac", "via policy a, policy b of group g", "via the key policy". */
export function viaText(refs: readonly StatementRef[]): string {
  const names = [...new Set(refs.map(policyName))];
  if (names.length === 0) return '';
  return l10n.t('via {0}', names.join(', '));
}

function policyName(ref: StatementRef): string {
  switch (ref.source.kind) {
    case 'keyPolicy':
      return l10n.t('the key policy');
    case 'resourcePolicy':
      return l10n.t('the resource policy');
    case 'permissionsBoundary':
      return l10n.t('permissions boundary {0}', printable(ref.policy));
    case 'group':
      return l10n.t('policy {0} of group {1}', printable(ref.policy), printable(ref.source.groupName));
    default:
      return l10n.t('policy {0}', printable(ref.policy));
  }
}
