import { useTranslation } from 'react-i18next';
import type { RemoteApi } from '../../../src-shared/contract/api';
import type { CallRecord } from '../../../src-shared/domain/call';
import { callLanguages, type CallLanguage } from '../../../src-shared/domain/operator';
import { useRemote } from '../../app/RemoteContext';
import { applyHostEvent } from '../../app/hostFeed';
import { useCenterStore } from '../../store/center/centerStore';
import { runTask } from '../../store/errors/errorStore';
import { sessionSelectors, useSessionStore } from '../../store/session/sessionStore';

async function setCallLanguage(remote: RemoteApi, callId: string, language: CallLanguage): Promise<void> {
  applyHostEvent({ name: 'onCallChanged', payload: await remote.call.setLanguage({ callId, language }) });
}

async function transferCall(remote: RemoteApi, callId: string, toConsole: string): Promise<void> {
  applyHostEvent({ name: 'onCallChanged', payload: await remote.call.transfer({ callId, toConsole }) });
}

/** Where a call is now: the position it was transferred to, answered at, or rings at. */
export const positionOfCall = (call: CallRecord): string => call.transferredTo ?? call.answeredOn ?? call.ringsAt;

/**
 * Under a call in the queue: the caller's language (the call-taker sets it once answered here), and for
 * a shift lead in a center the online positions whose operator speaks it, each a transfer target.
 */
export function CallLanguageBar(props: { call: CallRecord; thisConsole: string | null }) {
  const { t } = useTranslation();
  const remote = useRemote();
  const { call, thisConsole } = props;
  const supervisor = useSessionStore(sessionSelectors.isSupervisor);
  const takesCalls = useSessionStore(sessionSelectors.hasRole('call-taker'));
  const consoles = useCenterStore((state) => state.status?.consoles);
  const answeredHere = call.status === 'answered' && (thisConsole === null || call.answeredOn === thisConsole);
  const from = positionOfCall(call);
  const speakers =
    supervisor && call.language !== undefined && thisConsole !== null
      ? (consoles ?? []).filter(
          (position) =>
            position.online &&
            !position.locked &&
            position.consoleCode !== from &&
            position.operator !== '' &&
            (position.languages ?? []).includes(call.language as CallLanguage),
        )
      : [];
  if (!answeredHere && call.language === undefined) return null;
  return (
    <div className="call-language" data-testid="call-language-bar">
      {(takesCalls || supervisor) && answeredHere ? (
        <label>
          {t('call.language')}{' '}
          <select
            value={call.language ?? ''}
            data-testid="call-language-select"
            onChange={(event) => {
              const language = callLanguages.find((code) => code === event.target.value);
              if (language !== undefined) runTask(setCallLanguage(remote, call.id, language));
            }}
          >
            <option value="">{t('call.languageUnknown')}</option>
            {callLanguages.map((code) => (
              <option key={code} value={code}>
                {t(`callLanguage.${code}`)}
              </option>
            ))}
          </select>
        </label>
      ) : (
        call.language !== undefined && (
          <span className="badge" data-testid="call-language" data-language={call.language}>
            {t(`callLanguage.${call.language}`)}
          </span>
        )
      )}
      {speakers.map((position) => (
        <button
          key={position.consoleCode}
          type="button"
          className="button"
          data-testid="call-transfer"
          data-console={position.consoleCode}
          onClick={() => runTask(transferCall(remote, call.id, position.consoleCode))}
        >
          {t('call.transferTo', { console: position.consoleCode })} <bdi translate="no">{position.operator}</bdi>
        </button>
      ))}
    </div>
  );
}
