// `npm run lint`: typescript-eslint with type information, a few rules that each catch a real mistake. The layering
// rules (who may import whom) are dependency-cruiser's, in .dependency-cruiser.cjs (`npm run deps`).
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

export default defineConfig(
  { ignores: ['dist/**', 'node_modules/**', 'tmp/**', 'data/**', 'src/charts/png-worker.mjs'] },
  {
    files: ['**/*.ts'],
    languageOptions: {
      parser: tseslint.parser,
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { '@typescript-eslint': tseslint.plugin },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // A promise nobody awaits or handles: its failure is lost (an unhandled rejection ends the process). One left
      // running on purpose says so with `void` and a comment.
      '@typescript-eslint/no-floating-promises': 'error',
      // A promise where a plain value is expected: an async callback to an event emitter or `if (promise)`, always true.
      '@typescript-eslint/no-misused-promises': 'error',
      // `await` on something that is not a promise: usually a missing call or a wrong function.
      '@typescript-eslint/await-thenable': 'error',
      // Unused imports, variables and parameters: dead code, or a value computed and then forgotten.
      '@typescript-eslint/no-unused-vars': ['error', { args: 'after-used', argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true }],
    },
  },
);
