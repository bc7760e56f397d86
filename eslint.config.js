// @ts-check
// One lint for every room: typescript-eslint's recommended rules on TypeScript, the Astro plugin on
// pages and components, the React rules on the admin's extensions. Formatting is Prettier's job
// (.prettierrc.json); nothing here argues about layout. Run: npm run lint.
import js from '@eslint/js';
import reactPlugin from '@eslint-react/eslint-plugin';
import astro from 'eslint-plugin-astro';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '**/.astro/**',
      '**/.cache/**',
      '**/.tmp/**',
      '**/.strapi/**',
      'cms/types/generated/**',
      'site/src/graphql/generated/**',
      'var/**',
      'coverage/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...astro.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      // `_name` marks a parameter kept for its position in a signature.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // Sanitisers and request guards match control characters on purpose (C0 controls in paths,
      // XML-illegal characters in feeds, spreadsheet cells).
      'no-control-regex': 'off',
      // Chinese text uses the ideographic space U+3000 and no-break spaces in strings, patterns and
      // templates on purpose (the importer normalises them); code outside those stays checked.
      'no-irregular-whitespace': [
        'error',
        { skipStrings: true, skipRegExps: true, skipTemplates: true, skipComments: true, skipJSXText: true },
      ],
    },
  },
  {
    files: ['site/src/**/*.{ts,astro}', 'site/public/**/*.js', 'cms/src/admin/**/*.{ts,tsx}', 'cms/src/plugins/*/admin/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['cms/src/admin/**/*.tsx', 'cms/src/plugins/*/admin/**/*.tsx'],
    ...reactPlugin.configs['recommended-typescript'],
  },
  {
    files: ['cms/src/admin/**/*.tsx', 'cms/src/plugins/*/admin/**/*.tsx'],
    rules: {
      // Naming taste, not correctness.
      '@eslint-react/naming-convention-ref-name': 'off',
      '@eslint-react/naming-convention-id-name': 'off',
      // Rows of the official tables, findings and import reports: lists drawn from fixed templates
      // or one server answer, never reordered or edited in place, so their position is their identity.
      '@eslint-react/no-array-index-key': 'off',
      // Our effects reset or load state when the document in the edit view changes (Strapi keeps the
      // component mounted across documents); react-hooks' rules below check the dependencies.
      '@eslint-react/set-state-in-effect': 'off',
      '@eslint-react/exhaustive-deps': 'off',
      // Strapi's hooks are exported as unstable_useX, which the rule does not take for hooks.
      '@eslint-react/no-unnecessary-use-prefix': 'off',
    },
  },
  {
    files: ['cms/src/admin/**/*.tsx', 'cms/src/plugins/*/admin/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' },
  },
  {
    // Tests reach into Strapi's internals (documents, db.query, services), which are untyped JSON
    // answers; a wrong shape fails the test itself. Product code keeps no-explicit-any.
    files: ['tests/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // CommonJS files Strapi loads from source (plugin server halves, config written as CJS).
    files: ['**/*.cjs', 'cms/src/plugins/*/strapi-server.js'],
    languageOptions: { sourceType: 'commonjs', globals: { ...globals.node } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
