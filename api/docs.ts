// The API reference page (/api/docs): Swagger UI, served from the swagger-ui-dist package (no CDN,
// so it works on an air-gapped network too), reading the generated /api/openapi.json.
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import express, { Router } from 'express';

/** The package's folder of static files (its own getAbsoluteFSPath() says the same, untyped). */
const swaggerUi = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));

const PAGE = `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>接口文档 · API reference</title>
<link rel="stylesheet" href="/api/docs/swagger-ui.css">
</head>
<body>
<div id="swagger-ui"></div>
<script src="/api/docs/swagger-ui-bundle.js"></script>
<script src="/api/docs/init.js"></script>
</body>
</html>`;

const INIT = `window.ui = SwaggerUIBundle({ url: '/api/openapi.json', dom_id: '#swagger-ui', deepLinking: true, tryItOutEnabled: false });`;

export function apiReference(): Router {
  const r = Router();
  r.get('/', (_req, res) => void res.type('html').send(PAGE));
  r.get('/init.js', (_req, res) => void res.type('text/javascript').send(INIT));
  r.use(express.static(swaggerUi, { index: false, maxAge: '1h' }));
  return r;
}
