// Every user-visible string in src/commands/ and src/tree/ goes through l10n.t (vscode.l10n.t, or @vscode/l10n's t in
// the modules that stay free of VS Code), so that a translation bundle can replace it. The test parses each file and
// lists the string literals that read like text for a person and are not an argument of a t() call.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

const ROOT = join(__dirname, '../..');
const FOLDERS = ['src/commands', 'src/tree'];

/** Literals that must stay as they are, each with the reason. */
const ALLOWED = new Map<string, string>([
  ['AWS Tags', 'the product name'],
  ['Secrets Manager', 'an AWS service name'],
  ['AWS KMS', 'an AWS service name'],
]);

// Calls whose string arguments are identifiers or go to the log, which VS Code does not localize either.
const NOT_SHOWN_CALLS =
  /^(log|this\.log|deps\.log|logger)\.(trace|debug|info|warn|error|appendLine)$|executeCommand$|registerCommand$|getConfiguration$|\.get$|\.update$|\.inspect$|ThemeIcon$|ThemeColor$|setContext$|Uri\.parse$|require$|startsWith$|endsWith$|includes$|split$|join$|replace$|test$|match$|has$|Error$/;

/** Text meant for a person: a letter-led word, and either a space or a capital first letter. */
function readsLikeText(text: string): boolean {
  return /[A-Za-z]{2,}/.test(text) && (/\s/.test(text.trim()) || /^[A-Z][a-z]/.test(text.trim()));
}

function callName(node: ts.CallExpression | ts.NewExpression): string {
  return node.expression.getText();
}

/** True when `node` is inside an argument of a call (not its callee) that `accept` names, or inside a type. */
function inArgumentOf(node: ts.Node, accept: (name: string) => boolean): boolean {
  for (let child = node, n = node.parent; n; child = n, n = n.parent) {
    if (ts.isTypeNode(n)) return true;
    if ((ts.isCallExpression(n) || ts.isNewExpression(n)) && n.arguments?.some((a) => a === child)) {
      if (accept(callName(n))) return true;
    }
  }
  return false;
}

function excluded(node: ts.Node): boolean {
  const parent = node.parent;
  if (ts.isImportDeclaration(parent) || ts.isExportDeclaration(parent) || ts.isExternalModuleReference(parent)) {
    return true;
  }
  if (ts.isLiteralTypeNode(parent) || (ts.isPropertyAssignment(parent) && parent.name === node)) return true;
  if (ts.isElementAccessExpression(parent) || ts.isCaseClause(parent)) return true;
  if (
    ts.isBinaryExpression(parent) &&
    [ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsEqualsToken].includes(
      parent.operatorToken.kind,
    )
  ) {
    return true;
  }
  return inArgumentOf(node, (name) => /(^|\.)t$/.test(name) || NOT_SHOWN_CALLS.test(name));
}

function literalsIn(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateExpression(node)) {
      const text = ts.isTemplateExpression(node)
        ? [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join('{}')
        : node.text;
      if (readsLikeText(text) && !ALLOWED.has(text) && !excluded(node)) {
        const { line } = source.getLineAndCharacterOfPosition(node.getStart());
        found.push(`${file.slice(ROOT.length + 1)}:${line + 1}: ${node.getText()}`);
      }
      if (ts.isTemplateExpression(node)) node.templateSpans.forEach((s) => visit(s.expression));
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('localization', () => {
  it('leaves no user-visible literal in src/commands/ or src/tree/ outside l10n.t', () => {
    const files = FOLDERS.flatMap((folder) =>
      readdirSync(join(ROOT, folder))
        .filter((name) => name.endsWith('.ts'))
        .map((name) => join(ROOT, folder, name)),
    );
    assert.ok(files.length > 10, 'the folders were found');
    const left = files.flatMap(literalsIn);
    assert.equal(left.length, 0, `${left.length} literals outside l10n.t:\n${left.join('\n')}`);
  });

  it('finds such a literal when there is one (the check itself can fail)', () => {
    const probe = ts.createSourceFile('probe.ts', "notify('Removed the tag.');", ts.ScriptTarget.ES2022, true);
    const literal = (probe.statements[0] as ts.ExpressionStatement).expression as ts.CallExpression;
    const argument = literal.arguments[0];
    assert.ok(readsLikeText((argument as ts.StringLiteral).text));
    assert.equal(excluded(argument), false);
    const wrapped = ts.createSourceFile(
      'probe.ts',
      "notify(l10n.t('Removed the tag.'));",
      ts.ScriptTarget.ES2022,
      true,
    );
    const call = (wrapped.statements[0] as ts.ExpressionStatement).expression as ts.CallExpression;
    assert.equal(excluded((call.arguments[0] as ts.CallExpression).arguments[0]), true);
  });
});
