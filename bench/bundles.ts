/**
 * What each page of the workspace downloads: its entry bundle plus every chunk it imports
 * statically (shared chunks counted for each page that needs them), minified and gzip-compressed,
 * and the JavaScript and CSS apart. Read from esbuild's metafile of a production build.
 */
import { gzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { build } from '../designer/build.js';
import { ENTRIES } from '../designer/pages.js';
import { report } from './report.js';

export async function benchBundles(): Promise<void> {
  const started = performance.now();
  const metafile = await build();
  const seconds = (performance.now() - started) / 1000;
  const outputs = metafile.outputs;
  const root = process.cwd();
  const closure = (file: string, seen = new Set<string>()): Set<string> => {
    if (seen.has(file)) return seen;
    seen.add(file);
    for (const imported of outputs[file]?.imports ?? [])
      if (imported.kind === 'import-statement' && outputs[imported.path]) closure(imported.path, seen);
    const css = outputs[file]?.cssBundle;
    if (css) seen.add(css);
    return seen;
  };
  const figures = [{ name: 'production build, all pages', value: seconds, unit: 's' }];
  for (const entry of ENTRIES) {
    const file = Object.keys(outputs).find((out) => path.basename(out) === `${entry}.js`);
    if (!file) continue;
    let js = 0;
    let css = 0;
    for (const part of closure(file)) {
      const bytes = gzipSync(readFileSync(path.resolve(root, part))).length;
      if (part.endsWith('.css')) css += bytes;
      else js += bytes;
    }
    figures.push({
      name: `${entry}: JS / CSS (gzip)`,
      value: js / 1024,
      unit: `KiB JS, ${(css / 1024).toFixed(0)} KiB CSS`,
    });
  }
  report('workspace bundles', figures);
}
