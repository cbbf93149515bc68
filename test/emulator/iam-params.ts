// Reading and checking IAM's request parameters: flat form fields, lists as `Name.member.N`.
import { AwsError, validationError } from './errors';
import type { IamTag } from './iam-state';
import { decodeToken, encodeToken } from './ops';

export type Params = Record<string, unknown>;

// Validation messages name members in lowerCamel, as AWS's do.
const camel = (member: string): string => member[0].toLowerCase() + member.slice(1);

export function optParam(p: Params, member: string): string | undefined {
  const v = p[member];
  return typeof v === 'string' ? v : undefined;
}

export function param(p: Params, member: string): string {
  const v = optParam(p, member);
  if (v === undefined) throw validationError(undefined, camel(member), 'Member must not be null');
  return v;
}

/** `Filter.member.1`, `Filter.member.2`, ... in order. */
export function memberList(p: Params, member: string): string[] {
  const out: string[] = [];
  for (let i = 1; typeof p[`${member}.member.${i}`] === 'string'; i++) out.push(p[`${member}.member.${i}`] as string);
  return out;
}

/** `Tags.member.N.Key` / `Tags.member.N.Value`. */
export function tagList(p: Params): IamTag[] {
  const out: IamTag[] = [];
  for (let i = 1; typeof p[`Tags.member.${i}.Key`] === 'string'; i++) {
    out.push({ Key: p[`Tags.member.${i}.Key`] as string, Value: optParam(p, `Tags.member.${i}.Value`) ?? '' });
  }
  return out;
}

/** One page of `items` by `MaxItems` (1..1000, default 100) and `Marker`, with IsTruncated and the next Marker. */
export function page<T>(p: Params, items: T[]): { items: T[]; IsTruncated: boolean; Marker?: string } {
  const raw = optParam(p, 'MaxItems');
  const max = raw === undefined ? 100 : Number(raw);
  if (!Number.isInteger(max) || max < 1)
    throw validationError(raw, 'maxItems', 'Member must have value greater than or equal to 1');
  if (max > 1000) throw validationError(raw, 'maxItems', 'Member must have value less than or equal to 1000');
  const start = decodeToken(optParam(p, 'Marker'), 'ValidationException', 'Invalid Marker.');
  const end = start + max;
  return {
    items: items.slice(start, end),
    IsTruncated: end < items.length,
    Marker: end < items.length ? encodeToken(end) : undefined,
  };
}

export function checkName(value: string, member: string, max: number): void {
  if (value.length < 1) throw validationError(value, member, 'Member must have length greater than or equal to 1');
  if (value.length > max) throw validationError(value, member, `Member must have length less than or equal to ${max}`);
  if (!/^[\w+=,.@-]+$/.test(value))
    throw validationError(value, member, 'Member must satisfy regular expression pattern: [\\w+=,.@-]+');
}

export function checkPath(path: string): void {
  if (path.length > 512 || !/^(\/|\/[\u0021-\u007e]+\/)$/.test(path))
    throw validationError(
      path,
      'path',
      'Member must satisfy regular expression pattern: (\\u002F)|(\\u002F[\\u0021-\\u007E]+\\u002F)',
    );
}

/**
 * IAM accepts JSON with a Statement whose entries each have an Effect; identity policies name no principal.
 * Anything else is MalformedPolicyDocument, as IAM's policy grammar check answers.
 */
export function checkPolicyDocument(text: string, identityPolicy: boolean): void {
  const malformed = (message: string) => new AwsError('MalformedPolicyDocument', message);
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    throw malformed('Syntax errors in policy.');
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) throw malformed('Syntax errors in policy.');
  const statement = (doc as { Statement?: unknown }).Statement;
  const statements = Array.isArray(statement) ? statement : statement === undefined ? [] : [statement];
  if (statements.length === 0) throw malformed('Syntax errors in policy.');
  for (const s of statements as Array<Record<string, unknown>>) {
    if (typeof s !== 'object' || s === null || (s.Effect !== 'Allow' && s.Effect !== 'Deny'))
      throw malformed('Syntax errors in policy.');
    if (identityPolicy && ('Principal' in s || 'NotPrincipal' in s))
      throw malformed('Policy document should not specify a principal.');
  }
}
