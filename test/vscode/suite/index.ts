// The extension-host suite entry: VS Code calls `run()` inside the extension host (the contract of
// @vscode/test-electron, also honoured by the VS Code server through the `extensionTestsPath` payload).
// The suite is bundled into one file, so test files are imported here rather than found on disk; they are
// imported only after Mocha has put its globals (suite/test, describe/it, hooks) in place.
import { format } from 'node:util';
import Mocha from 'mocha';

/** The runner of the VS Code server tests parses this line to count the suite's tests. */
export const RESULT_PREFIX = 'extension-host suite result:';
/** Marks the reporter's lines, so the runner can tell them from the rest of the workbench's console. */
export const REPORT_PREFIX = '[suite] ';

async function loadTests(): Promise<void> {
  await import('./activation.test.js');
  await import('./tree.test.js');
  await import('./removeTag.test.js');
  await import('./editing.test.js');
  await import('./bulkAndFilter.test.js');
  await import('./policy.test.js');
  await import('./scopes.test.js');
  await import('./identityCenter.test.js');
  await import('./faults.test.js');
  await import('./hostile.test.js');
  await import('./harshAws.test.js');
  await import('./workspaceEndpoint.test.js');
  await import('./credentialHelper.test.js');
  await import('./accessImpact.test.js');
  await import('./listingCache.test.js');
  await import('./load.test.js');
  await import('./manyScopes.test.js');
  await import('./secretValues.test.js');
}

export async function run(): Promise<void> {
  Mocha.reporters.Base.consoleLog = (...data: unknown[]) => console.log(REPORT_PREFIX + format(...data));
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 30_000, reporter: 'spec' });
  Mocha.interfaces.bdd(mocha.suite);
  const grep = process.env.AWS_TAGS_TEST_GREP;
  if (grep) mocha.grep(grep);
  mocha.suite.emit('pre-require', globalThis, 'extension-host-suite', mocha);
  await loadTests();

  const stats = await new Promise<Mocha.Stats>((resolve) => {
    const runner = mocha.run(() => resolve(runner.stats ?? ({ passes: 0, failures: 1, pending: 0 } as Mocha.Stats)));
  });
  const { passes, failures, pending } = stats;
  console.log(`${RESULT_PREFIX} ${JSON.stringify({ passes, failures, pending })}`);
  if (failures > 0) throw new Error(`${failures} extension-host test(s) failed`);
}
