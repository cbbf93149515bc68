// Policy strings that are matched against request values: actions, resource ARNs and condition values. They may
// hold wildcards (`*`, `?`) and, in 2012-10-17 policies, variables (`${aws:PrincipalTag/Team}`, `${aws:username,
// 'none'}`, and `${*}` `${?}` `${$}` for the literal characters). A string without variables compiles its matcher
// once; one with variables is resolved per principal and resource, since that is what the variable stands for.

import * as context from './requestContext';
import type { ContextKey, PrincipalFacts, ResourceFacts, Unknown } from './requestContext';
import * as tri from './tri';
import type { Tri } from './tri';

const UNKNOWN: Unknown = context.UNKNOWN;
const { NO, MAYBE, YES } = tri;

type Part =
  | { readonly kind: 'pattern'; readonly text: string }
  | { readonly kind: 'literal'; readonly text: string }
  | {
      readonly kind: 'variable';
      readonly name: string;
      readonly key: ContextKey;
      readonly fallback: string | undefined;
    };

/**
 * exact: StringEquals; exactIgnoreCase: StringEqualsIgnoreCase; glob: StringLike and the Resource element;
 * globIgnoreCase: Action; arn: ArnLike/ArnEquals, where a wildcard stays inside one of the six colon-separated parts.
 */
export type MatchMode = 'exact' | 'exactIgnoreCase' | 'glob' | 'globIgnoreCase' | 'arn';

const VARIABLE = /^\s*([^\s,']+)\s*(?:,\s*'([^']*)'\s*)?$/;

export class Template {
  /** True when the template is the bare wildcard, which matches any value (a common Resource). */
  readonly matchesAll: boolean;
  private readonly parts: readonly Part[];
  private readonly plain: string | undefined;
  private readonly wildcard: boolean;
  private readonly compiled = new Map<MatchMode, RegExp>();

  constructor(text: string, variables: boolean) {
    this.parts = variables && text.includes('${') ? parseParts(text) : [{ kind: 'pattern', text }];
    const fixed = this.parts.every((part) => part.kind !== 'variable');
    this.plain = fixed ? this.parts.map((part) => (part as { text: string }).text).join('') : undefined;
    this.wildcard = this.parts.some((part) => part.kind === 'pattern' && /[*?]/.test(part.text));
    this.matchesAll = this.parts.length === 1 && this.plain === '*' && this.wildcard;
  }

  /** Lower-cased resource tag keys the template's variables read. */
  get resourceTagKeys(): string[] {
    return this.parts.flatMap((part) =>
      part.kind === 'variable' && part.key.resourceTagKey ? [part.key.resourceTagKey] : [],
    );
  }

  /** The keys the variables read, as written; what a "maybe" from this template depends on. */
  get variableNames(): string[] {
    return this.parts.flatMap((part) => (part.kind === 'variable' ? [part.name] : []));
  }

  match(value: string, mode: MatchMode, principal?: PrincipalFacts, resource?: ResourceFacts): Tri {
    if (mode === 'exact' || mode === 'exactIgnoreCase' || (this.plain !== undefined && !this.wildcard)) {
      const text = this.plain ?? this.resolve(principal, resource);
      if (text === UNKNOWN) return MAYBE;
      // "When you use a variable with no value in the condition element ... StringEquals or StringLike do not
      // match" (IAM "Policy variables with no value"); the same holds for a Resource ARN.
      if (text === undefined) return NO;
      const ignoreCase = mode === 'exactIgnoreCase' || mode === 'globIgnoreCase';
      return (ignoreCase ? text.toLowerCase() === value.toLowerCase() : text === value) ? YES : NO;
    }
    if (this.plain !== undefined) {
      let regex = this.compiled.get(mode);
      if (!regex) this.compiled.set(mode, (regex = this.regex(mode, principal, resource) as RegExp));
      return regex.test(value) ? YES : NO;
    }
    const regex = this.regex(mode, principal, resource);
    if (regex === UNKNOWN) return MAYBE;
    return regex !== undefined && regex.test(value) ? YES : NO;
  }

  private resolve(principal?: PrincipalFacts, resource?: ResourceFacts): string | undefined | Unknown {
    let text = '';
    for (const part of this.parts) {
      const piece = part.kind === 'variable' ? variableValue(part, principal, resource) : part.text;
      if (piece === undefined || piece === UNKNOWN) return piece;
      text += piece;
    }
    return text;
  }

  private regex(mode: MatchMode, principal?: PrincipalFacts, resource?: ResourceFacts): RegExp | undefined | Unknown {
    const arn = mode === 'arn';
    const state = { source: '^', colons: 0 };
    for (const part of this.parts) {
      const text = part.kind === 'variable' ? variableValue(part, principal, resource) : part.text;
      if (text === undefined || text === UNKNOWN) return text;
      // A variable's value is data, not pattern: a `*` in a tag value is an asterisk.
      appendSource(state, text, part.kind === 'pattern', arn);
    }
    return new RegExp(state.source + '$', mode === 'globIgnoreCase' ? 'is' : 's');
  }
}

function variableValue(
  part: Extract<Part, { kind: 'variable' }>,
  principal: PrincipalFacts | undefined,
  resource: ResourceFacts | undefined,
): string | undefined | Unknown {
  // Without a request (matching actions) nothing can be substituted.
  if (!principal || !resource) return UNKNOWN;
  const value = part.key.read(principal, resource);
  return value === undefined ? part.fallback : value;
}

function appendSource(state: { source: string; colons: number }, text: string, pattern: boolean, arn: boolean): void {
  for (const char of text) {
    if (pattern && (char === '*' || char === '?')) {
      // ArnLike: "Each of the six colon-delimited components of the ARN is checked separately".
      const any = arn && state.colons < 5 ? '[^:]' : '.';
      state.source += char === '*' ? `${any}*` : any;
    } else {
      if (char === ':') state.colons++;
      state.source += /[\\^$.*+?()[\]{}|/]/.test(char) ? `\\${char}` : char;
    }
  }
}

function parseParts(text: string): Part[] {
  const parts: Part[] = [];
  let at = 0;
  while (at < text.length) {
    const open = text.indexOf('${', at);
    const close = open < 0 ? -1 : text.indexOf('}', open + 2);
    if (close < 0) {
      parts.push({ kind: 'pattern', text: text.slice(at) });
      break;
    }
    if (open > at) parts.push({ kind: 'pattern', text: text.slice(at, open) });
    const inner = text.slice(open + 2, close);
    const variable = VARIABLE.exec(inner);
    if (inner === '*' || inner === '?' || inner === '$') {
      parts.push({ kind: 'literal', text: inner });
    } else if (variable) {
      const [, name, fallback] = variable;
      parts.push({ kind: 'variable', name, key: context.contextKey(name), fallback });
    } else {
      parts.push({ kind: 'pattern', text: text.slice(open, close + 1) });
    }
    at = close + 1;
  }
  return parts;
}
