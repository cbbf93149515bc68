// Shared by the extension-host tests: the emulator's admin API over HTTP, the extension's API, and stubs for
// the window's message functions (a modal cannot be clicked from inside the extension host).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import * as vscode from 'vscode';
import type { AwsTagsApi } from '../../../src/extension';
import type { TreeNode } from '../../../src/tree/node';
import type { Seed } from '../../emulator/types';

const base = () => {
  const url = process.env.AWS_TAGS_EMULATOR_URL;
  if (!url) throw new Error('AWS_TAGS_EMULATOR_URL is not set');
  return `${url}/_emulator/`;
};

export async function admin<T = unknown>(method: string, route: string, body?: unknown): Promise<T> {
  const response = await fetch(base() + route, {
    method,
    headers: { 'content-type': 'application/json', 'x-emulator-token': process.env.AWS_TAGS_EMULATOR_TOKEN ?? '' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${route}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

export interface CallRecord {
  op: string;
  operation: string;
  resource?: string;
  tagKeys?: string[];
  outcome: string;
}

export const calls = () => admin<CallRecord[]>('GET', 'calls');

/** Every GetSecretValue any test of the run made (the extension must never make one), gathered at each reset. */
export const secretValueReads: string[] = [];

export async function api(): Promise<AwsTagsApi> {
  const extension = vscode.extensions.getExtension<AwsTagsApi>('aws-tags.aws-tags');
  if (!extension) throw new Error('extension not loaded');
  return extension.activate();
}

/**
 * Seeds the emulator afresh and reloads the extension's tree. The seeded secrets are stamped as changed now: a
 * reset is someone else's change made after the previous test's writes, and the extension rightly keeps its own
 * read-back over any listed copy that claims to be older.
 */
export async function reset(seed: Seed): Promise<AwsTagsApi> {
  const now: Seed = {
    ...seed,
    regions: Object.fromEntries(
      Object.entries(seed.regions).map(([name, region]) => [
        name,
        { ...region, secrets: region.secrets?.map((s) => ({ lastChangedDaysAgo: 0, ...s })) },
      ]),
    ),
  };
  // Each reset clears the call log: what the test before it called is checked for GetSecretValue first.
  secretValueReads.push(
    ...(await calls()).filter((c) => c.operation === 'GetSecretValue').map((c) => c.resource ?? '?'),
  );
  await admin('POST', 'reset', now);
  await admin('DELETE', 'faults');
  await admin('DELETE', 'deny-untag');
  await admin('DELETE', 'calls');
  const extension = await api();
  await vscode.commands.executeCommand('awsTags.refresh');
  return extension;
}

export async function children(extension: AwsTagsApi, node?: TreeNode): Promise<TreeNode[]> {
  return extension.tree.getChildren(node);
}

export function label(node: TreeNode): string {
  const item = node.getTreeItem();
  return typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
}

/** Walks the tree by labels, e.g. `find(api, 'Secrets Manager', 'prod/db', 'Team')`. */
export async function find(extension: AwsTagsApi, ...path: string[]): Promise<TreeNode> {
  let node: TreeNode | undefined;
  for (const name of path) {
    const list = await children(extension, node);
    const next = list.find((n) => label(n) === name);
    if (!next) throw new Error(`no "${name}" under ${node ? label(node) : 'the root'}: ${list.map(label).join(', ')}`);
    node = next;
  }
  return node!;
}

type Window = typeof vscode.window;
type MessageFn = 'showInformationMessage' | 'showWarningMessage' | 'showErrorMessage';

/**
 * Replaces the three message functions; modal warnings answer `answer` (null: dismissed), and a notification whose
 * buttons include `button` gets that button pressed. Returns what was shown, and a restore.
 */
export function captureMessages(answer: string | null = 'Remove', button?: string) {
  const shown: Array<{ kind: MessageFn; message: string; modal: boolean; detail?: string; buttons: string[] }> = [];
  const window = vscode.window as { -readonly [K in keyof Window]: Window[K] };
  const saved = {
    showInformationMessage: window.showInformationMessage,
    showWarningMessage: window.showWarningMessage,
    showErrorMessage: window.showErrorMessage,
  };
  for (const kind of Object.keys(saved) as MessageFn[]) {
    (window as Record<MessageFn, unknown>)[kind] = async (message: string, ...rest: unknown[]) => {
      const modal = typeof rest[0] === 'object' && rest[0] !== null && (rest[0] as { modal?: boolean }).modal === true;
      shown.push({
        kind,
        message,
        modal,
        detail: modal ? (rest[0] as { detail?: string }).detail : undefined,
        buttons: rest.filter((r): r is string => typeof r === 'string'),
      });
      if (modal) return answer ?? undefined;
      return button !== undefined && rest.includes(button) ? button : undefined;
    };
  }
  return {
    shown,
    restore: () => Object.assign(window, saved),
  };
}

/** Collects what the provider redraws while `action` runs. */
export async function redrawsDuring(
  extension: AwsTagsApi,
  action: () => Thenable<unknown>,
): Promise<Array<TreeNode | undefined>> {
  const fired: Array<TreeNode | undefined> = [];
  // Let redraws batched before the action flush first, so they are not counted as the action's.
  await new Promise((resolve) => setTimeout(resolve, 200));
  const subscription = extension.tree.onDidChangeTreeData((e) => fired.push(...(Array.isArray(e) ? e : [e])));
  try {
    await action();
    await new Promise((resolve) => setTimeout(resolve, 200));
  } finally {
    subscription.dispose();
  }
  return fired;
}

/**
 * Answers input boxes from a queue and records what each one's validation said about the answer, as the
 * quick input would show it while typing.
 */
export function answerInputBoxes(answers: string[]) {
  const window = vscode.window as { showInputBox: typeof vscode.window.showInputBox };
  const saved = window.showInputBox;
  const problems: Array<string | undefined> = [];
  const seen: vscode.InputBoxOptions[] = [];
  window.showInputBox = async (options?: vscode.InputBoxOptions) => {
    seen.push(options ?? {});
    const answer = answers.shift();
    if (answer === undefined) return undefined;
    const problem = await options?.validateInput?.(answer);
    problems.push(typeof problem === 'string' ? problem : (problem?.message ?? undefined));
    return problem ? undefined : answer;
  };
  return { problems, seen, restore: () => (window.showInputBox = saved) };
}

/** Answers the next quick pick with the items whose label matches. */
export function answerQuickPick(match: (item: vscode.QuickPickItem) => boolean) {
  const window = vscode.window as { showQuickPick: typeof vscode.window.showQuickPick };
  const saved = window.showQuickPick;
  window.showQuickPick = (async (
    items: readonly vscode.QuickPickItem[] | Thenable<readonly vscode.QuickPickItem[]>,
    options?: vscode.QuickPickOptions,
  ) => {
    const chosen = (await items).filter(match);
    return options?.canPickMany ? chosen : chosen[0];
  }) as unknown as typeof vscode.window.showQuickPick;
  return { restore: () => (window.showQuickPick = saved) };
}

/** The test's own credentials, as a `[name]` section of a credentials file. */
export function emulatorCredentials(name: string): string {
  return `[${name}]\naws_access_key_id = ${process.env.AWS_ACCESS_KEY_ID}\naws_secret_access_key = ${process.env.AWS_SECRET_ACCESS_KEY}\n`;
}

/**
 * Writes the throwaway AWS config file the runner gave this VS Code (and the credentials file, when given), and
 * returns what puts the originals back.
 */
export function writeAwsFiles(files: { config: string; credentials?: string }): () => void {
  const targets: Array<[string, string]> = [[process.env.AWS_CONFIG_FILE!, files.config]];
  if (files.credentials !== undefined) targets.push([process.env.AWS_SHARED_CREDENTIALS_FILE!, files.credentials]);
  const saved = targets.map(([file]) => {
    try {
      return readFileSync(file, 'utf8');
    } catch {
      return undefined;
    }
  });
  for (const [file, text] of targets) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
  }
  return () => targets.forEach(([file], i) => writeFileSync(file, saved[i] ?? ''));
}
