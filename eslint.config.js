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
// `f?.(await work())` skips `work()` altogether when f is absent: the running server once never
// fired a timer because its heartbeat was written so. Do the work first, then call.
const skippedWork = ['AwaitExpression', 'AssignmentExpression', 'UpdateExpression'].map((kind) => ({
  selector: `CallExpression[optional=true] > ${kind}.arguments`,
  message: 'An optional call skips its arguments when the callee is absent: do this work before the call.',
}));
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
      'no-restricted-syntax': ['error', ...skippedWork],
    },
  },
  {
    files: ['engine/runtime/**/*.ts', 'engine/time/**/*.ts', 'engine/model/**/*.ts', 'engine/calendar/**/*.ts', 'engine/supervision/**/*.ts', 'engine/domain/**/*.ts', 'engine/case/**/*.ts', 'engine/matters/**/*.ts', 'engine/ratings/**/*.ts', 'engine/lint/**/*.ts'],
    ignores: ['engine/model/read-file.ts'],
    rules: {
      'no-restricted-syntax': ['error', ...impure, ...skippedWork],
      'no-restricted-imports': ['error', { paths: io.map((name) => ({ name, message: 'The engine core does no I/O: this belongs in engine/store, engine/jobs or server.' })) }],
    },
  },
  {
    files: ['eslint.config.js'],
    languageOptions: { parserOptions: { projectService: false, project: null } },
    ...tseslint.configs.disableTypeChecked,
  },
);
