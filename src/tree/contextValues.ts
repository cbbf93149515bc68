// Tokens of the nodes' contextValue. package.json matches them with regexes such as /\btag\b/, and a unit test
// checks that every token used there is one of these.
export const Token = {
  scope: 'scope',
  group: 'group',
  secretsGroup: 'secretsGroup',
  kmsGroup: 'kmsGroup',
  secret: 'secret',
  kmsKey: 'kmsKey',
  tag: 'tag',
  readonly: 'readonly',
  awsManaged: 'awsManaged',
  pendingDeletion: 'pendingDeletion',
  error: 'error',
  message: 'message',
} as const;

export type TokenName = (typeof Token)[keyof typeof Token];

export function contextValue(...tokens: Array<TokenName | false | undefined>): string {
  return tokens.filter(Boolean).join(';');
}
