// @ts-check
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import i18next from 'eslint-plugin-i18next';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * The layers of ARCHITECTURE.md, enforced (after VS Code's code-layering rule):
 * src-shared imports nothing of the others; services never touch Electron; the renderer sees
 * only src-shared and itself.
 */
const restrict = (patterns, { electron = false } = {}) => ({
  'no-restricted-imports': ['error', { patterns, paths: electron ? [electronModule] : [] }],
});

const nodeBuiltins = {
  group: [
    'node:*',
    'fs',
    'path',
    'os',
    'child_process',
    'crypto',
    'net',
    'http',
    'https',
    'stream',
    'url',
    'worker_threads',
  ],
  message: 'Node built-ins are not available here (layer rule, see ARCHITECTURE.md).',
};
const electronMessage =
  "Only src-main/electron and src-preload may import 'electron' (layer rule, see ARCHITECTURE.md).";
const electronModule = { name: 'electron', message: electronMessage };
const electronImport = { regex: '^electron/', message: electronMessage };
const mainImports = {
  group: ['**/src-main/**', '**/src-main'],
  message: 'The renderer and src-shared cannot import the host (layer rule, see ARCHITECTURE.md).',
};
const rendererImports = {
  group: ['**/src-renderer/**', '**/src-renderer'],
  message: 'Only the renderer imports renderer code (layer rule, see ARCHITECTURE.md).',
};
const preloadImports = {
  group: ['**/src-preload/**', '**/src-preload'],
  message: 'Nothing imports the preload script (layer rule, see ARCHITECTURE.md).',
};
const electronShellImports = {
  group: ['**/electron/**', '../electron/*', '../../electron/*'],
  message: 'Services never import the Electron shell (layer rule, see ARCHITECTURE.md).',
};

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'dist/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
      'tests/fixtures/lint/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: {
          allowDefaultProject: ['*.js', 'bin/*.js', 'scripts/*.js', 'scripts/*.mjs'],
        },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true }],
      eqeqeq: ['error', 'always'],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['src-shared/**/*.ts'],
    rules: restrict([nodeBuiltins, electronImport, mainImports, rendererImports, preloadImports], { electron: true }),
  },
  {
    files: ['src-main/**/*.ts'],
    languageOptions: { globals: globals.node },
    rules: restrict([rendererImports, preloadImports]),
  },
  {
    files: [
      'src-main/services/**/*.ts',
      'src-main/host/**/*.ts',
      'src-main/transports/**/*.ts',
      'src-main/cli/**/*.ts',
      'src-main/config/**/*.ts',
      'src-main/http/**/*.ts',
    ],
    rules: restrict([electronImport, electronShellImports, rendererImports, preloadImports], { electron: true }),
  },
  {
    files: ['src-preload/**/*.ts'],
    rules: restrict([nodeBuiltins, mainImports, rendererImports]),
  },
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: globals.browser },
    plugins: { 'react-hooks': reactHooks, i18next },
    rules: {
      ...restrict([nodeBuiltins, electronImport, mainImports, preloadImports], { electron: true }),
      ...reactHooks.configs.recommended.rules,
      // Every visible string comes from the catalogues: JSX text and the attributes a user sees.
      'i18next/no-literal-string': [
        'error',
        {
          mode: 'jsx-only',
          'jsx-attributes': {
            include: ['title', 'alt', 'placeholder', 'aria-label', 'aria-description', 'aria-valuetext', 'label'],
            exclude: ['.*'],
          },
        },
      ],
    },
  },
  {
    files: ['tests/**/*.ts', 'bench/**/*.ts'],
    languageOptions: { globals: globals.node },
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  prettier,
);
