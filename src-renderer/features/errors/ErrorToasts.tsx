import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { ErrorReason } from '../../../src-shared/contract/errors';
import { unitStatuses, type UnitStatus } from '../../../src-shared/domain/unit';
import { operatorRoles, type OperatorRole } from '../../../src-shared/domain/operator';
import { formatClock, formatCount } from '../../../src-shared/domain/time';
import { currentLanguage } from '../../i18n';
import { isCriticalError, useErrorStore, type ShownError } from '../../store/errors/errorStore';
import { useConsoleStore } from '../../store/console/consoleStore';
import { unitStatusKey } from '../units/unitLabels';

/** Non-critical errors leave by themselves after this long; critical ones wait to be closed. */
export const TOAST_SECONDS = 8;

const isUnitStatus = (value: string): value is UnitStatus => (unitStatuses as readonly string[]).includes(value);
const isRole = (value: string): value is OperatorRole => (operatorRoles as readonly string[]).includes(value);

/**
 * The reason's title and sentence in the UI language; statuses are named as the board names them,
 * roles as the roster names them, a time (`until`) on the center's clock.
 */
export function useReasonText(): (reason: ErrorReason) => { title: string; text: string } {
  const { t } = useTranslation();
  const timeZone = useConsoleStore((state) => state.info?.timeZone);
  return (reason) => {
    const language = currentLanguage();
    const param = (name: string, value: string): string => {
      if (name === 'roles')
        return value
          .split(',')
          .filter(isRole)
          .map((role) => t(`role.${role}`))
          .join(language === 'en' ? ', ' : '، ');
      if (name === 'until' && /^\d+$/.test(value)) return formatClock(Number(value), language, timeZone);
      // Data (callsigns, numbers) is isolated (FSI…PDI) so it keeps its own direction inside the sentence.
      return isUnitStatus(value) ? t(unitStatusKey(value)) : `\u2068${value}\u2069`;
    };
    const params: { readonly [name: string]: string } = Object.fromEntries(
      Object.entries(reason.params).map(([name, value]) => [name, param(name, value)]),
    );
    return {
      title: t(`errors.reason.${reason.key}.title`),
      text: t(`errors.reason.${reason.key}.text`, { ...params, defaultValue: '' }),
    };
  };
}

function Toast(props: { error: ShownError }) {
  const { t } = useTranslation();
  const dismiss = useErrorStore((state) => state.dismiss);
  const reasonText = useReasonText();
  const { error } = props;
  const critical = isCriticalError(error);

  useEffect(() => {
    if (critical) return undefined;
    const timer = setTimeout(() => dismiss(error.id), TOAST_SECONDS * 1000);
    return () => clearTimeout(timer);
  }, [critical, dismiss, error.id]);

  const explained = error.reason ? reasonText(error.reason) : null;
  return (
    <div
      className={`toast${critical ? ' toast-critical' : ''}`}
      role={critical ? 'alert' : 'status'}
      data-testid="error-toast"
      data-code={error.code}
      data-reason={error.reason?.key}
    >
      <strong data-testid="error-toast-title">
        {explained?.title ?? t(`errors.${error.code}`)}
        {error.repeats > 1 && ` ×${formatCount(error.repeats, currentLanguage())}`}
      </strong>
      {explained && (
        <span className="toast-text" data-testid="error-toast-text">
          {explained.text}
        </span>
      )}
      {/* The host's own words (English, for the log and support): there when asked for, not in the way. */}
      <details className="toast-detail">
        <summary>{t('errors.technicalDetail')}</summary>
        <span translate="no" dir="ltr">
          {error.detail}
        </span>
      </details>
      <button type="button" onClick={() => dismiss(error.id)}>
        {t('errors.dismiss')}
      </button>
    </div>
  );
}

/**
 * Failed host calls and renderer tasks, in the UI language: at most three, over the foot of the
 * map (never over the queue or the unit board); the ordinary ones go by themselves.
 */
export function ErrorToasts() {
  const errors = useErrorStore((state) => state.errors);
  if (errors.length === 0) return null;
  return (
    <div className="toasts" aria-live="assertive" data-testid="error-toasts">
      {errors.map((error) => (
        <Toast key={error.id} error={error} />
      ))}
    </div>
  );
}
