import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';

export default tseslint.config(
  { ignores: ['node_modules', 'generated', 'dist', '.tools', 'data'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Workflow handlers read state that the procedure assigns later.
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
    },
  },
  {
    // Type-aware rules, each file under its own tsconfig (the server's, or web/'s with the DOM).
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // A promise nobody awaits loses its error and its ordering; `void` says it is meant.
      '@typescript-eslint/no-floating-promises': 'error',
    },
  },
  {
    // Workflow code is replayed: nothing non-deterministic, no I/O — only types from outside.
    files: ['workflows/**/*.ts'],
    ignores: ['workflows/**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [...builtinModules, ...builtinModules.map((m) => `node:${m}`)].map((name) => ({
            name,
            message: 'Workflow code is deterministic: Node built-ins belong in activities.',
          })),
          patterns: [
            {
              group: [
                '@temporalio/activity',
                '@temporalio/client',
                '@temporalio/worker',
                '@prisma/*',
                '**/generated/**',
                '**/activities/**',
                '**/api/**',
              ],
              allowTypeImports: true,
              message: 'Workflow code runs in the workflow sandbox: call activities through proxyActivities, import only their types.',
            },
          ],
        },
      ],
    },
  },
  {
    // Only the workflow decides a case's or a matter's state; an activity persists the one it is handed.
    files: ['activities/**/*.ts'],
    ignores: ['activities/**/*.test.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "Property[key.name='state'][value.type='Literal']",
          message: 'Only the workflow decides the state: persist the state the workflow hands the activity (args.state).',
        },
      ],
    },
  },
);
