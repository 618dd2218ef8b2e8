/**
 * How a remote endpoint is named in logs and messages. Device clouds put credentials in the URL
 * (`https://USER:KEY@hub…/wd/hub`, `wss://…/playwright?caps={…accessKey…}`), and CI logs are read
 * by others: the password and every query value are masked, the rest is kept so the user can
 * still tell which endpoint was meant.
 */
export function endpointForLog(endpoint: string): string {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return endpoint;
  }
  if (url.password) url.password = '***';
  const keys = [...new Set(url.searchParams.keys())];
  const query = keys.map((key) => `${encodeURIComponent(key)}=***`).join('&');
  url.search = '';
  return `${url.href}${query ? `?${query}` : ''}`;
}
