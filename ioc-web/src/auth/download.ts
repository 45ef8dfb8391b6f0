import { apiFetch } from './api-fetch';

/**
 * Downloads an API file (report export) with the Bearer token: a plain `<a href download>` would
 * go out without it. Falls back to the plain link when the answer is not OK.
 */
export async function downloadWithAuth(url: string, fallbackName: string): Promise<void> {
  const response = await apiFetch(url, { cache: 'no-store' });
  if (!response.ok) {
    window.location.assign(url);
    return;
  }
  const disposition = response.headers.get('content-disposition') ?? '';
  const name = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition)?.[1] ?? fallbackName;
  const blobUrl = URL.createObjectURL(await response.blob());
  const a = document.createElement('a');
  a.href = blobUrl;
  a.download = decodeURIComponent(name);
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(blobUrl), 10_000);
}
