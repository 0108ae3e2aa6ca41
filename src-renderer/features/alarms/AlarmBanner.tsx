import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { alarmSubjectKind, type Alarm } from '../../../src-shared/domain/alarm';
import { formatClock } from '../../../src-shared/domain/time';
import { useRemote } from '../../app/RemoteContext';
import { currentLanguage } from '../../i18n';
import { alarmSelectors, useAlarmStore } from '../../store/alarms/alarmStore';
import { useConsoleStore } from '../../store/console/consoleStore';
import { runTask } from '../../store/errors/errorStore';
import { useSelectionStore } from '../../store/selection/selectionStore';
import { startAlarmTone } from './alarmSound';
import './alarms.css';

function SubjectLabel(props: { alarm: Alarm }) {
  const { t } = useTranslation();
  const kind = alarmSubjectKind[props.alarm.kind];
  return (
    <span>
      {kind === 'unit' ? t('alarm.unit') : kind === 'incident' ? t('alarm.incident') : t('alarm.call')}{' '}
      {/* A caller's number reads left to right; a callsign keeps its own direction (`دفاع-305`). */}
      <bdi translate="no" dir={kind === 'call' ? 'ltr' : 'auto'} data-testid="alarm-subject">
        {props.alarm.subject}
      </bdi>
    </span>
  );
}

/**
 * Every unacknowledged alarm, on top of every window, sounding, until a dispatcher acknowledges
 * it (once, for the whole room) or its clock stops. A unit's emergency button is the highest alarm
 * there is; overdue clocks (timers) follow, in amber.
 */
export function AlarmBanner() {
  const { t } = useTranslation();
  const remote = useRemote();
  const language = currentLanguage();
  const timeZone = useConsoleStore((state) => state.info?.timeZone);
  const alarms = useAlarmStore(useShallow(alarmSelectors.ordered));
  const selectIncident = useSelectionStore((state) => state.selectIncident);
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
          data-kind={alarm.kind}
          data-subject={alarm.subject}
        >
          <strong>{t(`alarm.kind.${alarm.kind}`)}</strong>
          <SubjectLabel alarm={alarm} />
          <span>{t('alarm.since', { time: formatClock(alarm.raisedAt, language, timeZone) })}</span>
          {alarm.incidentId && (
            <button
              type="button"
              className="button alarm-open"
              data-testid="alarm-open-incident"
              onClick={() => selectIncident(alarm.incidentId ?? null)}
            >
              {t('alarm.openIncident')}
            </button>
          )}
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
