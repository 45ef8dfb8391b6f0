/**
 * A page or widget keeps its own UI strings beside its code: `defineMessages({ vi: {...}, en: {...} })`
 * checks that English has every Vietnamese key, and `catalog.ts` joins all of them into one dictionary.
 */
export interface MessageSet<V extends Record<string, string>> {
  vi: V;
  en: { [K in keyof V]: string };
}

export function defineMessages<const V extends Record<string, string>>(set: MessageSet<V>): MessageSet<V> {
  return set;
}
