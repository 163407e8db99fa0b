import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

// Import boundaries (see docs/ARCHITECTURE.md): core/ is pure; the content script and UI
// components must stay small, so they never pull in zod, idb or background code.
const pureCore = {
  patterns: [
    {
      group: ['**/dom/**', '**/entrypoints/**', '**/components/**', '**/facts/**', '**/cli/**'],
      message: 'core/ is pure TypeScript: it may import only core/.',
    },
    {
      group: [
        'zod',
        'idb',
        'wxt/**',
        '@webext-core/**',
        'preact',
        'preact/**',
        'htmlparser2',
        'domhandler',
        'node:*',
      ],
      message: 'core/ has no runtime dependencies.',
    },
  ],
};
const contentSide = {
  patterns: [
    {
      group: [
        'zod',
        'zod/**',
        'idb',
        '**/facts/schema*',
        '**/facts/load*',
        '**/background/**',
        '**/entrypoints/background*',
      ],
      message: 'Keep zod, idb and background code out of the content script and UI bundles.',
    },
  ],
};

export default tseslint.config(
  { ignores: ['.output/**', '.wxt/**', '.tmp/**', 'node_modules/**', 'bench/results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "AssignmentExpression[left.property.name='innerHTML']",
          message: 'Never build HTML from strings: pack and page text are untrusted.',
        },
        {
          selector: "CallExpression[callee.property.name='insertAdjacentHTML']",
          message: 'Never build HTML from strings.',
        },
        {
          // Preact's only way to innerHTML (addons-linter sees it in the bundles: see the Firefox
          // end-to-end test).
          selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']",
          message: 'Never build HTML from strings: pack and page text are untrusted.',
        },
      ],
    },
  },
  {
    files: ['core/**/*.ts'],
    languageOptions: { globals: { ...globals.es2022 } },
    rules: { 'no-restricted-imports': ['error', pureCore] },
  },
  {
    files: [
      'dom/**/*.ts',
      'components/**/*.tsx',
      'components/**/*.ts',
      'entrypoints/content/**',
      'entrypoints/content.ts',
      'entrypoints/claim-card.ts',
      'entrypoints/popup/**',
      'entrypoints/options/**',
    ],
    rules: { 'no-restricted-imports': ['error', contentSide] },
  },
  {
    // The script every page runs stays small: the card (Preact, components, messaging library) is
    // loaded only when a page has claims (docs/EXTENSION.md, "What loads when").
    files: ['entrypoints/content/index.ts', 'entrypoints/content/page-controller.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                'preact',
                'preact/**',
                '**/components/**',
                './claim-ui',
                './claim-interactions',
                '@webext-core/messaging',
                '**/messaging/protocol',
              ],
              allowTypeImports: true,
              message:
                'Not in the script every page runs (docs/EXTENSION.md, "What loads when"): import types only.',
            },
          ],
        },
      ],
    },
  },
);
