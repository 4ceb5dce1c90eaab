import path from 'node:path'
import { fileURLToPath } from 'node:url'
import js from '@eslint/js'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import tseslint from 'typescript-eslint'

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.data/**', 'coverage/**', 'test-output/**', 'bench/fixtures/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser, defineAppConfig: 'readonly', definePageConfig: 'readonly' } },
    rules: {
      // Keeps TypeBox (and any other runtime) out of the client when only types are needed.
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // Platform differences live only in src/platform/ (see DESIGN.md).
      'no-restricted-globals': ['error', { name: 'wx', message: 'Use src/platform/' }, { name: 'my', message: 'Use src/platform/' }],
      'no-restricted-syntax': ['error', { selector: "MemberExpression[object.object.name='process'][object.property.name='env'][property.name='TARO_ENV']", message: 'Branch on platform only inside src/platform/' }],
    },
  },
  {
    files: ['src/platform/**'],
    rules: { 'no-restricted-globals': 'off', 'no-restricted-syntax': 'off', '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // Type-aware linting for scripts/ only (the release and build tooling, where a promise
    // nobody awaits is an upload, a login or a compile that runs unchecked). The rest of the
    // repository stays on the syntax-only rules.
    files: ['scripts/**/*.ts'],
    languageOptions: { parserOptions: { project: './tsconfig.server.json', tsconfigRootDir: path.dirname(fileURLToPath(import.meta.url)) } },
    rules: { '@typescript-eslint/no-floating-promises': 'error' },
  },
  {
    files: ['test/**', 'bench/**', 'scripts/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off', '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Migrations are frozen in time and typed `Kysely<any>` on purpose (Kysely's convention):
    // they must not depend on today's Database type.
    files: ['server/db/migrations/**', 'server/db/migrator.ts', 'server/db/dialect.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
)
