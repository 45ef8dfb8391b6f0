import { defineMessages } from './define-messages';
import { incidentsMessages } from '../incidents/messages';
import { en as coreEn } from './en';
import { vi as coreVi } from './vi';
import { wallMessages } from '../wall/messages';
import { incidentFocusMessages } from '../widgets/incident-focus/messages';
import { wallConsoleMessages } from '../wall-console/messages';
import { tabletMessages } from '../tablet/messages';
import { adminMessages } from '../admin/messages';
import { widgetKitMessages } from '../widgets/widget-kit/messages';
import { provinceMapMessages } from '../widgets/province-map/messages';
import { authMessages } from '../auth/messages';

const core = defineMessages({ vi: coreVi, en: coreEn });

/**
 * Every message set of the app. A new page or widget adds its `messages.ts` here (one line);
 * two sets may not define the same key (checked by catalog.spec.ts).
 */
export const messageSets = [core, wallMessages, incidentFocusMessages, wallConsoleMessages, incidentsMessages, tabletMessages, adminMessages, widgetKitMessages, provinceMapMessages, authMessages] as const;

type KeysOf<T> = T extends unknown ? keyof T : never;
export type MessageKey = KeysOf<(typeof messageSets)[number]['vi']> & string;
