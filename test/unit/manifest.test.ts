import * as assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Token } from '../../src/tree/contextValues';

const raw = readFileSync(join(__dirname, '../../package.json'), 'utf8');
const nls: Record<string, string> = JSON.parse(readFileSync(join(__dirname, '../../package.nls.json'), 'utf8'));
/** The manifest as VS Code shows it: every `%key%` replaced by its text from package.nls.json. */
const manifest = JSON.parse(raw, (_key, value: unknown) =>
  typeof value === 'string' && /^%[^%]+%$/.test(value) ? (nls[value.slice(1, -1)] ?? value) : value,
);
const contributes = manifest.contributes;

function whenClauses(): string[] {
  const clauses: string[] = [];
  for (const entries of Object.values(contributes.menus) as Array<Array<{ when?: string }>>) {
    for (const entry of entries) if (entry.when) clauses.push(entry.when);
  }
  return clauses;
}

describe('manifest', () => {
  it('uses only viewItem tokens that some node produces', () => {
    const known = new Set<string>(Object.values(Token));
    const used = whenClauses()
      .flatMap((clause) => [...clause.matchAll(/viewItem\s*=~\s*\/([^/]+)\//g)].map((m) => m[1]))
      .flatMap((pattern) => pattern.replace(/\\\\b|\\b|[()]/g, ' ').split(/[\s|]+/))
      .filter(Boolean);
    assert.ok(used.length > 0, 'expected viewItem regexes in the menus');
    for (const token of used) assert.ok(known.has(token), `viewItem token "${token}" is produced by no node`);
  });

  it('shows Remove Tag only on tags that are not read-only, inline and in the destructive group', () => {
    const entries = contributes.menus['view/item/context'].filter(
      (e: { command: string }) => e.command === 'awsTags.removeTag',
    );
    assert.deepEqual(entries.map((e: { group: string }) => e.group.split('@')[0]).sort(), ['9_destructive', 'inline']);
    for (const e of entries) {
      const pattern = /viewItem =~ \/([^/]+)\/ && !\(viewItem =~ \/([^/]+)\/\)/.exec(e.when);
      assert.ok(pattern, e.when);
      const [shows, hides] = [new RegExp(pattern[1]), new RegExp(pattern[2])];
      assert.ok(shows.test('tag') && !hides.test('tag'), 'a mutable tag must get Remove Tag');
      assert.ok(hides.test('tag;readonly'), 'a read-only tag must not');
      assert.ok(!shows.test('secret') && !shows.test('kmsKey;awsManaged'), 'resources must not');
    }
  });

  it('contributes a handler for every command, and hides node-only commands from the palette', () => {
    const source = readdirSync(join(__dirname, '../../src/commands'))
      .map((f) => readFileSync(join(__dirname, '../../src/commands', f), 'utf8'))
      .join('\n');
    for (const { command } of contributes.commands)
      assert.ok(source.includes(`'${command}':`), `${command} has no entry in the command table`);
    const hidden = contributes.menus.commandPalette
      .filter((e: { when: string }) => e.when === 'false')
      .map((e: { command: string }) => e.command);
    assert.ok(hidden.includes('awsTags.refreshNode'));
    assert.ok(!hidden.includes('awsTags.removeTag'), 'Remove Tag must stay in the palette');
  });

  it('has the container, view and settings the documentation names', () => {
    assert.equal(contributes.viewsContainers.activitybar[0].id, 'awsTags');
    assert.equal(contributes.viewsContainers.activitybar[0].title, 'AWS Tags');
    assert.deepEqual(
      contributes.views.awsTags.map((v: { id: string; name: string }) => [v.id, v.name]),
      [['awsTags.resources', 'Resources']],
    );
    for (const name of ['profile', 'region', 'endpointUrl', 'confirmRemoval', 'showAwsManagedKeys']) {
      assert.ok(contributes.configuration.properties[`awsTags.${name}`], name);
    }
    assert.equal(contributes.configuration.properties['awsTags.confirmRemoval'].default, true);
  });

  it('carries Marketplace metadata: a 128x128 PNG icon that ships, banner, links', () => {
    const icon = readFileSync(join(__dirname, '../..', manifest.icon));
    assert.equal(icon.subarray(1, 4).toString(), 'PNG');
    assert.deepEqual([icon.readUInt32BE(16), icon.readUInt32BE(20)], [128, 128]);
    const ignore = readFileSync(join(__dirname, '../../.vscodeignore'), 'utf8');
    assert.match(ignore, /^!media\/\*\*$/m, 'media/ is in the package');
    for (const field of ['galleryBanner', 'bugs', 'homepage', 'qna', 'repository']) assert.ok(manifest[field], field);
  });

  it('in an untrusted workspace, ignores the workspace settings that choose the endpoint or the credentials', () => {
    const untrusted = manifest.capabilities.untrustedWorkspaces;
    assert.equal(untrusted.supported, 'limited');
    assert.deepEqual([...untrusted.restrictedConfigurations].sort(), [
      'awsTags.endpointUrl',
      'awsTags.profile',
      'awsTags.profiles',
    ]);
  });

  it('has a walkthrough whose commands exist and whose media ship in the package', () => {
    const [walkthrough] = contributes.walkthroughs;
    const commands = new Set(contributes.commands.map((c: { command: string }) => c.command));
    for (const step of walkthrough.steps) {
      for (const [, id] of String(step.description).matchAll(/\(command:([\w.]+)\)/g)) {
        assert.ok(commands.has(id) || id.startsWith('workbench.'), `${step.id}: ${id}`);
      }
      const media = step.media.image ?? step.media.markdown;
      assert.ok(media.startsWith('media/'), media);
      readFileSync(join(__dirname, '../..', media));
    }
    assert.deepEqual(
      walkthrough.steps.map((s: { id: string }) => s.id),
      ['chooseProfile', 'openView', 'removeTag', 'undo', 'history'],
    );
  });

  it('takes every user-visible manifest string from package.nls.json, and every entry there is used', () => {
    const used = [...raw.matchAll(/"%([^%"]+)%"/g)].map((m) => m[1]);
    for (const key of used) assert.ok(key in nls, `%${key}% has no entry in package.nls.json`);
    for (const key of Object.keys(nls))
      assert.ok(used.includes(key), `package.nls.json has ${key}, which the manifest does not use`);
    const plain = (value: unknown): boolean => typeof value !== 'string' || /^%[^%]+%$/.test(value);
    const parsed = JSON.parse(raw);
    for (const command of parsed.contributes.commands)
      assert.ok(plain(command.title) && plain(command.category), command.command);
    for (const [name, setting] of Object.entries(parsed.contributes.configuration.properties) as Array<
      [string, Record<string, unknown>]
    >) {
      assert.ok(plain(setting.description) && plain(setting.markdownDescription), name);
    }
    assert.ok(plain(parsed.displayName) && plain(parsed.description));
  });
});
