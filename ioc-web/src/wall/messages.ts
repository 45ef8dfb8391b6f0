import { defineMessages } from '../i18n/define-messages';

export const wallMessages = defineMessages({
  vi: { 'wall.screen': 'Màn hình {n}' },
  en: { 'wall.screen': 'Screen {n}' },
});
