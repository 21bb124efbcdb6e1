// Layer rules (see ../shared/STYLE.md): shared/ is the engine and never reaches up into the
// product shells; shared/common/ is pure and runs in renderer, main process and runtime alike.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const shells = ['**/electron/**', '**/renderer/**', '**/runtime/**', '**/webhost/**'];
const nodeModules = ['node:*', 'fs', 'fs/*', 'path', 'os', 'crypto', 'child_process', 'worker_threads', 'net', 'http', 'url', 'stream', 'zlib', 'better-sqlite3', 'electron'];

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'generated/**', 'coverage/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module', globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
    },
  },
  {
    files: ['shared/**'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: shells, message: 'shared/ is the engine: it must not import from electron/, renderer/, webhost/ or the runtime.' },
          { group: ['react', 'react-dom', '@xyflow/*', 'zustand', 'monaco-editor'], message: 'shared/ knows nothing of the UI.' },
        ],
      }],
    },
  },
  {
    files: ['shared/common/**'],
    ignores: ['shared/common/**/*.test.ts'],
    languageOptions: { globals: { ...globals.es2021 } },
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: shells, message: 'shared/ is the engine: it must not import from electron/, renderer/, webhost/ or the runtime.' },
          { group: ['react', 'react-dom', '@xyflow/*', 'zustand', 'monaco-editor'], message: 'shared/ knows nothing of the UI.' },
          { group: ['**/node/**', ...nodeModules], message: 'shared/common/ is pure: no Node API here (put it in shared/node/).' },
        ],
      }],
      'no-restricted-globals': ['error',
        ...['window', 'document', 'navigator', 'localStorage', 'fetch', 'process', 'Buffer', 'require', '__dirname', '__filename', 'setImmediate', 'global']
          .map((name) => ({ name, message: 'shared/common/ is pure: no DOM or Node globals.' })),
      ],
    },
  },
  {
    // The studio's state, preview and worker layers are what the canvas shows; they never reach into the views.
    files: ['renderer/src/state/**', 'renderer/src/preview/**', 'renderer/src/worker/**'],
    rules: {
      'no-restricted-imports': ['error', {
        // The renderer's view folders (not shared/common/valuemaps, the engine's value maps).
        patterns: [{ group: ['**/canvas/**', '**/panels/**', '**/start/**', '**/schema/SchemaNode*', '../valuemaps/**', '../review/**'], message: 'The state layer knows nothing of the views: move what both need into state/ or shared/.' }],
      }],
    },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
