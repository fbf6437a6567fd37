/**
 * The browser workspace: one HTML shell per page of designer/pages.ts, and the bundles under
 * /assets (built by designer/build.ts into designer/dist). Entry bundles keep their names and are
 * revalidated on every load; chunks, fonts and images carry a content hash and are cached for good.
 * Anything else under /assets (a missing file, a dotfile, a path climbing out of designer/dist)
 * is a 404 in the API's error shape. The icon is /favicon.svg (and /favicon.ico, asked for unprompted).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { type Router } from 'express';
import { PAGES } from '../../designer/pages.js';
import { ApiError } from '../http/errors.js';
import { FAVICON_SVG } from '../views/favicon.js';

export const DEFAULT_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../designer/dist');

const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

function shell(title: string, entry: string): string {
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · Matterflow 政务服务</title>
<link rel="icon" href="/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/assets/${entry}.css">
<script type="module" src="/assets/${entry}.js"></script>
</head>
<body>
<div id="app" data-page="${entry}"><noscript>请启用浏览器的 JavaScript 以使用本系统。</noscript></div>
</body>
</html>
`;
}

export function pagesRouter({ distDir = DEFAULT_DIST }: { distDir?: string } = {}): Router {
  const router = express.Router();
  router.get(['/favicon.svg', '/favicon.ico'], (_req, res) => {
    res.setHeader('Cache-Control', 'public, max-age=86400');
    res.type('image/svg+xml').send(FAVICON_SVG);
  });
  router.use(
    '/assets',
    express.static(distDir, {
      index: false,
      dotfiles: 'ignore',
      // Not found, a dotfile, or a path out of distDir (send answers 403 or 400): on to the 404 below.
      fallthrough: true,
      setHeaders: (res, file) => {
        const hashed = /[/\\](chunks|assets)[/\\]/.test(file);
        res.setHeader('Cache-Control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    }),
    (_req, _res, next) => next(new ApiError(404, 'NOT_FOUND', '文件不存在', 'No such file')),
  );
  for (const page of PAGES) {
    router.get(page.route, (_req, res) => {
      if (!existsSync(path.join(distDir, `${page.entry}.js`))) {
        res
          .status(503)
          .type('text/plain; charset=utf-8')
          .send(
            'The workspace is not built yet: run `npm run build` (npm start and npm test do it).\n工作台尚未构建，请运行 npm run build。\n',
          );
        return;
      }
      res.setHeader('Cache-Control', 'no-cache');
      res.type('html').send(shell(page.title, page.entry));
    });
  }
  return router;
}
