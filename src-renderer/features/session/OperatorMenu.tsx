import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useRemote } from '../../app/RemoteContext';
import { runTask } from '../../store/errors/errorStore';
import { sessionSelectors, useSessionStore } from '../../store/session/sessionStore';
import { HandoverDialog } from './HandoverDialog';
import { OperatorsDialog } from './OperatorsDialog';
import { operatorName } from './operatorName';
import { lockSession, signOut } from './sessionActions';

/**
 * Who works at this window, in the header, with what they can do about it: lock the position (stepping
 * away), hand it over to the next shift, sign out; administrators also reach the operators roster.
 */
export function OperatorMenu() {
  const { t, i18n } = useTranslation();
  const remote = useRemote();
  const operator = useSessionStore((state) => state.session?.operator ?? null);
  const administrator = useSessionStore(sessionSelectors.isAdministrator);
  const [open, setOpen] = useState(false);
  const [dialog, setDialog] = useState<'handover' | 'operators' | null>(null);
  if (!operator) return null;
  const choose = (action: () => void) => () => {
    setOpen(false);
    action();
  };
  return (
    <div className="operator-menu">
      <button
        type="button"
        className="operator"
        aria-label={t('header.operator')}
        aria-expanded={open}
        data-testid="operator"
        data-operator-id={operator.id}
        onClick={() => setOpen(!open)}
      >
        <bdi className="operator-name" translate="no" data-testid="operator-name">
          {operatorName(operator, i18n.language)}
        </bdi>
        <span className="operator-role">{operator.roles.map((role) => t(`role.${role}`)).join(' · ')}</span>
      </button>
      {open && (
        <div className="operator-actions" role="menu">
          <button
            type="button"
            role="menuitem"
            className="button"
            data-testid="lock-now"
            onClick={choose(() => runTask(lockSession(remote, 'operator')))}
          >
            {t('session.lockNow')}
          </button>
          <button
            type="button"
            role="menuitem"
            className="button"
            data-testid="change-operator"
            onClick={choose(() => setDialog('handover'))}
          >
            {t('session.changeOperator')}
          </button>
          {administrator && (
            <button
              type="button"
              role="menuitem"
              className="button"
              data-testid="operators-roster"
              onClick={choose(() => setDialog('operators'))}
            >
              {t('operators.title')}
            </button>
          )}
          <button
            type="button"
            role="menuitem"
            className="button"
            data-testid="sign-out"
            onClick={choose(() => runTask(signOut(remote)))}
          >
            {t('session.signOut')}
          </button>
        </div>
      )}
      {dialog === 'handover' && <HandoverDialog onClose={() => setDialog(null)} />}
      {dialog === 'operators' && <OperatorsDialog onClose={() => setDialog(null)} />}
    </div>
  );
}
