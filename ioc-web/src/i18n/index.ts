import { localized, type LocalizedText, type UnitText } from '@ioc/sdk';
import { messageSets, type MessageKey } from './catalog';

export type { MessageKey } from './catalog';
export { defineMessages } from './define-messages';
export type Lang = 'vi' | 'en';

const dictionaries: Record<Lang, Record<MessageKey, string>> = {
  vi: Object.assign({}, ...messageSets.map((set) => set.vi)) as Record<MessageKey, string>,
  en: Object.assign({}, ...messageSets.map((set) => set.en)) as Record<MessageKey, string>,
};
/** Number/date locale per UI language; times are always shown in the province's time zone. */
const locales: Record<Lang, string> = { vi: 'vi-VN', en: 'en-GB' };

export interface I18n {
  lang: Lang;
  locale: string;
  t(key: MessageKey, params?: Record<string, string | number>): string;
  /** Picks the UI language from a manifest's { vi, en } text (or a unit symbol shared by all). */
  pick(text: LocalizedText | UnitText): string;
}

export function createI18n(lang: Lang): I18n {
  const dictionary = dictionaries[lang];
  return {
    lang,
    locale: locales[lang],
    t: (key, params) => interpolate(dictionary[key], params),
    pick: (text) => localized(text, lang),
  };
}

/** `?lang=en` switches to English; anything else keeps the Vietnamese default. */
export function langFromSearch(search: string): Lang {
  return new URLSearchParams(search).get('lang') === 'en' ? 'en' : 'vi';
}

function interpolate(template: string, params?: Record<string, string | number>): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
