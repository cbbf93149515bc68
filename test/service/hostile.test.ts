// Bad and hostile input: tag keys, values and secret names that AWS accepts (or refuses), sent through the
// extension's services to the emulator and back, and rendered by the pure presentation code.
import { CreateSecretCommand } from '@aws-sdk/client-secrets-manager';
import * as assert from 'node:assert/strict';
import { errorCategory } from '../../src/aws/errors';
import { KmsService } from '../../src/aws/kms';
import { SecretsService } from '../../src/aws/secrets';
import { MAX_USER_TAGS, tagKeyProblem, tagValueProblem } from '../../src/aws/tagRules';
import type { AwsResource, KmsKeyResource, SecretResource, Tag } from '../../src/aws/types';
import { confirmationText } from '../../src/commands/removalText';
import { pickerText, presentResource, presentTag } from '../../src/tree/presentation';
import type { Seed } from '../emulator/types';
import { REGION, startHarness, stopHarness, type Harness } from './harness';
import { removeTags, putTags, resultText } from './writes';

const KEY_PROBE = '6c6c6c6c-1111-4111-8111-111111111111';
const ACCOUNT = '123456789012';

function hostileSeed(): Seed {
  return {
    regions: {
      [REGION]: {
        secrets: [
          { name: 'probe', tags: { Team: 'x' } },
          { name: 'prod/db', arnSuffix: 'AbCdEf', tags: { Team: 'payments', Environment: 'prod' } },
          // Its name is the other secret's ARN tail: a name lookup would be ambiguous, an ARN never is.
          { name: 'prod/db-AbCdEf', tags: { Team: 'impostor', Environment: 'prod' } },
        ],
        keys: [{ id: KEY_PROBE, aliases: ['alias/probe'], tags: { Team: 'x' } }],
      },
    },
  };
}

/** What the issue lists, and a few more that test the edge of each service's character set. */
const LISTED_INPUTS: ReadonlyArray<[string, string]> = [
  ['latin accents', 'Zürich Ñandú'],
  ['CJK', '日本語のキー'],
  ['Greek', 'Ελληνικά'],
  ['emoji', 'key 🔑'],
  ['spaces', 'Cost Center'],
  ['leading and trailing spaces', '  padded  '],
  ['no-break space', 'a\u00a0b'],
  ['equals', 'a=b'],
  ['slash', 'team/app'],
  ['colon', 'k:v'],
  ['at', 'user@example.com'],
  ['plus minus dot underscore', 'a+b-c.d_e'],
  ['double quotes', '"quoted"'],
  ['single quote', "it's"],
  ['newline', 'line1\nline2'],
  ['carriage return', 'a\rb'],
  ['tab', 'a\tb'],
  ['markdown', '**bold** _x_'],
  ['HTML', '<img src=x onerror=alert(1)>'],
  ['command link', '[run](command:workbench.action.quit)'],
  ['bare command URI', 'command:workbench.action.quit'],
  ['ANSI escape', '\u001b[31mred'],
  ['icon syntax', '$(alert) boom'],
  ['backslash', 'C:\\path'],
];

/** Where the extension's check and AWS's documented tagging pattern (letters, numbers, separators) part. */
const EDGE_INPUTS: ReadonlyArray<[string, string]> = [
  ['combining accent (NFD)', 'cafe\u0301'],
  ['Devanagari with vowel signs', 'हिन्दी'],
  ['line separator', 'a\u2028b'],
  ['paragraph separator', 'a\u2029b'],
];

// C0/C1 controls, line and paragraph separators, and bidirectional overrides (which can disguise one name as another).
const RAW_CONTROL = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

describe('service layer against the emulator: bad and hostile input', () => {
  let h: Harness;
  let logMark = 0;

  const probeSecret = () => h.services.secrets.describe('probe');
  const probeKey = async (): Promise<KmsKeyResource> => {
    const keys = await h.services.kms.listKeys();
    return h.services.kms.details(keys.find((k) => k.keyId === KEY_PROBE)!);
  };
  const emulatorTags = (resource: AwsResource) =>
    resource.kind === 'secret' ? h.emulator.secretTags(resource.arn) : h.emulator.keyTags(resource.arn);
  const newLog = () => h.logger.lines.slice(logMark);

  /**
   * Whether AWS (the emulator) takes this tag, and what it reads back; the emulator is reset afterwards. Fresh
   * services for each probe: the client-side pacing of tag calls is not what is tested here, and would cost seconds.
   */
  async function emulatorAccepts(
    resource: AwsResource,
    tag: Tag,
  ): Promise<{ ok: boolean; error?: unknown; readBack?: Tag[] }> {
    const services = {
      secrets: new SecretsService(h.clients.secrets, REGION),
      kms: new KmsService(h.clients.kms, REGION),
    };
    const before = emulatorTags(resource);
    try {
      const current = await putTags(services, resource, [tag]);
      return { ok: true, readBack: current.tags ? [...current.tags] : undefined };
    } catch (error) {
      assert.deepEqual(emulatorTags(resource), before, 'a refused tag changes nothing');
      return { ok: false, error };
    } finally {
      h.emulator.reset(hostileSeed());
    }
  }

  /** Every input as a key and as a value, on one resource: where tagRules and the emulator disagree. */
  async function disagreements(resource: AwsResource, inputs: ReadonlyArray<[string, string]>): Promise<string[]> {
    const found: string[] = [];
    let accepted = 0;
    for (const [what, text] of inputs) {
      for (const as of ['key', 'value'] as const) {
        const tag = as === 'key' ? { key: text, value: 'v' } : { key: 'probe', value: text };
        const problem = as === 'key' ? tagKeyProblem(resource, text) : tagValueProblem(resource.kind, text);
        const answer = await emulatorAccepts(resource, tag);
        if (answer.ok) {
          accepted++;
          assert.ok(
            answer.readBack?.some((t) => t.key === tag.key && t.value === tag.value),
            `${what} as ${as}: not read back exactly: ${JSON.stringify(answer.readBack)}`,
          );
        } else {
          assert.equal(errorCategory(answer.error), 'validation', `${what} as ${as}: ${(answer.error as Error).name}`);
        }
        if ((problem === undefined) !== answer.ok) {
          found.push(
            `${what} ${JSON.stringify(text)} as ${as}: extension ${problem === undefined ? 'allows' : `refuses (${problem})`}, AWS ${answer.ok ? 'accepts' : `refuses (${(answer.error as Error).name})`}`,
          );
        }
      }
    }
    console.log(
      `      ${resource.kind}: ${inputs.length * 2} inputs tried, ${accepted} accepted by AWS, ${found.length} disagreements`,
    );
    return found;
  }

  before(async () => {
    h = await startHarness(hostileSeed());
  });
  after(() => stopHarness(h));
  beforeEach(() => {
    h.emulator.reset(hostileSeed());
    logMark = h.logger.lines.length;
  });

  describe('what the Add Tag check allows is what AWS accepts', () => {
    it('Secrets Manager: unicode, emoji, spaces, = / : @, quotes, newlines, markdown, HTML, ANSI', async () => {
      assert.deepEqual(await disagreements(await probeSecret(), LISTED_INPUTS), []);
    });

    it('KMS: the same inputs, all accepted and read back byte for byte', async () => {
      const found = await disagreements(await probeKey(), LISTED_INPUTS);
      assert.deepEqual(found, []);
      assert.ok(LISTED_INPUTS.every(([, text]) => tagValueProblem('kmsKey', text) === undefined));
    });

    it('Secrets Manager: combining marks and line/paragraph separators', async () => {
      assert.deepEqual(await disagreements(await probeSecret(), EDGE_INPUTS), []);
    });
  });

  describe('limits', () => {
    it('a 128-character key and a 256-character value pass on both services; one more character fails on both', async () => {
      for (const resource of [await probeSecret(), await probeKey()]) {
        const char = resource.kind === 'secret' ? '鍵' : '🔑';
        const key = char.repeat(128);
        const value = 'v'.repeat(255) + char;
        assert.equal(tagKeyProblem(resource, key), undefined);
        assert.equal(tagValueProblem(resource.kind, value), undefined);
        const current = await putTags(h.services, resource, [{ key, value }]);
        assert.equal(current.tags?.find((t) => t.key === key)?.value, value);

        const longKey = key + char;
        const longValue = value + 'v';
        assert.match(tagKeyProblem(resource, longKey) ?? '', /at most 128/);
        assert.match(tagValueProblem(resource.kind, longValue) ?? '', /at most 256/);
        await assert.rejects(
          putTags(h.services, resource, [{ key: longKey, value: 'v' }]),
          (e) => errorCategory(e) === 'validation',
        );
        await assert.rejects(
          putTags(h.services, resource, [{ key: 'k', value: longValue }]),
          (e) => errorCategory(e) === 'validation',
        );
        const [removed] = await removeTags(h.services, [{ resource: current, tags: [{ key, value }] }]);
        assert.equal(removed.status, 'removed');
        assert.ok(!removed.current?.tags?.some((t) => t.key === key));
      }
    });

    it('an empty value is kept as empty on both services, through listing and read-back', async () => {
      const secret = await putTags(h.services, await probeSecret(), [{ key: 'Owner', value: '' }]);
      const key = await putTags(h.services, await probeKey(), [{ key: 'Owner', value: '' }]);
      assert.equal(tagValueProblem('secret', ''), undefined);
      assert.deepEqual(
        secret.tags?.find((t) => t.key === 'Owner'),
        { key: 'Owner', value: '' },
      );
      assert.deepEqual(
        key.tags?.find((t) => t.key === 'Owner'),
        { key: 'Owner', value: '' },
      );
      const store = h.newStore();
      await store.loadSecrets().done;
      assert.deepEqual(
        store.find(secret.arn)?.tags?.find((t) => t.key === 'Owner'),
        { key: 'Owner', value: '' },
      );
      assert.equal(presentTag(secret, { key: 'Owner', value: '' }).description, '(empty value)');
    });

    it('keys differing only in case are different keys on both services, and removing one keeps the others', async () => {
      for (let resource of [await probeSecret(), await probeKey()] as AwsResource[]) {
        const variants = [
          { key: 'env', value: 'a' },
          { key: 'Env', value: 'b' },
          { key: 'ENV', value: 'c' },
        ];
        resource = await putTags(h.services, resource, variants.slice(0, 2));
        assert.equal(tagKeyProblem(resource, 'ENV'), undefined, 'the check does not call ENV a duplicate of env');
        resource = await putTags(h.services, resource, variants.slice(2));
        assert.deepEqual(
          variants.map((v) => emulatorTags(resource)[v.key]),
          ['a', 'b', 'c'],
        );
        const [outcome] = await removeTags(h.services, [{ resource, tags: [variants[0]] }]);
        assert.deepEqual(
          outcome.current?.tags?.filter((t) => t.key.toLowerCase() === 'env'),
          variants.slice(1),
        );
      }
    });

    it('50 tags on one resource are listed in full, and a 51st is refused by the check and by AWS', async () => {
      const fifty = Array.from({ length: MAX_USER_TAGS - 1 }, (_, i) => ({
        key: `k${String(i).padStart(2, '0')}`,
        value: `v${i}`,
      }));
      for (const start of [await probeSecret(), await probeKey()] as AwsResource[]) {
        const resource = await putTags(h.services, start, fifty);
        assert.equal(resource.tags?.length, MAX_USER_TAGS, 'Team and the 49 added');
        assert.match(tagKeyProblem(resource, 'one-more') ?? '', /already has 50 tags/);
        await assert.rejects(
          putTags(h.services, resource, [{ key: 'one-more', value: 'x' }]),
          (e) => errorCategory(e) === 'validation',
        );
        assert.equal(Object.keys(emulatorTags(resource)).length, MAX_USER_TAGS);
        // Replacing a value is not a 51st tag.
        const replaced = await putTags(h.services, resource, [{ key: 'k00', value: 'changed' }]);
        assert.equal(replaced.tags?.find((t) => t.key === 'k00')?.value, 'changed');
      }
      const store = h.newStore();
      await store.loadKeys().done;
      assert.equal(
        store.keys.items.get(`arn:aws:kms:${REGION}:${ACCOUNT}:key/${KEY_PROBE}`)?.tags?.length,
        MAX_USER_TAGS,
      );
    });
  });

  describe('secret names', () => {
    const NAMES = ['team/app+v2=blue@prod', 'user+alias@example.com', 'a=b=c', '/leading/slash/', 'x.y_z-1'];

    it("names with / + = @ and a name that is another secret's ARN tail round-trip by ARN through list, describe, untag and read-back", async () => {
      for (const name of NAMES) {
        await h.clients.secrets.send(
          new CreateSecretCommand({
            Name: name,
            Tags: [
              { Key: 'Team', Value: name },
              { Key: 'Keep', Value: 'yes' },
            ],
          }),
        );
      }
      const store = h.newStore();
      await store.loadSecrets().done;
      const listed = [...store.secrets.items.values()];
      for (const name of [...NAMES, 'prod/db', 'prod/db-AbCdEf']) {
        const secret = listed.find((s) => s.name === name);
        assert.ok(secret, `${name} is listed`);
        assert.equal((await h.services.secrets.describe(secret.arn)).name, name);
        assert.equal(presentResource(secret).label, name);
      }
      const targets = listed.filter((s) => NAMES.includes(s.name) || s.name === 'prod/db-AbCdEf');
      const callMark = h.emulator.calls().length;
      const outcomes = await removeTags(
        h.services,
        targets.map((resource) => ({ resource, tags: [{ key: 'Team', value: '' }] })),
      );
      assert.deepEqual(
        outcomes.map((o) => o.status),
        targets.map(() => 'removed'),
      );
      for (const o of outcomes)
        assert.ok(
          !o.current?.tags?.some((t) => t.key === 'Team'),
          `${o.request.resource.name}: Team is gone in the read-back`,
        );
      const sent = h.emulator
        .calls()
        .slice(callMark)
        .filter((c) => c.operation === 'UntagResource' || c.operation === 'DescribeSecret');
      assert.ok(
        sent.every((c) => targets.some((t) => t.arn === c.resource)),
        `every call named a full ARN: ${sent.map((c) => c.resource).join(', ')}`,
      );
      for (const name of NAMES) assert.deepEqual(h.emulator.secretTags(name), { Keep: 'yes' });
      assert.deepEqual(h.emulator.secretTags('prod/db-AbCdEf'), { Environment: 'prod' });
      assert.deepEqual(
        h.emulator.secretTags('prod/db'),
        { Team: 'payments', Environment: 'prod' },
        'the secret whose ARN the other name imitates is untouched',
      );
    });

    it('AWS refuses a secret name with a colon, so a real ARN can never be a name', async () => {
      const arnLike = `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:prod/db-AbCdEf`;
      await assert.rejects(
        h.clients.secrets.send(new CreateSecretCommand({ Name: arnLike })),
        (e) => (e as Error).name === 'InvalidParameterException',
      );
    });
  });

  describe('rendering (tree, tooltips, dialogs, quick picks) shows hostile text literally', () => {
    const secret: SecretResource = {
      kind: 'secret',
      arn: `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:evil\u001b[2J-AbCdEf`,
      name: 'evil\u001b[2J\nname',
      region: REGION,
      description: 'line\nRead-only: forged',
      tags: [],
    };
    const VALUES: ReadonlyArray<[string, string, string]> = [
      ['markdown', '**x** [link](https://example.com)', '**x** [link](https://example.com)'],
      ['HTML', '<img src=x onerror=alert(1)>', '<img src=x onerror=alert(1)>'],
      ['command link', '[quit](command:workbench.action.quit)', '[quit](command:workbench.action.quit)'],
      ['ANSI escape', '\u001b[31mred\u001b[0m', '\\u001b[31mred\\u001b[0m'],
      ['newline forging a tooltip line', 'x\nRead-only: forged', 'x\\nRead-only: forged'],
      ['C1 CSI and separators', '\u009b31m\u2028\u2029\u0000', '\\u009b31m\\u2028\\u2029\\u0000'],
      ['bidirectional override', 'invoice\u202egpj.exe', 'invoice\\u202egpj.exe'],
    ];

    for (const [what, value, shown] of VALUES) {
      it(`${what}: label, description and plain-string tooltip show it literally`, () => {
        const view = presentTag(secret, { key: value, value });
        assert.equal(view.label, shown);
        assert.equal(view.description, shown);
        assert.equal(typeof view.tooltip, 'string');
        assert.equal(
          view.tooltip.split('\n').length,
          2,
          `one line for the tag, one for the resource: ${JSON.stringify(view.tooltip)}`,
        );
        assert.ok(!view.tooltip.split('\n').some((line) => line.startsWith('Read-only')), 'no forged read-only line');
        for (const text of [view.label, view.description ?? '', ...view.tooltip.split('\n')])
          assert.ok(!RAW_CONTROL.test(text), JSON.stringify(text));
        assert.equal(view.contextValue, 'tag');
      });
    }

    it('a hostile secret name and description stay on their own line of the tooltip, escaped', () => {
      const view = presentResource(secret);
      assert.equal(view.label, 'evil\\u001b[2J\\nname');
      assert.deepEqual(view.tooltip.split('\n').slice(1), ['Description: line\\nRead-only: forged']);
      assert.equal(view.contextValue, 'secret');
    });

    it('the confirmation and the result text show keys, values and names literally, one line per tag', () => {
      const tags = VALUES.map(([, value], i) => ({ key: `k${i}${value}`, value }));
      const { message, detail } = confirmationText([{ resource: secret, tags: tags.slice(0, 1) }]);
      assert.equal(message, `Remove tag "k0**x** [link](https://example.com)" from secret "evil\\u001b[2J\\nname"?`);
      const many = confirmationText([{ resource: secret, tags }]);
      const lines = many.detail.split('\n');
      assert.equal(lines.length, tags.length + 2, 'one line per tag, a blank line and the warning');
      for (const [i, [, , shown]] of VALUES.entries())
        assert.equal(lines[i], `evil\\u001b[2J\\nname: k${i}${shown} = ${shown}`);
      for (const text of [message, ...detail.split('\n'), many.message, ...lines])
        assert.ok(!RAW_CONTROL.test(text), JSON.stringify(text));
      const done = resultText([{ request: { resource: secret, tags: tags.slice(3, 4) }, status: 'removed' }]);
      assert.equal(done.message, 'Removed tag "k3\\u001b[31mred\\u001b[0m" from secret "evil\\u001b[2J\\nname".');
    });

    it('quick pick text shows icon syntax and control characters literally', () => {
      assert.equal(pickerText('$(alert) \u001b[31m'), '$\u200b(alert) \\u001b[31m');
      assert.ok(!RAW_CONTROL.test(pickerText('a\nb\u009b')));
    });
  });

  describe('the log', () => {
    it('records tag keys JSON-escaped, and never a tag value', async () => {
      const key = await probeKey();
      const hostile = [
        { key: 'evil\n\u001b[31mkey"', value: 'VALUE-SENTINEL-1\n' },
        { key: 'Plain', value: 'VALUE-SENTINEL-2' },
      ];
      const current = await putTags(h.services, key, hostile);
      await removeTags(h.services, [{ resource: current, tags: hostile }]);
      const lines = newLog();
      assert.ok(
        lines.some((l) =>
          l.includes(`kms:UntagResource ${key.arn} keys=${JSON.stringify(hostile.map((t) => t.key))} -> ok`),
        ),
        lines.join('\n'),
      );
      assert.ok(lines.some((l) => l.includes(`kms:TagResource ${key.arn} keys=`)));
      for (const line of lines) {
        assert.ok(!line.includes('VALUE-SENTINEL'), `a value reached the log: ${line}`);
        assert.ok(!/[\u0000-\u001f]/.test(line), `a raw control character reached the log: ${JSON.stringify(line)}`);
      }
    });

    it('escapes C1 controls (8-bit CSI), line separators and bidirectional overrides in logged keys too', async () => {
      const key = await probeKey();
      const hostile = [
        { key: 'csi\u009b31m', value: 'v' },
        { key: 'forged\u2028[info] kms:UntagResource x -> ok', value: 'v' },
        { key: 'bidi\u202eko >- ', value: 'v' },
      ];
      const current = await putTags(h.services, key, hostile);
      await removeTags(h.services, [{ resource: current, tags: hostile }]);
      const lines = newLog();
      assert.ok(lines.length >= 2);
      for (const line of lines)
        assert.ok(
          !RAW_CONTROL.test(line),
          `a raw control character or separator reached the log: ${JSON.stringify(line)}`,
        );
    });
  });
});
