// Steps the UI specs share: reaching a resource's tags in the tree, reading the truth from the emulator, and
// waiting for both to agree. Not a spec itself (run.mts only loads *.test.mts).
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import type { KeyRecord, SecretRecord } from '../../emulator/state.js';
import type { CallRecord } from '../../emulator/types.js';
import { RESULTS_DIR } from '../browser.mjs';
import { quickInput } from '../prompts.mjs';
import { expandTreeItem, findTreeItem, openAwsTagsView, treeChildLabels, treeItem } from '../tree.mjs';
import type { EmulatorHandle } from '../emulator.mjs';
import { isRecord } from '../narrow.mjs';
import { ROOT } from '../server.mjs';

/** A secret (named by its name) or a KMS key (by its id or an alias), as the emulator's admin routes take them. */
export type ResourceKind = 'secret' | 'key';

/** Tags as { key: value }. */
export type Tags = Record<string, string>;

export interface EventuallyOptions {
  timeout?: number;
  /** What is awaited, for the timeout's message. */
  what?: string;
}

/** Where a locator is on the page, in CSS pixels. */
interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The locator's bounding box; fails when it is not shown. */
async function boxOf(locator: Locator, what: string): Promise<Box> {
  const box = await locator.boundingBox();
  if (!box) throw new Error(`${what} is not shown`);
  return box;
}

/** Polls `read()` until `accept(value)` holds; fails with the last value seen, so a timeout says what was there. */
export async function eventually<T>(
  read: () => T | Promise<T>,
  accept: (value: T) => boolean,
  { timeout = 15_000, what = 'condition' }: EventuallyOptions = {},
): Promise<T> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const last = await read();
    if (accept(last)) return last;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last seen: ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The tags the emulator holds for a secret (name) or KMS key (id or alias), as { key: value }. */
export async function emulatorTags(emulator: EmulatorHandle, kind: ResourceKind, id: string): Promise<Tags> {
  const route = kind === 'secret' ? 'secret-tags' : 'key-tags';
  const answer = await emulator.admin(`${route}?${new URLSearchParams({ id })}`);
  const tags = isRecord(answer) ? answer.tags : undefined;
  if (!isRecord(tags) || !Object.values(tags).every((value) => typeof value === 'string')) {
    throw new Error(`the emulator's ${route} for ${id} holds no tags: ${JSON.stringify(answer)}`);
  }
  return tags as Tags;
}

/** Waits until the emulator's tags for the resource equal `expected` exactly. */
export function emulatorTagsBecome(
  emulator: EmulatorHandle,
  kind: ResourceKind,
  id: string,
  expected: Tags,
  options?: EventuallyOptions,
): Promise<Tags> {
  return eventually(
    () => emulatorTags(emulator, kind, id),
    (tags) => sameTags(tags, expected),
    { what: `the emulator's tags of ${id} to be ${JSON.stringify(expected)}`, ...options },
  );
}

/** `tags` less `keys`. */
export function without(tags: Tags, ...keys: string[]): Tags {
  return Object.fromEntries(Object.entries(tags).filter(([k]) => !keys.includes(k)));
}

function sameTags(a: Tags, b: Tags): boolean {
  const keys = Object.keys(a).sort();
  return JSON.stringify(keys) === JSON.stringify(Object.keys(b).sort()) && keys.every((k) => a[k] === b[k]);
}

/** UntagResource requests the emulator received (any service, any outcome). */
export async function untagCalls(emulator: EmulatorHandle): Promise<CallRecord[]> {
  return emulator.calls({ operation: 'UntagResource' });
}

/**
 * As a person would: opens AWS Tags from the activity bar, expands the group ("Secrets Manager" or
 * "KMS Keys") and then the resource, and waits for its tag rows. Returns the tag keys shown.
 */
export async function showTags(page: Page, group: string, resource: string): Promise<string[]> {
  await openAwsTagsView(page);
  await expandTreeItem(page, group);
  await expandTreeItem(page, resource);
  await makeRoomBelow(page, resource);
  return eventually(
    () => treeChildLabels(page, resource),
    (labels) => labels.length > 0,
    { what: `tags of "${resource}"` },
  );
}

// Room for the most tags a seeded resource has, so that all of a resource's tag rows are drawn below it.
const ROWS_BELOW = 12;

/**
 * The tree draws only the rows in view: when a row is too near the bottom for its children to show, scrolls it up
 * (with the mouse wheel, as a person would) until it is at the top or the list cannot scroll further.
 */
export async function makeRoomBelow(page: Page, label: string): Promise<void> {
  const row = await findTreeItem(page, label);
  const tree = page.locator('.part.sidebar').getByRole('tree').first();
  const [box, treeBox] = await Promise.all([boxOf(row, `"${label}"`), boxOf(tree, 'the tree')]);
  if (treeBox.y + treeBox.height - (box.y + box.height) >= ROWS_BELOW * box.height) return;
  await page.mouse.move(treeBox.x + treeBox.width / 2, treeBox.y + treeBox.height / 2);
  await page.mouse.wheel(0, box.y - treeBox.y);
  // At the top, or still for three reads in a row (the list's end was reached first).
  const seen: Array<number | undefined> = [];
  await eventually(
    async () => (await row.boundingBox())?.y,
    (y) => {
      seen.push(y);
      return (
        y !== undefined && (Math.abs(y - treeBox.y) < 2 || (seen.length >= 3 && seen.slice(-3).every((v) => v === y)))
      );
    },
    { what: `"${label}" to scroll up` },
  );
  await page.mouse.move(900, 500);
}

/** Waits until the resource's tag rows are exactly `keys` (in any order). */
export function treeTagsBecome(
  page: Page,
  resource: string,
  keys: string[],
  options?: EventuallyOptions,
): Promise<string[]> {
  const want = [...keys].sort();
  return eventually(
    async () => (await treeChildLabels(page, resource)).sort(),
    (labels) => JSON.stringify(labels) === JSON.stringify(want),
    { what: `the tree to show tags ${JSON.stringify(want)} under "${resource}"`, ...options },
  );
}

/**
 * The row of tag `key` under the expanded `resource`. The specs expand one resource at a time, so tag keys are
 * unique among the rendered rows; this checks that, so a row of another resource is never clicked by mistake.
 */
export async function tagRow(page: Page, resource: string, key: string): Promise<Locator> {
  assert.ok((await treeChildLabels(page, resource)).includes(key), `"${key}" is not a tag row of "${resource}"`);
  assert.equal(await treeItem(page, key).count(), 1, `more than one row is labelled "${key}"`);
  return findTreeItem(page, key);
}

/** The value shown next to a tag key (the row's description). */
export async function tagValueShown(page: Page, resource: string, key: string): Promise<string> {
  const row = await tagRow(page, resource, key);
  return (await row.locator('.label-description').first().innerText()).trim();
}

/** Drags the sash between the sidebar and the editor so that long secret names are not cut off. */
export async function widenSidebar(page: Page, width: number): Promise<void> {
  const sidebar = await boxOf(page.locator('.part.sidebar'), 'the sidebar');
  const edge = sidebar.x + sidebar.width;
  const y = sidebar.y + sidebar.height / 2;
  await page.mouse.move(edge, y);
  await page.mouse.down();
  await page.mouse.move(sidebar.x + width, y, { steps: 5 });
  await page.mouse.up();
  await page.mouse.move(900, 500);
  await eventually(
    async () => (await boxOf(page.locator('.part.sidebar'), 'the sidebar')).width,
    (w) => Math.abs(w - width) < 30,
    { what: `the sidebar to be ${width}px wide` },
  );
}

/**
 * Every tag the emulator holds, as { "region secret NAME" | "region key ID": { key: value } }: lets a test check
 * that a change touched what it should and nothing else.
 */
export async function emulatorTagsEverywhere(emulator: EmulatorHandle): Promise<Record<string, Tags>> {
  const state = await emulatorState(emulator);
  const all: Record<string, Tags> = {};
  for (const [region, { secrets = [], keys = [] }] of Object.entries(state.regions)) {
    for (const s of secrets)
      all[`${region} secret ${s.name}`] = Object.fromEntries((s.tags ?? []).map((t) => [t.Key, t.Value]));
    for (const k of keys)
      all[`${region} key ${k.id}`] = Object.fromEntries((k.tags ?? []).map((t) => [t.TagKey, t.TagValue]));
  }
  return all;
}

/** The emulator's resources, region by region, as its admin route `state` lists them. */
interface EmulatorState {
  regions: Record<string, { secrets?: SecretRecord[]; keys?: KeyRecord[] }>;
}

async function emulatorState(emulator: EmulatorHandle): Promise<EmulatorState> {
  const state = await emulator.admin('state');
  if (!isRecord(state) || !isRecord(state.regions)) throw new Error(`the emulator's state has no regions`);
  // The route answers with the emulator's own records (test/emulator/state.ts).
  return { regions: state.regions as EmulatorState['regions'] };
}

/** The ARN the emulator gave a secret (name) or key (id) in `region`. */
export async function emulatorArn(
  emulator: EmulatorHandle,
  kind: ResourceKind,
  id: string,
  region = 'us-east-1',
): Promise<string> {
  const { secrets = [], keys = [] } = (await emulatorState(emulator)).regions[region] ?? {};
  const found = kind === 'secret' ? secrets.find((s) => s.name === id) : keys.find((k) => k.id === id);
  assert.ok(found, `the emulator has no ${kind} ${id} in ${region}`);
  return found.arn;
}

/** The open quick pick, once it asks the question starting with `prefix` (its placeholder). */
export async function quickPickAsking(page: Page, prefix: string): Promise<Locator> {
  const input = quickInput(page).locator(`input[placeholder^=${JSON.stringify(prefix)}]`);
  await input.waitFor();
  return input;
}

/** The open input box, once its title is `title`; returns its text field. */
export async function inputBoxTitled(page: Page, title: string): Promise<Locator> {
  await quickInput(page).locator('.quick-input-title').getByText(title, { exact: true }).waitFor();
  return quickInput(page).locator('input').first();
}

/** Answers the input box titled `title` with `text` (typed over what it holds) and Enter; waits for it to move on. */
export async function answerInputBox(page: Page, title: string, text: string): Promise<void> {
  const input = await inputBoxTitled(page, title);
  await input.fill(text);
  await input.press('Enter');
  await quickInput(page).locator('.quick-input-title').getByText(title, { exact: true }).waitFor({ state: 'hidden' });
}

/** The message under the input box: the prompt, or the error for what was typed. */
export function inputBoxMessage(page: Page): Locator {
  return quickInput(page).locator('.quick-input-message');
}

/** A button in the title bar of the AWS Tags view (e.g. "Filter by Tag..."), by its label. */
export function viewTitleButton(page: Page, name: string): Locator {
  return page.locator('.part.sidebar .composite.title .title-actions').getByRole('button', { name, exact: true });
}

/** Opens the view title's "..." menu (the actions that have no icon); returns the menu locator. */
export async function openViewTitleMenu(page: Page): Promise<Locator> {
  const more = page
    .locator('.part.sidebar .composite.title .title-actions')
    .getByRole('button', { name: /More Actions/ })
    .first();
  await more.click();
  const menu = page.getByRole('menu').first();
  await menu.waitFor();
  return menu;
}

/**
 * A README picture: the activity bar and the sidebar (its top `height` pixels), widened and lengthened to take in
 * `also` (an open menu or dialog) when given. Written to `media/screenshot-NAME.png` only on
 * `npm run screenshots`, so that a test run leaves the checkout as it was; otherwise to `test-results/`.
 */
export async function saveReadmeScreenshot(
  page: Page,
  name: string,
  { also, height = 300 }: { also?: Locator | null; height?: number } = {},
): Promise<void> {
  const activityBar = await page.locator('.part.activitybar').boundingBox();
  const sidebar = await boxOf(page.locator('.part.sidebar'), 'the sidebar');
  const extra = also ? await also.boundingBox() : null;
  const left = Math.min(activityBar?.x ?? sidebar.x, sidebar.x);
  const right = Math.max(sidebar.x + sidebar.width, extra ? extra.x + extra.width + 12 : 0);
  const bottom = extra ? extra.y + extra.height + 12 : sidebar.y + Math.min(sidebar.height, height);
  const dir = process.env.AWS_TAGS_README_SCREENSHOTS === '1' ? join(ROOT, 'media') : RESULTS_DIR;
  mkdirSync(dir, { recursive: true });
  await page.screenshot({
    path: join(dir, `screenshot-${name}.png`),
    clip: { x: left, y: sidebar.y, width: right - left, height: bottom - sidebar.y },
    animations: 'disabled',
  });
}
