import { useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useRemote } from '../../app/RemoteContext';
import { runTask } from '../../store/errors/errorStore';
import { useSessionStore } from '../../store/session/sessionStore';
import { HandoverDialog } from './HandoverDialog';
import { operatorName } from './operatorName';
import { RefusalText } from './RefusalText';
import { SessionScreen } from './SessionScreen';
import { signOut, unlockSession } from './sessionActions';

/**
 * The locked position: nothing of the console shows (no caller, no place), only that calls wait and
 * an alarm is up. The signed-in operator unlocks with the password; the next shift takes it over.
 */
export function LockScreen() {
  const { t, i18n } = useTranslation();
  const remote = useRemote();
  const operator = useSessionStore((state) => state.session?.operator ?? null);
  const [password, setPassword] = useState('');
  const [refusal, setRefusal] = useState<unknown>(null);
  const [handover, setHandover] = useState(false);
  const unlock = (event: SyntheticEvent): void => {
    event.preventDefault();
    setRefusal(null);
    unlockSession(remote, password).catch((error: unknown) => {
      setRefusal(error);
      setPassword('');
    });
  };
  return (
    <SessionScreen testId="lock-screen" title={t('session.lockedTitle')}>
      {operator && (
        <p className="session-hint">
          <bdi translate="no" data-testid="locked-operator">
            {operatorName(operator, i18n.language)}
          </bdi>{' '}
          {t('session.lockedHint')}
        </p>
      )}
      <form className="session-form" onSubmit={unlock} data-testid="unlock-form">
        <label>
          {t('session.password')}
          <input
            type="password"
            value={password}
            required
            autoFocus
            autoComplete="current-password"
            dir="ltr"
            data-testid="unlock-password"
            onChange={(event) => setPassword(event.target.value)}
          />
        </label>
        <button type="submit" className="button button-primary" data-testid="unlock-submit">
          {t('session.unlock')}
        </button>
        <RefusalText error={refusal} />
      </form>
      <div className="session-actions">
        <button type="button" className="button" data-testid="change-operator" onClick={() => setHandover(true)}>
          {t('session.changeOperator')}
        </button>
        <button type="button" className="button" data-testid="sign-out" onClick={() => runTask(signOut(remote))}>
          {t('session.signOut')}
        </button>
      </div>
      {handover && <HandoverDialog fromLock onClose={() => setHandover(false)} />}
    </SessionScreen>
  );
}
