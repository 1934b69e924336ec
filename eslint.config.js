// Lint that catches lost writes: a promise nobody awaits (a Dexie write whose failure vanishes) is the classic way a
// local-first app loses data, so no-floating-promises and no-misused-promises are errors, with type information.
// Also Vue's recommended rules and the layer boundaries of shared/architecture.md (tests/architecture.test.ts checks
// the same rules by reading imports; this gives the message in the editor).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import pluginVue from 'eslint-plugin-vue';
import globals from 'globals';

const layer = (files, patterns, message) => ({
  files,
  rules: { 'no-restricted-imports': ['error', { patterns: [{ group: patterns, message }] }] },
});

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'reports/**', 'coverage/**', 'tests/e2e/artifacts/**', '.stryker-tmp*/**', 'public/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...pluginVue.configs['flat/recommended'],
  {
    files: ['**/*.{ts,vue,js,mjs}'],
    languageOptions: {
      globals: { ...globals.browser, ...globals.node },
      parserOptions: {
        projectService: { allowDefaultProject: ['*.js', '*.mjs', 'tests/e2e/*.mjs'] },
        tsconfigRootDir: import.meta.dirname,
        extraFileExtensions: ['.vue'],
        parser: tseslint.parser,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Formatting is not the linter's job here; these Vue rules only restate the code's existing layout.
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/multiline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off',
      'vue/html-indent': 'off',
      'vue/html-closing-bracket-newline': 'off',
      'vue/first-attribute-linebreak': 'off',
      'vue/attribute-hyphenation': 'off',
      'vue/v-on-event-hyphenation': 'off',
      // User text is never rendered as HTML (reliability.md): no v-html anywhere.
      'vue/no-v-html': 'error',
    },
  },
  { files: ['**/*.vue'], languageOptions: { parserOptions: { parser: tseslint.parser } } },
  { files: ['**/*.js', '**/*.mjs'], ...tseslint.configs.disableTypeChecked },
  layer(['src/domain/**'], ['vue', 'pinia', 'dexie', 'echarts', 'echarts/*', 'vue-i18n', 'vue-router', '@/db/*', '@/stores/*', '@/components/*', '@/views/*', '@/charts/*', '@/composables/*', '@/i18n/*', '@/documents/*'], 'The domain is pure TypeScript: no framework, storage, charts or UI (architecture.md).'),
  layer(['src/db/**'], ['vue', 'pinia', 'echarts', 'echarts/*', 'vue-i18n', 'vue-router', '@/stores/*', '@/components/*', '@/views/*', '@/charts/*', '@/composables/*'], 'Repositories know nothing of the UI (architecture.md).'),
  layer(['src/stores/**'], ['@/components/*', '@/views/*', '@/charts/*', '@/db/database', 'dexie'], 'Stores reach storage only through repositories (architecture.md).'),
  layer(['src/charts/**'], ['@/stores/*', '@/db/*', '@/views/*', 'dexie'], 'Charts are pure option builders and one component (architecture.md).'),
  layer(['src/components/**'], ['@/db/*', 'dexie', '@/views/*'], 'Components never touch the database (architecture.md).'),
  layer(['src/views/**'], ['@/db/*', 'dexie', '@/views/*'], 'Views go through stores, and never import each other (architecture.md).'),
  layer(['src/documents/**'], ['@/db/*', '@/stores/*', 'vue', 'pinia', 'dexie', '@/components/*', '@/views/*'], 'Documents are pure descriptions built from records (architecture.md).'),
);
