import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { formatClock } from '../../../src-shared/domain/time';
import { useRemote } from '../../app/HostContext';
import { currentLanguage } from '../../i18n';
import { alarmSelectors, useAlarmStore } from '../../store/alarms/alarmStore';
import { useConsoleStore } from '../../store/console/consoleStore';
import { runTask } from '../../store/errors/errorStore';
import { startAlarmTone } from './alarmSound';

/**
 * Every unacknowledged alarm, on top of every window, sounding, until a dispatcher acknowledges
 * it (once, for the whole room). A unit's emergency button is the highest alarm there is.
 */
export function AlarmBanner() {
  const { t } = useTranslation();
  const remote = useRemote();
  const language = currentLanguage();
  const timeZone = useConsoleStore((state) => state.info?.timeZone);
  const alarms = useAlarmStore(useShallow(alarmSelectors.ordered));
  const sounding = alarms.length > 0;

  useEffect(() => (sounding ? startAlarmTone() : undefined), [sounding]);

  if (!sounding) return null;
  return (
    <div className="alarm-banner" role="alert" aria-live="assertive" data-testid="alarm-banner">
      {alarms.map((alarm) => (
        <div
          key={alarm.id}
          className={`alarm alarm-${alarm.severity}`}
          data-testid="alarm"
          data-subject={alarm.subject}
        >
          <strong>{t(`alarm.kind.${alarm.kind}`)}</strong>
          <span>
            {t('alarm.unit')}{' '}
            <bdi translate="no" dir="ltr">
              {alarm.subject}
            </bdi>
          </span>
          <span>{formatClock(alarm.raisedAt, language, timeZone)}</span>
          <button
            type="button"
            className="button"
            data-testid="alarm-acknowledge"
            onClick={() => runTask(remote.alarm.acknowledge({ alarmId: alarm.id }))}
          >
            {t('alarm.acknowledge')}
          </button>
        </div>
      ))}
    </div>
  );
}
