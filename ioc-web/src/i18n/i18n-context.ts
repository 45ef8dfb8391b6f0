import { createContext, useContext } from 'react';
import { createI18n, type I18n } from './index';

export const I18nContext = createContext<I18n>(createI18n('vi'));

export function useI18n(): I18n {
  return useContext(I18nContext);
}
