import { useTranslation } from 'react-i18next';
import { AppError } from '../../../src-shared/contract/errors';
import { useReasonText } from '../errors/ErrorToasts';

/**
 * Why the host refused a sign-in, an unlock or a handover, said in the UI language right under the
 * form (not as a toast: the operator is looking at the form).
 */
export function RefusalText(props: { error: unknown }) {
  const { t } = useTranslation();
  const reasonText = useReasonText();
  const { error } = props;
  if (error === null || error === undefined) return null;
  let text: string;
  if (error instanceof AppError && error.reason) {
    const explained = reasonText(error.reason);
    text = explained.text || explained.title;
  } else if (error instanceof AppError && error.code === 'INVALID_ARGUMENT' && error.issues?.length) {
    text = t('session.invalid');
  } else {
    text = t(`errors.${error instanceof AppError ? error.code : 'INTERNAL'}`);
  }
  return (
    <p className="session-refusal" role="alert" data-testid="session-refusal">
      {text}
    </p>
  );
}
