import { defineMessages } from './define-messages';
import { en as coreEn } from './en';
import { vi as coreVi } from './vi';
import { provinceMapMessages } from '../widgets/province-map/messages';

const core = defineMessages({ vi: coreVi, en: coreEn });

/**
 * Every message set of the app. A new page or widget adds its `messages.ts` here (one line);
 * two sets may not define the same key (checked by catalog.spec.ts).
 */
export const messageSets = [core, provinceMapMessages] as const;

type KeysOf<T> = T extends unknown ? keyof T : never;
export type MessageKey = KeysOf<(typeof messageSets)[number]['vi']> & string;
