import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import type { CallRecord } from '../../../src-shared/domain/call';
import type { LatLon } from '../../../src-shared/domain/geo';
import { formatLocationName } from '../../../src-shared/domain/locationNames';
import { formatCount, formatElapsed } from '../../../src-shared/domain/time';
import { useRemote } from '../../app/RemoteContext';
import { currentLanguage } from '../../i18n';
import { callSelectors, useCallStore } from '../../store/calls/callStore';
import { centerSelectors, useCenterStore } from '../../store/center/centerStore';
import { runTask } from '../../store/errors/errorStore';
import { answerCall } from '../intake/intakeActions';
import { ProvisionalMark, useProvisional } from '../center/ProvisionalMark';
import { useLocationName } from '../places/NamedLocation';
import { CallLanguageBar, positionOfCall } from './CallLanguage';

/** Where the caller is, by name (`الكرادة، الرصافة، بغداد`) once the host has named it. */
function CallPlace(props: { location: LatLon }) {
  const { t } = useTranslation();
  const name = useLocationName(props.location);
  const text = name === null ? '' : formatLocationName(name, currentLanguage());
  return text === '' ? t('call.located') : <bdi data-testid="call-location-name">{text}</bdi>;
}

function CallRow(props: { call: CallRecord; now: number; thisConsole: string | null }) {
  const { t } = useTranslation();
  const remote = useRemote();
  const { call, now } = props;
  // In a center the queue is the whole room's: a call ringing at another position says where.
  const at = positionOfCall(call);
  const elsewhere = props.thisConsole !== null && at !== props.thisConsole;
  const provisional = useProvisional('calls', call.id);
  const language = currentLanguage();
  return (
    <li>
      <button
        type="button"
        className={`call-row call-${call.status}${call.repeatOf.length > 0 ? ' call-repeat' : ''}`}
        data-testid="queue-call"
        data-status={call.status}
        onClick={() => runTask(answerCall(remote, call))}
      >
        <span className="call-wait" title={t('queue.waiting')}>
          {formatElapsed(now - call.receivedAt, language)}
        </span>
        <span className="call-main">
          <bdi className="call-number" translate="no" dir="ltr">
            {call.callerNumber ?? t('call.unknownNumber')}
          </bdi>
          <span className="call-meta">
            {t(`call.source.${call.source}`)}
            {call.line !== null && (
              <>
                {' · '}
                <bdi translate="no">{call.line}</bdi>
              </>
            )}
            {' · '}
            {call.location ? <CallPlace location={call.location} /> : t('call.notLocated')}
            {elsewhere && (
              <>
                {' · '}
                <span data-testid="call-rings-at">{t('center.ringsAt', { console: at })}</span>
              </>
            )}
          </span>
        </span>
        <span className="call-flags">
          {provisional && <ProvisionalMark />}
          {call.repeatOf.length > 0 && <span className="badge badge-warn">{t('call.repeat')}</span>}
          {call.status === 'answered' && (
            <span className="badge">
              {t('call.answeredBy')} <bdi translate="no">{call.answeredBy}</bdi>
            </span>
          )}
        </span>
      </button>
      <CallLanguageBar call={call} thisConsole={props.thisConsole} />
    </li>
  );
}

/** Calls waiting (oldest first, waiting time counting live) and calls being taken. */
export function CallList(props: { now: number }) {
  const { t } = useTranslation();
  const thisConsole = useCenterStore((state) =>
    centerSelectors.isCenter(state) ? centerSelectors.consoleCode(state) : null,
  );
  const calls = useCallStore(useShallow((state) => callSelectors.queue(state, thisConsole)));
  return (
    <section className="queue-section" aria-label={t('queue.calls')} data-testid="call-queue">
      <h3 className="queue-heading">
        {t('queue.calls')} <span className="count">{formatCount(calls.length, currentLanguage())}</span>
      </h3>
      {calls.length === 0 ? (
        <p className="queue-empty">{t('queue.noCalls')}</p>
      ) : (
        <ol className="call-list">
          {calls.map((call) => (
            <CallRow key={call.id} call={call} now={props.now} thisConsole={thisConsole} />
          ))}
        </ol>
      )}
    </section>
  );
}
