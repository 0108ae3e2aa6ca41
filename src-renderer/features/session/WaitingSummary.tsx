import { useTranslation } from 'react-i18next';
import { formatCount } from '../../../src-shared/domain/time';
import { currentLanguage } from '../../i18n';
import { useSessionStore } from '../../store/session/sessionStore';

/**
 * What a locked or signed-out position still shows: how many calls wait and whether an alarm is up,
 * with its severity. Never who calls or where: the screen is unattended.
 */
export function WaitingSummary() {
  const { t } = useTranslation();
  const waiting = useSessionStore((state) => state.waiting);
  const language = currentLanguage();
  if (!waiting) return null;
  const alarm = waiting.highestSeverity;
  return (
    <section className="waiting-summary" aria-live="polite" data-testid="waiting-summary">
      <div className={`waiting-item${waiting.callsWaiting > 0 ? ' waiting-item-up' : ''}`}>
        <span className="waiting-count" data-testid="waiting-calls" data-count={waiting.callsWaiting}>
          {formatCount(waiting.callsWaiting, language)}
        </span>
        <span>{t('session.waitingCalls')}</span>
      </div>
      <div
        className={`waiting-item${alarm ? ` waiting-alarm-${alarm}` : ''}`}
        data-testid="waiting-alarms"
        data-count={waiting.alarmsSounding}
        data-severity={alarm ?? 'none'}
      >
        <span className="waiting-count">{formatCount(waiting.alarmsSounding, language)}</span>
        <span>{alarm ? `${t('session.alarms')} · ${t(`session.severity.${alarm}`)}` : t('session.noAlarm')}</span>
      </div>
    </section>
  );
}
