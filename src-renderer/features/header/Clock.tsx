import { useTranslation } from 'react-i18next';
import { DEFAULT_TIME_ZONE, formatClock, formatDate } from '../../../src-shared/domain/time';
import { useHostNow } from '../../app/useNow';
import { currentLanguage } from '../../i18n';
import { useConsoleStore } from '../../store/console/consoleStore';

/** The host's time in the center's zone, 24-hour: the reference every timestamp is read against. */
export function Clock() {
  const { t } = useTranslation();
  const now = useHostNow();
  const timeZone = useConsoleStore((state) => state.info?.timeZone ?? DEFAULT_TIME_ZONE);
  const language = currentLanguage();
  return (
    <div className="clock" role="timer" aria-label={t('header.clockLabel')} data-testid="clock">
      <time className="clock-time" dateTime={new Date(now).toISOString()}>
        {formatClock(now, language, timeZone)}
      </time>
      <span className="clock-date">{formatDate(now, language, timeZone)}</span>
    </div>
  );
}
