// A CPU profile of the client side of scenario 2 (every key's details), for `node --cpu-prof`:
//   node --cpu-prof --cpu-prof-dir DIR --import tsx test/bench/profileKeys.ts
// The emulator runs in its own process, so the profile holds the SDK and the store only.
import { account } from './accounts';
import { EmulatorProcess } from './emulatorProcess';
import { ours, useEmulatorCredentials } from './ours';

async function main(): Promise<void> {
  useEmulatorCredentials();
  const acct = account({ secrets: 10, customerKeys: 1_500, awsManagedKeys: 500, repeats: 1, cliKeySample: 0 } as never);
  const emulator = await EmulatorProcess.start(process.cwd(), 20);
  try {
    for (let i = 0; i < Number(process.env.RUNS ?? 3); i++) {
      await emulator.reset(acct.seed);
      const o = await ours(emulator.url);
      const store = o.newStore();
      const started = process.cpuUsage();
      await store.loadKeys().done;
      const cpu = process.cpuUsage(started);
      const calls = (await emulator.calls()).length;
      console.log(`run ${i}: ${calls} calls, client CPU ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms`);
      o.destroy();
    }
  } finally {
    await emulator.stop();
  }
}

void main();
