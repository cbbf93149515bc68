// A statement's Condition block, compiled once and evaluated per principal and resource in three-valued logic.
// Rules followed (IAM "Condition operators", "Conditions with multiple context keys or values", "Single-valued vs.
// multivalued context keys"):
// - operators AND, keys within an operator AND, values of one key OR; a negated operator's values NOR;
// - a key absent from the request fails the condition, except that negated operators (StringNotEquals,
//   ArnNotLike, ...) then succeed, ...IfExists succeeds, and Null tests presence itself;
// - ForAllValues is true for an absent or empty key, ForAnyValue false.
// Every key this tool knows is single-valued, so a set operator sees a set of at most one value.

import * as context from './requestContext';
import type { KeyReader, PrincipalFacts, ResourceFacts, Unknown } from './requestContext';
import { Template, type MatchMode } from './template';
import * as tri from './tri';
import type { OpenKeys, Tri } from './tri';

const UNKNOWN: Unknown = context.UNKNOWN;
const { NO, MAYBE, YES, not } = tri;

type Family = 'string' | 'numeric' | 'date' | 'bool' | 'null' | 'unsupported';
type Compare = 'eq' | 'lt' | 'le' | 'gt' | 'ge';

interface Operator {
  readonly family: Family;
  readonly negated: boolean;
  readonly mode?: MatchMode;
  readonly compare?: Compare;
}

const str = (mode: MatchMode, negated = false): Operator => ({ family: 'string', mode, negated });
const num = (family: 'numeric' | 'date', compare: Compare, negated = false): Operator => ({ family, compare, negated });

const OPERATORS: Readonly<Record<string, Operator>> = {
  stringequals: str('exact'),
  stringnotequals: str('exact', true),
  stringequalsignorecase: str('exactIgnoreCase'),
  stringnotequalsignorecase: str('exactIgnoreCase', true),
  stringlike: str('glob'),
  stringnotlike: str('glob', true),
  // "ArnEquals, ArnLike: Case-sensitive matching of the ARN": the two behave alike, wildcards included.
  arnequals: str('arn'),
  arnlike: str('arn'),
  arnnotequals: str('arn', true),
  arnnotlike: str('arn', true),
  numericequals: num('numeric', 'eq'),
  numericnotequals: num('numeric', 'eq', true),
  numericlessthan: num('numeric', 'lt'),
  numericlessthanequals: num('numeric', 'le'),
  numericgreaterthan: num('numeric', 'gt'),
  numericgreaterthanequals: num('numeric', 'ge'),
  dateequals: num('date', 'eq'),
  datenotequals: num('date', 'eq', true),
  datelessthan: num('date', 'lt'),
  datelessthanequals: num('date', 'le'),
  dategreaterthan: num('date', 'gt'),
  dategreaterthanequals: num('date', 'ge'),
  bool: { family: 'bool', negated: false },
  null: { family: 'null', negated: false },
};

// IpAddress, BinaryEquals and anything unrecognised: no key this tool knows holds such values, so the answer is
// left open rather than guessed.
const UNSUPPORTED: Operator = { family: 'unsupported', negated: false };

export class CompiledCondition {
  /** Lower-cased resource tag keys read by the key or by variables in the values. */
  readonly resourceTagKeys: readonly string[];
  private readonly read: KeyReader;
  /** String and ARN operators only: the values with their wildcards and variables. */
  private readonly templates: readonly Template[];

  constructor(
    /** The key as the policy spells it; what a `dependsOn` answer names. */
    readonly key: string,
    private readonly operator: Operator,
    private readonly ifExists: boolean,
    private readonly set: 'any' | 'all' | undefined,
    private readonly values: readonly string[],
    variables: boolean,
  ) {
    const compiledKey = context.contextKey(key);
    this.read = compiledKey.read;
    this.templates = operator.family === 'string' ? values.map((value) => new Template(value, variables)) : [];
    const tagKeys = this.templates.flatMap((template) => template.resourceTagKeys);
    if (compiledKey.resourceTagKey) tagKeys.push(compiledKey.resourceTagKey);
    this.resourceTagKeys = tagKeys;
  }

  /** Adds what a "maybe" depends on to `unknownKeys`: the key, or the unknown variables in the values. */
  evaluate(principal: PrincipalFacts, resource: ResourceFacts, unknownKeys: OpenKeys): Tri {
    const { operator } = this;
    const value = operator.family === 'unsupported' ? UNKNOWN : this.read(principal, resource);
    if (value === UNKNOWN) {
      unknownKeys.add(this.key);
      return MAYBE;
    }
    if (operator.family === 'null') {
      const wanted = value === undefined ? 'true' : 'false';
      return this.values.some((v) => v.toLowerCase() === wanted) ? YES : NO;
    }
    if (value === undefined) {
      if (this.ifExists || this.set === 'all') return YES;
      if (this.set === 'any') return NO;
      return operator.negated ? YES : NO;
    }
    const matched = this.anyValueMatches(value, principal, resource, unknownKeys);
    return operator.negated ? not(matched) : matched;
  }

  private anyValueMatches(
    value: string,
    principal: PrincipalFacts,
    resource: ResourceFacts,
    unknownKeys: OpenKeys,
  ): Tri {
    const { operator, values } = this;
    let result = NO;
    for (let i = 0; i < values.length; i++) {
      let outcome: Tri;
      if (operator.family === 'string') {
        const template = this.templates[i];
        outcome = template.match(value, operator.mode as MatchMode, principal, resource);
        if (outcome === MAYBE) unknownKeys.addAll(template.variableNames);
      } else if (operator.family === 'bool') {
        outcome = value.toLowerCase() === values[i].toLowerCase() ? YES : NO;
      } else {
        outcome = compareOrdered(operator, value, values[i]) ? YES : NO;
      }
      if (outcome === YES) return YES;
      if (outcome === MAYBE) result = MAYBE;
    }
    return result;
  }
}

export function compileConditions(
  block: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>,
  variables: boolean,
): CompiledCondition[] {
  const compiled: CompiledCondition[] = [];
  for (const [name, keys] of Object.entries(block)) {
    let rest = name.toLowerCase();
    const set = rest.startsWith('foranyvalue:') ? 'any' : rest.startsWith('forallvalues:') ? 'all' : undefined;
    if (set) rest = rest.slice(rest.indexOf(':') + 1);
    const ifExists = rest !== 'null' && rest.endsWith('ifexists');
    if (ifExists) rest = rest.slice(0, -'ifexists'.length);
    const operator = OPERATORS[rest] ?? UNSUPPORTED;
    for (const [key, values] of Object.entries(keys)) {
      compiled.push(new CompiledCondition(key, operator, ifExists, set, values, variables));
    }
  }
  return compiled;
}

function compareOrdered(operator: Operator, actual: string, expected: string): boolean {
  const toNumber = operator.family === 'date' ? dateValue : Number;
  const a = toNumber(actual);
  const b = toNumber(expected);
  if (Number.isNaN(a) || Number.isNaN(b)) return false;
  switch (operator.compare) {
    case 'lt':
      return a < b;
    case 'le':
      return a <= b;
    case 'gt':
      return a > b;
    case 'ge':
      return a >= b;
    default:
      return a === b;
  }
}

/** IAM dates are ISO 8601 or epoch seconds. */
function dateValue(text: string): number {
  return /^\d+$/.test(text) ? Number(text) * 1000 : Date.parse(text);
}
