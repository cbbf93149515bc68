import * as vscode from 'vscode';
import { readTags } from '../aws/tagWriter';
import type { TreeNode } from '../tree/node';
import { printable } from '../tree/presentation';
import { computeImpact } from './accessImpact';
import { pickFromPalette } from './addTag';
import type { CommandDeps } from './deps';
import { impactReportText } from './impactReport';
import { pickTag, tagTargetOf } from './pickers';

export const IMPACT_SCHEME = 'aws-tags-impact';

/** Documents of this scheme are read-only in VS Code: the report cannot be mistaken for something to edit. */
export class ImpactDocuments implements vscode.TextDocumentContentProvider {
  private readonly texts = new Map<string, string>();
  private next = 0;

  add(title: string, text: string): vscode.Uri {
    const uri = vscode.Uri.from({ scheme: IMPACT_SCHEME, path: `/${this.next++}/${title}.txt` });
    this.texts.set(uri.toString(), text);
    return uri;
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? '';
  }
}

export const impactDocuments = new ImpactDocuments();

/** Show Access Impact: on a tag, or from the palette after picking a resource and a tag. */
export async function showAccessImpact(deps: CommandDeps, node?: TreeNode): Promise<void> {
  const target = await tagTargetOf(node, () => pickTarget(deps));
  if (!target) return;
  const { store, resource, tag } = target;
  const [onAws, policy] = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Reading tags and policies…') },
    () =>
      Promise.all([readTags(store, resource).catch(() => undefined), store.policies.use(resource, { fresh: true })]),
  );
  const before = onAws?.tags ?? resource.tags ?? [];
  const [report] = await computeImpact(deps, [
    { store, resource, before, after: before.filter((t) => t.key !== tag.key), policy },
  ]);
  const title = `${printable(resource.name).replace(/[/\\]/g, '_')} ${printable(tag.key).replace(/[/\\]/g, '_')}`;
  const uri = impactDocuments.add(title, impactReportText(resource, tag, report));
  const document = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(document, { preview: true });
}

async function pickTarget(deps: CommandDeps) {
  const picked = await pickFromPalette(
    deps,
    vscode.l10n.t('Show the access impact of a tag of which secret or KMS key?'),
    (r) => (r.tags?.length ?? 0) > 0,
  );
  if (!picked) return undefined;
  const tag = await pickTag(picked.resource, vscode.l10n.t('Tag of {0}', printable(picked.resource.name)), {
    includeReadOnly: true,
  });
  return tag && { ...picked, tag };
}
