import { useEffect, useState, type ImgHTMLAttributes } from 'react';
import { apiFetch } from './api-fetch';

/**
 * An `<img>` of a protected API picture (a field report's photo): the browser would request a plain
 * `src` without the Bearer token, so the picture is fetched with it and shown from a blob URL.
 */
export function AuthImage({ src, ...rest }: Omit<ImgHTMLAttributes<HTMLImageElement>, 'src'> & { src: string }) {
  const [url, setUrl] = useState<string | undefined>();
  useEffect(() => {
    let blobUrl: string | undefined;
    let cancelled = false;
    void apiFetch(src, {}, { noRedirect: true })
      .then(async (r) => (r.ok ? URL.createObjectURL(await r.blob()) : undefined))
      .then((u) => {
        blobUrl = u;
        if (!cancelled) setUrl(u);
        else if (u) URL.revokeObjectURL(u);
      })
      .catch(() => undefined);
    return () => {
      cancelled = true;
      if (blobUrl) URL.revokeObjectURL(blobUrl);
    };
  }, [src]);
  return url ? <img {...rest} src={url} /> : <span className={`${rest.className ?? ''} inc-report__photo--none`} />;
}
