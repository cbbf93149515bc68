// typescript-eslint with type information, so that floating promises are caught.
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', '.cache/**', 'node_modules/**', 'scripts/**', '*.mjs'] },
  ...tseslint.configs.recommended,
  {
    files: ['src/**/*.ts', 'test/**/*.{ts,mts}'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      eqeqeq: 'error',
    },
  },
  {
    // The AWS layer must stay free of VS Code so it can be tested and benchmarked under plain Node.
    files: ['src/aws/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'vscode', message: 'src/aws/ must not depend on VS Code.' }] },
      ],
    },
  },
  {
    // Notifications render "[text](command:...)" as a link that runs the command; tag text must not become one.
    files: ['src/**/*.ts'],
    ignores: ['src/commands/messages.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'MemberExpression[property.name=/^show(Information|Warning|Error)Message$/]',
          message:
            'Use notify() or askModal() from src/commands/messages.ts, which keep tag text from turning into links.',
        },
      ],
    },
  },
);
