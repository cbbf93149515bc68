// npx tsx test/bench/markdown.ts [file]: the README's Performance table from one benchmark run (default
// bench-results/latest.json), so that the figures there are copied from a file, not typed.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Row } from './types';

interface Result {
  generated: string;
  mode: string;
  latency_ms: number[] | number;
  machine: { cpus: number; loadavg_before: number[]; loadavg_after: number[] };
  rows: Row[];
}

const file = resolve(process.argv[2] ?? resolve(__dirname, '..', '..', 'bench-results', 'latest.json'));
const result = JSON.parse(readFileSync(file, 'utf8')) as Result;
const sec = (v: number | null | undefined): string =>
  v === null || v === undefined ? '-' : v >= 10 ? `${v.toFixed(1)} s` : `${v.toFixed(3)} s`;
const figure = (r: Row): string => (r.ours_s === null ? `${r.value?.toFixed(2)} ${r.unit ?? ''}` : sec(r.ours_s));
const cell = (text: string): string => text.replace(/\|/g, '\\|');

console.log(
  `From one ${result.mode} run of \`npm run bench\` (${result.generated.slice(0, 10)}, ${result.machine.cpus} cores, ` +
    `load average ${result.machine.loadavg_before[0].toFixed(1)} before and ${result.machine.loadavg_after[0].toFixed(1)} after):\n`,
);
console.log('| Row | Latency | Ours | Limit | Ratio | Naive SDK | AWS CLI | Target |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |');
for (const r of result.rows) {
  const latency = r.latency_ms ? `${r.latency_ms} ms` : '-';
  const ratio = r.ratio === null ? '-' : `${r.ratio.toFixed(2)}x`;
  const met = r.met === undefined ? '' : r.met ? 'met' : '**missed**';
  console.log(
    `| ${cell(r.scenario)} | ${latency} | ${figure(r)} | ${sec(r.limit_s)} | ${ratio} | ${sec(r.peers.naive_s)} | ${sec(r.peers.aws_cli_s)} | ${met} |`,
  );
}
