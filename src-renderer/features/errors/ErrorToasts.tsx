import { useTranslation } from 'react-i18next';
import { useErrorStore } from '../../store/errors/errorStore';

/** Every failed host call or renderer task, in the UI language, until dismissed. */
export function ErrorToasts() {
  const { t } = useTranslation();
  const errors = useErrorStore((state) => state.errors);
  const dismiss = useErrorStore((state) => state.dismiss);
  if (errors.length === 0) return null;
  return (
    <div className="toasts" role="alert" aria-live="assertive">
      {errors.map((error) => (
        <div key={error.id} className="toast" data-testid="error-toast" data-code={error.code}>
          <strong>{t(`errors.${error.code}`)}</strong>
          <span className="toast-detail" translate="no" dir="ltr">
            {error.detail}
          </span>
          <button type="button" onClick={() => dismiss(error.id)}>
            {t('errors.dismiss')}
          </button>
        </div>
      ))}
    </div>
  );
}
