/**
 * Where the page fetches model files from: `VITE_MODELS_URL` set at build time (a CDN or bucket
 * that sends CORS and `Cross-Origin-Resource-Policy: cross-origin`, see docs/deploy.md), else
 * `models/` under the page's own base path — the layout `npm start`, `npm run serve` and
 * `npm run site` give.
 */
export function modelsBaseUrl(
  configured: string | undefined = import.meta.env.VITE_MODELS_URL as string | undefined,
  base: string = import.meta.env.BASE_URL,
  page: string = location.href,
): string {
  const url = configured?.trim() ? new URL(configured.trim(), page) : new URL(`${base}models/`, page);
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  return url.href;
}
