// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

/** A relative import of any of `names` (folders or modules at some level above the importing file). */
const relativeImportOf = (names) => `^(\\.\\.?/)+(${names.join('|')})(/|$)`;

/**
 * lib/ is layered: a folder imports only the layers below it, never one beside it or above (docs/architecture.md
 * draws them). Bottom up; config.ts and project-root.ts are modules of their layer, the rest folders:
 *   procedure, markup  <-  domain  <-  config, project-root  <-  temporal, records, web, dev  <-  mail  <-  cluster
 */
const LIB_LAYERS = [
  ['procedure', 'markup'],
  ['domain'],
  ['config', 'project-root'],
  ['temporal', 'records', 'web', 'dev'],
  ['mail'],
  ['cluster'],
];
/** Each lib/ folder, with what it may not import: the others of its layer and every layer above. */
const LIB_FORBIDDEN = Object.fromEntries(
  LIB_LAYERS.flatMap((layer, i) =>
    layer.map((folder) => [
      folder,
      [...layer.filter((other) => other !== folder), ...LIB_LAYERS.slice(i + 1).flat()],
    ]),
  ),
);
/** lib/ is shared by everything else: it imports none of the parts that use it. */
const ABOVE_LIB = ['workflows', 'activities', 'worker', 'client', 'scripts', 'test'];

/** Outside workflows/, a workflow is known by its messages (declared beside it) and by lib/domain's types alone. */
const noWorkflowCode = {
  regex: `${relativeImportOf(['workflows'])}(?!messages$)`,
  message: 'Only workflows/messages is imported outside workflows/; shared vocabulary lives in lib/domain/.',
};
const noWorkflows = {
  regex: relativeImportOf(['workflows']),
  message:
    'Activities, lib/ and the worker import nothing from workflows/: shared vocabulary lives in lib/domain/.',
};

export default tseslint.config(
  { ignores: ['dist/**', 'var/**', '.tools/**', 'node_modules/**', 'coverage/**', 'test/histories/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Workflow code is replayed: it must stay deterministic. It may not touch Node built-ins, and it
    // may only know activities by their types (proxyActivities), never import their implementation.
    // And the code workflows import (lib/domain/): it runs in their sandbox, under the same rules.
    files: ['workflows/**/*.ts', 'lib/domain/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: nodeBuiltins.map((name) => ({ name, message: 'Workflow code may not use Node built-ins.' })),
          patterns: [
            {
              group: ['**/activities', '**/activities/*', '**/activities/**'],
              allowTypeImports: true,
              message: 'Workflows import activity types only (import type ...).',
            },
            {
              group: ['luxon', 'nodemailer', 'kysely', 'better-sqlite3', 'fastify'],
              message: 'I/O and time-zone data belong in activities.',
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'setTimeout', message: 'Use sleep() or condition() from @temporalio/workflow.' },
        { name: 'setInterval', message: 'Use sleep() from @temporalio/workflow.' },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: 'Use uuid4() or a value from an activity.' },
      ],
    },
  },
  ...Object.entries(LIB_FORBIDDEN).map(([folder, above]) => ({
    files: [`lib/${folder}/**/*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: relativeImportOf([...above, ...ABOVE_LIB]),
              message: `lib/${folder} imports only the layers below it (docs/architecture.md).`,
            },
            noWorkflows,
          ],
        },
      ],
    },
  })),
  {
    files: ['lib/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: relativeImportOf(['temporal', 'records', 'web', 'dev', 'mail', 'cluster', ...ABOVE_LIB]),
              message:
                'lib/config.ts and lib/project-root.ts import only lib/domain, lib/procedure and lib/markup.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['activities/**/*.ts', 'worker/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noWorkflows] }] },
  },
  {
    files: ['client/**/*.ts', 'scripts/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noWorkflowCode] }] },
  },
  {
    // The CLI (cli.ts, commands/ and the client modules beside them) imports no web code: what both need lives
    // in client/ or lib/.
    files: ['client/*.ts', 'client/commands/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            noWorkflowCode,
            { regex: relativeImportOf(['web']), message: 'The CLI imports no web code (client/web/).' },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.mjs', '**/*.cjs', '**/*.js'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: {
        module: 'writable',
        require: 'readonly',
        process: 'readonly',
        __dirname: 'readonly',
        console: 'readonly',
      },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
);
