import { AwsError, validationError } from './errors';
import type { EmulatorState, KeyRecord, RegionState, SecretRecord } from './state';

export type Input = Record<string, unknown>;

export interface OpContext {
  state: EmulatorState;
  regionName: string;
  region: RegionState;
  now: number;
  principal: string;
  /** Frozen ListSecrets view when the stale-listing mode is on. */
  staleSecrets?: Map<string, SecretRecord>;
  emptyListPages: boolean;
  /** What this read sees of a record: the record itself, or its state before a recent write when reads lag. */
  view<T extends SecretRecord | KeyRecord>(live: T): T;
  /** True when `view` may answer older versions of records, which indexes over the live records do not know. */
  lagging?: boolean;
}

/** undefined means an empty 200 body, as AWS sends for operations without output. */
export type Handler = (ctx: OpContext, input: Input) => object | undefined;

// Request validation paths use lowerCamel member names, as AWS's messages do.
const pathOf = (member: string): string => member[0].toLowerCase() + member.slice(1);

function typeError(member: string, expected: string): AwsError {
  return new AwsError('SerializationException', `Expected ${expected} for ${member}`);
}

export function optString(input: Input, member: string, max?: number): string | undefined {
  const v = input[member];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw typeError(member, 'string');
  if (max !== undefined && [...v].length > max) {
    throw validationError(v, pathOf(member), `Member must have length less than or equal to ${max}`);
  }
  return v;
}

export function reqString(input: Input, member: string, max?: number): string {
  const v = optString(input, member, max);
  if (v === undefined) throw validationError(undefined, pathOf(member), 'Member must not be null');
  if (v.length === 0) throw validationError(v, pathOf(member), 'Member must have length greater than or equal to 1');
  return v;
}

export function optInt(input: Input, member: string, min: number, max: number): number | undefined {
  const v = input[member];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number' || !Number.isInteger(v)) throw typeError(member, 'integer');
  if (v < min) throw validationError(v, pathOf(member), `Member must have value greater than or equal to ${min}`);
  if (v > max) throw validationError(v, pathOf(member), `Member must have value less than or equal to ${max}`);
  return v;
}

export function optBool(input: Input, member: string): boolean | undefined {
  const v = input[member];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'boolean') throw typeError(member, 'boolean');
  return v;
}

export function optArray(input: Input, member: string): unknown[] | undefined {
  const v = input[member];
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v)) throw typeError(member, 'list');
  return v;
}

export function reqArray(input: Input, member: string): unknown[] {
  const v = optArray(input, member);
  if (v === undefined) throw validationError(undefined, pathOf(member), 'Member must not be null');
  return v;
}

export function stringList(input: Input, member: string): string[] {
  return reqArray(input, member).map((x) => {
    if (typeof x !== 'string') throw typeError(member, 'list of strings');
    return x;
  });
}

/** Offset-based page tokens; opaque to clients as AWS's are. */
export function encodeToken(offset: number): string {
  return Buffer.from(JSON.stringify({ o: offset })).toString('base64');
}

export function decodeToken(token: string | undefined, errorName: string, message: string): number {
  if (token === undefined) return 0;
  try {
    const o = (JSON.parse(Buffer.from(token, 'base64').toString('utf8')) as { o?: unknown }).o;
    if (typeof o === 'number' && Number.isInteger(o) && o >= 0) return o;
  } catch {
    // fall through to the error AWS gives for a token it did not issue
  }
  throw new AwsError(errorName, message);
}

export function parsePolicy(text: string, errorMessage: string): void {
  try {
    const doc: unknown = JSON.parse(text);
    if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) throw new Error('not an object');
  } catch {
    throw new AwsError('MalformedPolicyDocumentException', errorMessage);
  }
}
