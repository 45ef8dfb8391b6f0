import { useI18n } from '../i18n/i18n-context';
import type { Lang } from '../i18n';

const LANGS: Array<{ lang: Lang; label: string; name: string }> = [
  { lang: 'vi', label: 'VI', name: 'Tiếng Việt' },
  { lang: 'en', label: 'EN', name: 'English' },
];

/** Href of the current page in another language (Vietnamese is the default: no parameter). */
export function hrefInLang(lang: Lang, location: Pick<Location, 'pathname' | 'search' | 'hash'>): string {
  const search = new URLSearchParams(location.search);
  if (lang === 'vi') search.delete('lang');
  else search.set('lang', lang);
  const query = search.toString();
  return `${location.pathname}${query ? `?${query}` : ''}${location.hash}`;
}

/** VI | EN: reloads the page in the other language (the language is fixed for a visit). Hidden in kiosk mode. */
export function LanguageSwitch() {
  const { lang } = useI18n();
  return (
    <nav className="lang-switch" aria-label="Ngôn ngữ / Language">
      {LANGS.map((l) => (
        <a key={l.lang} href={hrefInLang(l.lang, window.location)} lang={l.lang} title={l.name} aria-current={l.lang === lang ? 'true' : undefined} className={l.lang === lang ? 'is-current' : ''}>
          {l.label}
        </a>
      ))}
    </nav>
  );
}
