import js from '@eslint/js'
import pluginVue from 'eslint-plugin-vue'
import globals from 'globals'
import tseslint from 'typescript-eslint'

/** Files that may import Electron: the thin shell and the preload. Everything else is plain code. */
const SHELL_FILES = ['electron/main/shell/**/*.ts', 'electron/preload/**/*.ts']

const noElectron = {
  name: 'electron',
  message: 'Only the shell (electron/main/shell) and the preload may import electron; keep this module plain so tests can run it.',
}

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'bench-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...pluginVue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser } },
  },
  {
    languageOptions: { globals: { ...globals.node }, ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'vue/multi-word-component-names': 'off',
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off',
    },
  },
  {
    // Layering: nothing imports electron outside the shell.
    files: ['**/*.ts', '**/*.vue', '**/*.js'],
    ignores: SHELL_FILES,
    rules: {
      'no-restricted-imports': ['error', { paths: [noElectron], patterns: [{ group: ['electron/*'], message: noElectron.message }] }],
    },
  },
  {
    // The renderer runs in a sandboxed page: it talks to main only through window.crm and shares only types.
    files: ['renderer/**/*.ts', 'renderer/**/*.vue', 'renderer/public/**/*.js', 'test/unit/renderer/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron],
          patterns: [
            {
              group: ['**/electron/main', '**/electron/main/**', '**/electron/preload', '**/electron/preload/**'],
              message: 'The renderer may import only electron/shared (the IPC contract and record types).',
            },
            { group: ['node:*'], message: 'The renderer has no Node.js.' },
          ],
        },
      ],
    },
  },
  {
    // Shared code runs in every runtime, so it imports neither main nor renderer.
    files: ['electron/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron],
          patterns: [{ group: ['**/main/**', '**/renderer/**', '**/preload/**', 'node:*'], message: 'electron/shared must stay runtime-neutral.' }],
        },
      ],
    },
  },
  {
    // Main never reaches into the renderer (IndexedDB lives there).
    files: ['electron/main/**/*.ts'],
    ignores: SHELL_FILES,
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [noElectron], patterns: [{ group: ['**/renderer/**', 'dexie'], message: 'Main never touches the renderer or IndexedDB.' }] },
      ],
    },
  },
)
