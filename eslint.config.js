// Type-aware lint: the rules that catch real bugs in async, storage and RPC code
// (floating promises, unsafe any at boundaries), not formatting.
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: ['node_modules/**', 'dist/**', 'demo/dist/**', 'coverage/**', 'bench/results/**', '.data/**', '*.config.js'],
  },
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['warn', 'error'] }],
      // The library runs Dexie's ES2018 build (src/store/dexie.ts); a value imported from
      // 'dexie' would be a second Dexie that does not see the library's transactions.
      '@typescript-eslint/no-restricted-imports': ['error', {
        paths: [{ name: 'dexie', message: "Import Dexie from src/store/dexie.ts; only types from 'dexie'.", allowTypeImports: true }],
      }],
    },
  },
  {
    // Tests, benchmarks and scripts print and poke at internals on purpose.
    files: ['test/**', 'bench/**', 'scripts/**'],
    rules: {
      'no-console': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
);
