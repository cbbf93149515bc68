// Policy text in, normalised policy out. IAM hands policies over as strings, and GetAccountAuthorizationDetails
// URL-encodes them (RFC 3986); everything downstream wants lists, never "string or list", so that is settled here
// once, with errors that say which statement is wrong.

import type { NormalizedPolicy, NormalizedPrincipals, NormalizedStatement } from './types';

export class PolicyParseError extends Error {
  override readonly name = 'PolicyParseError';
}

/** Parses policy JSON as Secrets Manager (GetResourcePolicy) and KMS (GetKeyPolicy) return it. */
export function parsePolicy(json: string): NormalizedPolicy {
  let document: unknown;
  try {
    document = JSON.parse(json);
  } catch (error) {
    throw new PolicyParseError(`Policy is not valid JSON: ${(error as Error).message}`);
  }
  return normalizePolicy(document);
}

/** Parses a policy document as IAM's GetAccountAuthorizationDetails returns it: URL-encoded JSON. */
export function parseUrlEncodedPolicy(encoded: string): NormalizedPolicy {
  // AWS's encoding starts "%7B"; some other implementations send the JSON itself, which must not be decoded (a "%"
  // in it would be read as an escape).
  if (encoded.trimStart().startsWith('{')) return parsePolicy(encoded);
  let json: string;
  try {
    json = decodeURIComponent(encoded);
  } catch {
    throw new PolicyParseError('Policy is not URL-encoded text: it has a "%" that starts no valid escape');
  }
  return parsePolicy(json);
}

/** Checks and normalises an already parsed document (an object, as from JSON.parse). */
export function normalizePolicy(document: unknown): NormalizedPolicy {
  if (!isObject(document)) throw new PolicyParseError('Policy must be a JSON object');
  const version = document.Version;
  if (version !== undefined && typeof version !== 'string') throw new PolicyParseError('Version must be a string');
  const raw = document.Statement;
  if (raw === undefined) throw new PolicyParseError('Policy has no Statement');
  const list = Array.isArray(raw) ? raw : [raw];
  return { version, statements: list.map((statement, index) => normalizeStatement(statement, index)) };
}

function normalizeStatement(statement: unknown, index: number): NormalizedStatement {
  const where = `Statement ${index}`;
  if (!isObject(statement)) throw new PolicyParseError(`${where} must be an object`);
  const effect = statement.Effect;
  if (effect !== 'Allow' && effect !== 'Deny') throw new PolicyParseError(`${where}: Effect must be Allow or Deny`);
  const sid = statement.Sid;
  if (sid !== undefined && typeof sid !== 'string') throw new PolicyParseError(`${where}: Sid must be a string`);
  const actions = stringList(statement.Action, `${where}: Action`);
  const notActions = stringList(statement.NotAction, `${where}: NotAction`);
  if ((actions === undefined) === (notActions === undefined)) {
    throw new PolicyParseError(`${where} needs exactly one of Action and NotAction`);
  }
  const resources = stringList(statement.Resource, `${where}: Resource`);
  const notResources = stringList(statement.NotResource, `${where}: NotResource`);
  if (resources && notResources) throw new PolicyParseError(`${where} has both Resource and NotResource`);
  const principals = principalList(statement.Principal, `${where}: Principal`);
  const notPrincipals = principalList(statement.NotPrincipal, `${where}: NotPrincipal`);
  if (principals && notPrincipals) throw new PolicyParseError(`${where} has both Principal and NotPrincipal`);
  return {
    sid,
    effect,
    actions,
    notActions,
    resources,
    notResources,
    principals,
    notPrincipals,
    conditions: conditionBlock(statement.Condition, `${where}: Condition`),
  };
}

function stringList(value: unknown, where: string): readonly string[] | undefined {
  if (value === undefined) return undefined;
  const list = Array.isArray(value) ? value : [value];
  if (!list.every((item) => typeof item === 'string')) throw new PolicyParseError(`${where} must hold strings`);
  return list as string[];
}

function principalList(value: unknown, where: string): NormalizedPrincipals | undefined {
  if (value === undefined) return undefined;
  if (value === '*') return { AWS: ['*'] };
  if (!isObject(value)) throw new PolicyParseError(`${where} must be "*" or an object`);
  const principals: Record<string, readonly string[]> = {};
  for (const [type, ids] of Object.entries(value)) principals[type] = stringList(ids, `${where}.${type}`) ?? [];
  return principals;
}

function conditionBlock(value: unknown, where: string): NormalizedStatement['conditions'] {
  if (value === undefined) return {};
  if (!isObject(value)) throw new PolicyParseError(`${where} must be an object`);
  const block: Record<string, Record<string, readonly string[]>> = {};
  for (const [operator, keys] of Object.entries(value)) {
    if (!isObject(keys)) throw new PolicyParseError(`${where}.${operator} must be an object of condition keys`);
    const byKey: Record<string, readonly string[]> = {};
    for (const [key, raw] of Object.entries(keys)) {
      const list = Array.isArray(raw) ? raw : [raw];
      if (!list.every((item) => ['string', 'number', 'boolean'].includes(typeof item))) {
        throw new PolicyParseError(`${where}.${operator}.${key} must hold strings, numbers or booleans`);
      }
      // IAM compares `true` and "true", `5` and "5" alike; strings keep one comparison path.
      byKey[key] = list.map(String);
    }
    block[operator] = byKey;
  }
  return block;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
