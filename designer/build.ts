/**
 * Bundles the browser workspace with esbuild: one entry per page bundle (designer/<entry>/main.ts),
 * code shared between pages split into chunks, so the modeler (bpmn-js + properties panel, the
 * heaviest) and the viewer pages load only what they use. Runs before `npm start` and `npm test`
 * (and by `npm run build`); takes a few seconds.
 *
 *   tsx designer/build.ts [--watch] [--dev] [--only ENTRY,ENTRY]
 *
 * `--only` rebuilds the named bundles (and login and home) over the existing output without
 * clearing it: for working on one page while other pages are being edited.
 */
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { ENTRIES } from './pages.js';

const root = path.dirname(fileURLToPath(import.meta.url));
export const DIST = path.join(root, 'dist');

export interface BuildRequest {
  readonly dev?: boolean;
  /** Only these bundles (plus login and home), written over the existing output. */
  readonly only?: readonly string[];
}

export function buildOptions({ dev = false, only }: BuildRequest = {}): esbuild.BuildOptions {
  const entryPoints: Record<string, string> = {};
  const unknown = (only ?? []).filter((entry) => !ENTRIES.includes(entry));
  if (unknown.length > 0)
    throw new Error(`Unknown bundle(s) ${unknown.join(', ')}; designer/pages.ts has ${ENTRIES.join(', ')}`);
  for (const entry of only
    ? ENTRIES.filter((name) => only.includes(name) || name === 'login' || name === 'home')
    : ENTRIES) {
    const file = path.join(root, entry, 'main.ts');
    if (!existsSync(file))
      throw new Error(
        `designer/pages.ts names the bundle "${entry}", but ${path.relative(process.cwd(), file)} does not exist`,
      );
    entryPoints[entry] = file;
  }
  return {
    entryPoints,
    outdir: DIST,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'browser',
    target: ['es2022', 'chrome120', 'firefox120', 'safari16'],
    minify: !dev,
    sourcemap: 'linked',
    metafile: true,
    legalComments: 'linked',
    entryNames: '[name]',
    chunkNames: 'chunks/[name]-[hash]',
    assetNames: 'assets/[name]-[hash]',
    // bpmn-font and the properties panel ship fonts and icons referenced from their CSS.
    loader: {
      '.woff': 'file',
      '.woff2': 'file',
      '.ttf': 'file',
      '.eot': 'file',
      '.svg': 'dataurl',
      '.png': 'file',
      '.bpmn': 'text',
    },
    define: { 'process.env.NODE_ENV': JSON.stringify(dev ? 'development' : 'production') },
    jsx: 'automatic',
    jsxImportSource: 'preact',
    logLevel: 'warning',
  };
}

/** Build once; returns esbuild's metafile (for size reports). */
export async function build(request: BuildRequest = {}): Promise<esbuild.Metafile> {
  if (!request.only) rmSync(DIST, { recursive: true, force: true });
  const result = await esbuild.build(buildOptions(request));
  return result.metafile!;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const dev = process.argv.includes('--dev');
  const onlyAt = process.argv.indexOf('--only');
  const only = onlyAt > 0 ? (process.argv[onlyAt + 1] ?? '').split(',').filter(Boolean) : undefined;
  if (process.argv.includes('--watch')) {
    const context = await esbuild.context(buildOptions({ dev: true }));
    await context.watch();
    process.stdout.write('designer: watching for changes (Ctrl-C to stop)\n');
  } else {
    const started = performance.now();
    const metafile = await build({ dev, ...(only ? { only } : {}) });
    const sizes = Object.entries(metafile.outputs)
      .filter(([file]) => /dist\/[^/]+\.(js|css)$/.test(file))
      .map(([file, output]) => `${path.basename(file)} ${(output.bytes / 1024).toFixed(0)} KB`);
    process.stdout.write(
      `designer: built ${only ? only.length + 2 : ENTRIES.length} bundles in ${Math.round(performance.now() - started)} ms (${sizes.join(', ')})\n`,
    );
  }
}
