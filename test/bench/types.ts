// Shapes shared by the benchmark's scenarios, peers and report.
import type { Account } from './accounts';
import type { EmulatorProcess } from './emulatorProcess';
import type { AwsCli } from './peers/awsCli';

export interface PeerFigures {
  /** The same SDK, one call at a time. */
  naive_s: number | null;
  /** The AWS CLI, timed as whole processes. */
  aws_cli_s: number | null;
}

export interface Row {
  scenario: string;
  /** The latency per call the row was measured at; null for rows that make no AWS call. */
  latency_ms?: number | null;
  /** Seconds; null for rows that measure a size rather than a time. */
  ours_s: number | null;
  /** The physical limit from the call graph, latency and quotas (see `limit_formula`). */
  limit_s: number | null;
  /** ours / limit. */
  ratio: number | null;
  peers: PeerFigures;
  limit_formula?: string;
  /** For size rows: the measured value and its unit. */
  value?: number;
  unit?: string;
  /** For the emulator's processing rows: the 95th percentile beside the median in `value`. */
  p95_ms?: number;
  /** The target for this row, in words, and whether this run met it. */
  target?: string;
  met?: boolean;
  /** AWS calls our code made (from the emulator's call log). */
  calls?: number;
  /** CPU time of the client process during our run: what bounds work that is neither latency- nor quota-bound. */
  client_cpu_s?: number;
  /**
   * The emulator's measured response times (configured latency plus its own processing) summed along the
   * critical chain of calls: the limit this particular server allows, for comparison with `limit_s`.
   */
  server_chain_s?: number;
  notes?: string[];
}

export interface Sizes {
  secrets: number;
  customerKeys: number;
  awsManagedKeys: number;
  removalSecrets: number;
  removalKeys: number;
  /** Keys (scenario 2) and resources (scenario 4) the AWS CLI is run on before extrapolating. */
  cliKeySample: number;
  cliRemovalSample: number;
  /** Repetitions of the short scenarios; the median is reported. */
  repeats: number;
}

export interface BenchOptions {
  quick: boolean;
  latencyMs: number;
  sizes: Sizes;
  /** Skip the AWS CLI peer (when it is not installed). */
  withCli: boolean;
}

/** What every scenario gets. */
export interface BenchContext {
  options: BenchOptions;
  latency: number;
  emulator: EmulatorProcess;
  account: Account;
  /** Undefined when the AWS CLI is not installed. */
  cli: AwsCli | undefined;
  /** Progress lines while the run goes on. */
  say(line: string): void;
}
