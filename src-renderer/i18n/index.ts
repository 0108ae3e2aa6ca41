import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { languageCodes, type Language } from '../../src-shared/contract/schemas';
import ar from './locales/ar.json';
import ckb from './locales/ckb.json';
import en from './locales/en.json';

export const resources = {
  ar: { translation: ar },
  en: { translation: en },
  ckb: { translation: ckb },
} as const;

const LANGUAGE_KEY = 'nida.language';

/** Keys the UI asked for that no catalogue has; the e2e suite asserts this stays empty. */
export const missingKeys = new Set<string>();

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (languageCodes as readonly string[]).includes(value);
}

export function savedLanguage(): Language | null {
  const saved = window.localStorage.getItem(LANGUAGE_KEY);
  return isLanguage(saved) ? saved : null;
}

/** Sets `lang` and `dir` on <html>: the whole layout flips through logical CSS properties. */
function applyDocumentLanguage(language: Language): void {
  document.documentElement.lang = language;
  document.documentElement.dir = i18next.dir(language);
  document.title = `${i18next.t('app.name', { lng: language })} — ${i18next.t('app.tagline', { lng: language })}`;
}

export async function initI18n(initial: Language): Promise<void> {
  await i18next.use(initReactI18next).init({
    resources,
    lng: initial,
    fallbackLng: false,
    supportedLngs: [...languageCodes],
    interpolation: { escapeValue: false }, // React escapes
    returnNull: false,
    saveMissing: true,
    missingKeyHandler: (_languages, _namespace, key) => {
      missingKeys.add(key);
    },
  });
  (window as { __nidaMissingKeys?: Set<string> }).__nidaMissingKeys = missingKeys;
  applyDocumentLanguage(initial);
  i18next.on('languageChanged', (language) => {
    if (isLanguage(language)) applyDocumentLanguage(language);
  });
}

export async function changeLanguage(language: Language): Promise<void> {
  window.localStorage.setItem(LANGUAGE_KEY, language);
  await i18next.changeLanguage(language);
}

export function currentLanguage(): Language {
  return isLanguage(i18next.language) ? i18next.language : 'ar';
}
