import * as vscode from 'vscode';
import { describeError } from '../aws/errors';
import { addTag } from './addTag';
import { allowWorkspaceEndpoint } from './allowEndpoint';
import { clearRemovalHistory } from './clearHistory';
import type { CommandDeps } from './deps';
import { showAwsError } from './messages';
import { copyArn, copyTag, copyTagsAsJson, openInConsole } from './copyAndOpen';
import { editTagValue } from './editTag';
import { clearFilter, filterByTag } from './filter';
import { clearCachedListings, refreshAll, refreshNode } from './refresh';
import { removeTagKeyEverywhere } from './removeKeyEverywhere';
import { removeTag } from './removeTag';
import { restoreRemovedTags } from './restore';
import { selectProfile } from './selectProfile';
import { selectIdentityCenterAccounts } from './selectIdentityCenterAccounts';
import { selectRegion } from './selectRegion';
import { ssoLogin } from './ssoLogin';
import { IMPACT_SCHEME, impactDocuments, showAccessImpact } from './showAccessImpact';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Handler = (deps: CommandDeps, ...args: any[]) => Promise<unknown> | unknown;

/** Every command the extension contributes; a unit test checks this table against package.json. */
export const COMMANDS: Record<string, Handler> = {
  'awsTags.removeTag': removeTag,
  'awsTags.removeTagKeyEverywhere': removeTagKeyEverywhere,
  'awsTags.restoreRemovedTags': restoreRemovedTags,
  'awsTags.clearRemovalHistory': clearRemovalHistory,
  'awsTags.addTag': addTag,
  'awsTags.editTagValue': editTagValue,
  'awsTags.showAccessImpact': showAccessImpact,
  'awsTags.filterByTag': filterByTag,
  'awsTags.clearFilter': clearFilter,
  'awsTags.copyArn': copyArn,
  'awsTags.copyTag': copyTag,
  'awsTags.copyTagsAsJson': copyTagsAsJson,
  'awsTags.openInConsole': openInConsole,
  'awsTags.refresh': refreshAll,
  'awsTags.refreshNode': refreshNode,
  'awsTags.clearCachedListings': clearCachedListings,
  'awsTags.selectProfile': selectProfile,
  'awsTags.selectRegion': selectRegion,
  'awsTags.selectIdentityCenterAccounts': selectIdentityCenterAccounts,
  'awsTags.ssoLogin': ssoLogin,
  'awsTags.allowWorkspaceEndpoint': allowWorkspaceEndpoint,
  'awsTags.showLog': (deps) => deps.log.show(),
};

/** One wrapper for all commands: logs the call, and turns any failure into a message with "Show Log". */
export function registerCommands(deps: CommandDeps): vscode.Disposable[] {
  const reports = vscode.workspace.registerTextDocumentContentProvider(IMPACT_SCHEME, impactDocuments);
  const commands = Object.entries(COMMANDS).map(([id, handler]) =>
    vscode.commands.registerCommand(id, async (...args: unknown[]) => {
      deps.log.info(`command ${id}`);
      try {
        return await handler(deps, ...args);
      } catch (error) {
        if (error instanceof vscode.CancellationError) return undefined;
        showAwsError(deps, describeError(error, { action: id }));
        return undefined;
      }
    }),
  );
  return [reports, ...commands];
}
