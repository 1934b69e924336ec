import { createI18n } from 'vue-i18n';
import zhCN from './zh-CN';
import en from './en';

export type Locale = 'zh-CN' | 'en';
const LOCALE_KEY = 'jixiao.locale';

export function savedLocale(): Locale {
  try {
    return localStorage.getItem(LOCALE_KEY) === 'en' ? 'en' : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

export function rememberLocale(l: Locale): void {
  localStorage.setItem(LOCALE_KEY, l);
  document.documentElement.lang = l;
}

export function makeI18n(locale: Locale = savedLocale()) {
  return createI18n({ legacy: false, locale, fallbackLocale: 'zh-CN', messages: { 'zh-CN': zhCN, en } });
}
