import * as l10n from '@vscode/l10n';
import type { CommandDeps } from './deps';
import { askModal } from './messages';

/**
 * Allow Workspace Endpoint...: a repository's settings name an endpoint that is neither this machine nor AWS's.
 * Every signed request (access key ID, session token) would go there and the tree would show its answers, so the
 * user says yes once for this workspace, after reading where.
 */
export async function allowWorkspaceEndpoint(deps: CommandDeps, endpoint?: unknown): Promise<void> {
  const pending = deps.connections.entries.find((e) => e.problem?.kind === 'endpointUnconfirmed')?.problem;
  const url =
    typeof endpoint === 'string' ? endpoint : pending?.kind === 'endpointUnconfirmed' ? pending.endpoint : undefined;
  if (!url) return;
  const allow = l10n.t('Allow');
  const answer = await askModal(
    l10n.t("This workspace's settings send your AWS requests to {0}. Allow it for this workspace?", url),
    l10n.t(
      'awsTags.endpointUrl is set in the settings of this workspace, not in yours. Every request would be signed with your credentials (access key ID and session token) and sent there, and the tree would show what it answers. Allow it only if you trust whoever wrote those settings.',
    ),
    allow,
  );
  if (answer === allow) await deps.connections.allowWorkspaceEndpoint(url);
}
