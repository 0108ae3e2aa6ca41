import 'i18next';
import type ar from './locales/ar.json';

// Arabic is the reference catalogue: `t()` with a key it lacks fails the typecheck.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof ar };
  }
}
