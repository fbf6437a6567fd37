// Lint: TypeScript rules everywhere, and purity of the engine core by rule (STYLE.md §8):
// the runtime, the model and time arithmetic read no clock, draw no random numbers, do no I/O.
import tseslint from 'typescript-eslint';

const impure = [
  { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'The engine core reads no clock: use the injected `now`.' },
  { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'The engine core reads no clock: use the injected `now`.' },
  { selector: "MemberExpression[object.name='Math'][property.name='random']", message: 'The engine core draws no random numbers: use the injected ids.' },
  { selector: "CallExpression[callee.name='eval']", message: 'No eval: expressions are FEEL, evaluated by feelin.' },
  { selector: "NewExpression[callee.name='Function']", message: 'No Function constructor: expressions are FEEL, evaluated by feelin.' },
];
const io = ['knex', 'express', 'pg', 'sqlite3', 'node-cron', 'fs', 'node:fs', 'fs/promises', 'node:fs/promises', 'vm', 'node:vm', 'child_process', 'node:child_process', 'http', 'node:http'];

export default tseslint.config(
  { ignores: ['node_modules/', 'data/', '.scratch/', 'designer/dist/', '**/*.js', '!eslint.config.js'] },
  ...tseslint.configs.recommended,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['engine/runtime/**/*.ts', 'engine/time/**/*.ts', 'engine/model/**/*.ts', 'engine/calendar/**/*.ts', 'engine/supervision/**/*.ts', 'engine/domain/**/*.ts', 'engine/case/**/*.ts', 'engine/matters/**/*.ts', 'engine/ratings/**/*.ts', 'engine/lint/**/*.ts'],
    ignores: ['engine/model/read-file.ts'],
    rules: {
      'no-restricted-syntax': ['error', ...impure],
      'no-restricted-imports': ['error', { paths: io.map((name) => ({ name, message: 'The engine core does no I/O: this belongs in engine/store, engine/jobs or server.' })) }],
    },
  },
  {
    files: ['eslint.config.js'],
    languageOptions: { parserOptions: { projectService: false, project: null } },
    ...tseslint.configs.disableTypeChecked,
  },
);
