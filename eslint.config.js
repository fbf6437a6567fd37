// Lint: TypeScript rules everywhere, purity of the engine core by rule (STYLE.md §8: the runtime,
// the model and time arithmetic read no clock, draw no random numbers, do no I/O), and the layers
// of ../shared/DESIGN.md ("Layers, and what each may import"): zones, no cycles, indexes only.
import path from 'node:path';
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';

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

// ---- Layers ------------------------------------------------------------------------------------
// Lower layers never import higher ones. From the top: cli/ (the matterflow command) > server/
// (HTTP) > engine/*-store, engine/store, engine/jobs (knex persistence; jobs above store) >
// engine/operations (the declared case operations and who may do them) > engine/case (runtime + domain) > engine/domain, matters, ratings, supervision, lint, users
// (pure rules) > engine/runtime (pure BPMN) > engine/model, calendar, time (pure data and
// arithmetic). migrations/ are frozen; designer/ is the browser and talks HTTP.
const pure = ['runtime', 'model', 'calendar', 'time', 'domain', 'matters', 'ratings', 'supervision', 'lint', 'case', 'operations', 'users', 'integration', 'materials'].map((name) => `./engine/${name}`);
const persistence = ['./engine/store', './engine/jobs', './engine/calendar-store', './engine/domain-store', './engine/matters-store', './engine/ratings-store', './engine/users-store', './engine/integration-store', './engine/materials-store'];
const zones = [
  // migrations/ are frozen: they must do the same thing forever, so they import nothing that changes.
  { target: './migrations', from: ['./engine', './server', './cli', './designer', './processes'], message: 'A migration is frozen: it imports nothing from the engine or the server (inline a copy of what it needs).' },
  // engine/* is below server/ and the command line, and never sees the browser, tests or benchmarks.
  { target: './engine', from: ['./server', './cli', './designer', './test', './bench', './scripts', './processes'], message: 'engine/ is below server/ and cli/: it never imports them, nor the browser, tests or benchmarks.' },
  // server/ is below the command line (cli/ starts it, never the other way).
  { target: './server', from: ['./cli'], message: 'server/ never imports the command line (cli/ is above it).' },
  // The pure layers do no I/O: no store, no *-store, no jobs.
  { target: pure, from: persistence, message: 'A pure engine layer never imports engine/store, an engine/*-store or engine/jobs (persistence is above it).' },
  // engine/store (persistence) is below engine/jobs (the runners and the poller drive it through store.jobPort).
  { target: './engine/store', from: ['./engine/jobs'], message: 'engine/store never imports engine/jobs: jobs sits above the store and drives it through store.jobPort.' },
  // engine/model, calendar and time are the bottom: pure data and arithmetic, they import no other engine layer.
  {
    target: ['./engine/model', './engine/calendar', './engine/time'],
    from: ['./engine/runtime', './engine/case', './engine/domain', './engine/matters', './engine/ratings', './engine/supervision', './engine/lint', './engine/users'],
    message: 'engine/model, calendar and time are the bottom layer: they import nothing from the runtime, the domain or anything above.',
  },
  // engine/runtime is pure BPMN: it knows no government rule (engine/case fills its extension points).
  {
    target: './engine/runtime',
    from: ['./engine/domain', './engine/case', './engine/matters', './engine/ratings', './engine/supervision', './engine/lint', './engine/users'],
    message: 'engine/runtime knows no government rule: it offers extension points that engine/case fills.',
  },
  // The government rules are below engine/case, which composes them with the runtime.
  { target: ['./engine/domain', './engine/matters', './engine/ratings', './engine/supervision', './engine/lint', './engine/users'], from: ['./engine/case'], message: 'engine/case composes the runtime with the domain: the rules below it never import it.' },
  // The declared operations sit on the case: what is below them (the case, its rules, the runtime) never imports them.
  { target: ['./engine/case', './engine/runtime', './engine/domain', './engine/matters', './engine/ratings', './engine/supervision', './engine/lint', './engine/users', './engine/model', './engine/calendar', './engine/time'], from: ['./engine/operations'], message: 'engine/operations declares what users may ask of a case: the case and the rules below it never import it.' },
  // server/ serves the built bundles (designer/dist) as files; of designer/ it imports only the page list (designer/pages.ts, node-side data).
  { target: './server', from: './designer', except: ['./pages.ts'], message: 'server/ never imports browser code: only designer/pages.ts (the page list); the bundles are served as files.' },
  // client/ (what other systems run: workers, message senders, webhook receivers) talks to the server over HTTP only.
  { target: './client', from: ['./engine', './server', './cli', './designer'], message: 'client/ talks to the server over HTTP only: it imports nothing of the engine, the server, the command line or the browser.' },
  // The browser talks to the server over HTTP only, and never touches persistence or the command line.
  { target: './designer', from: ['./server', './cli', ...persistence], message: 'designer/ is browser code: it talks to the server over HTTP and imports no server, store or command-line code.' },
];

// Code outside engine/X imports engine/X only through engine/X/index.ts (its public surface), so a
// folder's files can be moved and split freely. Tests (test/**), bench/ and the fixture scripts
// (scripts/) may reach inside. Two exceptions, both for the browser:
// - engine/model/types.ts is the model's second public entry, open to all: the compiled
//   definition's types and constants without the loader. engine/model/index.ts adds the loader,
//   which is node-only (node:crypto for the definition cache, node:fs for files), and the browser
//   build (esbuild) and `tsc -p designer` cannot take it, while the designer's type graph reaches
//   the runtime and supervision through engine/matters/types.ts.
// - What the browser bundles besides (the designer, engine/lint, which the modeler runs, and
//   engine/operations, whose declarations the task page's forms and the replay read) imports the
//   browser-safe leaves below.
const publicEntries = ['engine/model/types.ts'];
const browserLeaves = [
  'engine/model/gov-descriptor.ts',
  'engine/model/gov-descriptor.json',
  'engine/model/moddle-types.ts',
  'engine/model/extensions.ts',
  'engine/model/parse.ts',
  'engine/model/xml-position.ts',
  'engine/model/compile-gov.ts',
  'engine/calendar/office-day.ts',
  'engine/matters/types.ts',
  'engine/domain/types.ts',
  'engine/domain/transitions.ts',
  'engine/domain/case-number.ts',
];
const root = import.meta.dirname;
const indexOnly = {
  meta: { type: 'problem', schema: [{ type: 'object', properties: { allow: { type: 'array', items: { type: 'string' } } }, additionalProperties: false }], messages: { deep: "Import {{folder}} through its index ('{{folder}}/index.ts'), not '{{file}}': only a folder's own files reach inside it." } },
  create(context) {
    const allow = new Set(context.options[0]?.allow ?? []);
    const from = path.relative(root, context.filename).split(path.sep).join('/');
    const check = (node) => {
      const spec = node.source?.value;
      if (typeof spec !== 'string' || !spec.startsWith('.')) return;
      const file = path.relative(root, path.resolve(path.dirname(context.filename), spec)).split(path.sep).join('/').replace(/\.js$/, '.ts');
      const match = /^(engine\/[^/]+)\/(.+)$/.exec(file);
      if (!match || from.startsWith(`${match[1]}/`) || match[2] === 'index.ts' || allow.has(file)) return;
      context.report({ node: node.source, messageId: 'deep', data: { folder: match[1], file } });
    };
    return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check, ImportExpression: check };
  },
};
const layers = { rules: { 'index-only': indexOnly } };

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
    files: ['**/*.ts'],
    plugins: { 'import-x': importX, layers },
    settings: {
      // TypeScript's NodeNext imports are written with `.js` and resolved to the `.ts` files by the
      // typescript resolver; import-x parses .ts files (for no-cycle) with the TypeScript parser.
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: ['tsconfig.json', 'designer/tsconfig.json'], noWarnOnMultipleProjects: true })],
      'import-x/extensions': ['.ts', '.tsx', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
    },
    rules: {
      'import-x/no-restricted-paths': ['error', { zones }],
      // Whole-program: every module's imports are followed (type-only imports are not cycles).
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      // A path that resolves to nothing would make the two rules above silently pass.
      'import-x/no-unresolved': 'error',
      'layers/index-only': ['error', { allow: publicEntries }],
    },
  },
  { files: ['designer/**/*.ts', 'engine/lint/**/*.ts', 'engine/operations/**/*.ts'], rules: { 'layers/index-only': ['error', { allow: [...publicEntries, ...browserLeaves] }] } },
  { files: ['test/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts'], rules: { 'layers/index-only': 'off' } },
  {
    files: ['engine/runtime/**/*.ts', 'engine/time/**/*.ts', 'engine/model/**/*.ts', 'engine/calendar/**/*.ts', 'engine/supervision/**/*.ts', 'engine/domain/**/*.ts', 'engine/case/**/*.ts', 'engine/operations/**/*.ts', 'engine/matters/**/*.ts', 'engine/ratings/**/*.ts', 'engine/lint/**/*.ts', 'engine/integration/**/*.ts', 'engine/materials/**/*.ts'],
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
