import js from '@eslint/js';
import tseslint from 'typescript-eslint';

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
);
