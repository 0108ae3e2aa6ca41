import { useEffect, useRef, useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  callLanguages,
  isLockedOut,
  operatorRoles,
  type CallLanguage,
  type OperatorRecord,
  type OperatorRole,
} from '../../../src-shared/domain/operator';
import { formatClock } from '../../../src-shared/domain/time';
import { applyHostEvent, applyHostSnapshot } from '../../app/hostFeed';
import { isolate } from '../../app/bidi';
import { useHostNow } from '../../app/useNow';
import { useRemote } from '../../app/RemoteContext';
import { currentLanguage } from '../../i18n';
import { useConsoleStore } from '../../store/console/consoleStore';
import { runTask } from '../../store/errors/errorStore';
import { useSessionStore } from '../../store/session/sessionStore';
import { localized, useTaxonomyStore } from '../../store/taxonomy/taxonomyStore';
import { RefusalText } from './RefusalText';

interface Draft {
  readonly id: string;
  readonly ar: string;
  readonly latin: string;
  readonly roles: readonly OperatorRole[];
  readonly agencies: readonly string[];
  readonly languages: readonly CallLanguage[];
  readonly password: string;
}

const EMPTY: Draft = {
  id: '',
  ar: '',
  latin: '',
  roles: ['call-taker'],
  agencies: [],
  languages: ['ar'],
  password: '',
};

const draftOf = (operator: OperatorRecord): Draft => ({
  id: operator.id,
  ar: operator.name.ar,
  latin: operator.name.latin,
  roles: operator.roles,
  agencies: operator.agencies,
  languages: operator.languages,
  password: '',
});

const toggle = <T,>(list: readonly T[], item: T): T[] =>
  list.includes(item) ? list.filter((entry) => entry !== item) : [...list, item];

/**
 * The administrator's roster of operators (the same as `nida operators`): add or edit one (roles,
 * agencies, languages, a new password), enable or disable, lift a lockout. Passwords are typed here
 * and hashed by the host; no list ever carries them.
 */
export function OperatorsDialog(props: { onClose: () => void }) {
  const { t } = useTranslation();
  const remote = useRemote();
  const dialog = useRef<HTMLDialogElement>(null);
  const operators = useSessionStore((state) => state.operators);
  const agencies = useTaxonomyStore((state) => state.taxonomy?.agencies ?? []);
  const timeZone = useConsoleStore((state) => state.info?.timeZone);
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [version, setVersion] = useState<number>(0);
  const [saved, setSaved] = useState<string | null>(null);
  const [refusal, setRefusal] = useState<unknown>(null);
  const language = currentLanguage();
  const now = useHostNow(10_000);

  useEffect(() => {
    dialog.current?.showModal();
    runTask(remote.operator.list({}).then((list) => applyHostSnapshot('operators', list)));
  }, [remote]);

  const applied = (operator: OperatorRecord): void => applyHostEvent({ name: 'onOperatorChanged', payload: operator });

  const save = (event: SyntheticEvent): void => {
    event.preventDefault();
    setRefusal(null);
    setSaved(null);
    remote.operator
      .save({
        operator: {
          id: draft.id,
          name: { ar: draft.ar, latin: draft.latin },
          roles: [...draft.roles],
          agencies: [...draft.agencies],
          languages: [...draft.languages],
        },
        ...(draft.password !== '' && { password: draft.password }),
        expectedVersion: version,
      })
      .then((operator) => {
        applied(operator);
        setDraft(draftOf(operator));
        setVersion(operator.version);
        setSaved(operator.id);
      })
      .catch((error: unknown) => setRefusal(error));
  };

  const list = Object.values(operators).sort((a, b) => a.id.localeCompare(b.id));
  return (
    <dialog
      ref={dialog}
      className="operators-dialog"
      data-testid="operators-dialog"
      aria-label={t('operators.title')}
      onClose={props.onClose}
    >
      <header className="detail-header">
        <h2>{t('operators.title')}</h2>
        <button
          type="button"
          className="button"
          data-testid="operators-add"
          onClick={() => {
            setDraft(EMPTY);
            setVersion(0);
          }}
        >
          {t('operators.add')}
        </button>
        <button type="button" className="button" onClick={() => dialog.current?.close()}>
          {t('operators.close')}
        </button>
      </header>
      <table className="operators-table">
        <thead>
          <tr>
            <th>{t('operators.id')}</th>
            <th>{t('operators.name')}</th>
            <th>{t('operators.roles')}</th>
            <th>{t('operators.languages')}</th>
            <th>{t('operators.state')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {list.map((operator) => {
            const lockedOut = isLockedOut(operator.lockedOutUntil, now);
            return (
              <tr key={operator.id} data-testid="operator-row" data-operator-id={operator.id}>
                <td>
                  <bdi translate="no">{operator.id}</bdi>
                </td>
                <td>
                  <bdi translate="no">{language === 'en' ? operator.name.latin : operator.name.ar}</bdi>
                </td>
                <td>{operator.roles.map((role) => t(`role.${role}`)).join(' · ')}</td>
                <td>{operator.languages.map((code) => t(`callLanguage.${code}`)).join(' · ')}</td>
                <td data-testid="operator-state">
                  {operator.enabled ? t('operators.enabled') : t('operators.disabled')}
                  {lockedOut &&
                    ` · ${t('operators.lockedOut', { time: isolate(formatClock(operator.lockedOutUntil ?? 0, language, timeZone)) })}`}
                </td>
                <td className="operators-row-actions">
                  <button
                    type="button"
                    className="button"
                    onClick={() => {
                      setDraft(draftOf(operator));
                      setVersion(operator.version);
                    }}
                  >
                    {t('operators.edit')}
                  </button>
                  <button
                    type="button"
                    className="button"
                    data-testid="operator-toggle"
                    onClick={() =>
                      runTask(
                        remote.operator
                          .setEnabled({ operatorId: operator.id, enabled: !operator.enabled })
                          .then(applied),
                      )
                    }
                  >
                    {operator.enabled ? t('operators.disable') : t('operators.enable')}
                  </button>
                  {lockedOut && (
                    <button
                      type="button"
                      className="button"
                      onClick={() => runTask(remote.operator.unlock({ operatorId: operator.id }).then(applied))}
                    >
                      {t('operators.unlock')}
                    </button>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <form className="operators-form" onSubmit={save} data-testid="operator-form">
        <label>
          {t('operators.id')}
          <input
            value={draft.id}
            required
            dir="ltr"
            translate="no"
            readOnly={version > 0}
            data-testid="operator-id"
            onChange={(event) => setDraft({ ...draft, id: event.target.value })}
          />
        </label>
        <label>
          {t('operators.nameAr')}
          <input
            value={draft.ar}
            required
            dir="rtl"
            translate="no"
            data-testid="operator-name-ar"
            onChange={(event) => setDraft({ ...draft, ar: event.target.value })}
          />
        </label>
        <label>
          {t('operators.nameLatin')}
          <input
            value={draft.latin}
            required
            dir="ltr"
            translate="no"
            data-testid="operator-name-latin"
            onChange={(event) => setDraft({ ...draft, latin: event.target.value })}
          />
        </label>
        <label>
          {version > 0 ? t('operators.newPassword') : t('operators.password')}
          <input
            type="password"
            value={draft.password}
            required={version === 0}
            autoComplete="new-password"
            dir="ltr"
            data-testid="operator-password"
            onChange={(event) => setDraft({ ...draft, password: event.target.value })}
          />
        </label>
        <fieldset>
          <legend>{t('operators.roles')}</legend>
          {operatorRoles.map((role) => (
            <label key={role} className="check">
              <input
                type="checkbox"
                checked={draft.roles.includes(role)}
                data-testid={`operator-role-${role}`}
                onChange={() => setDraft({ ...draft, roles: toggle(draft.roles, role) })}
              />
              {t(`role.${role}`)}
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>{t('operators.agencies')}</legend>
          {agencies.map((agency) => (
            <label key={agency.code} className="check">
              <input
                type="checkbox"
                checked={draft.agencies.includes(agency.code)}
                onChange={() => setDraft({ ...draft, agencies: toggle(draft.agencies, agency.code) })}
              />
              {localized(agency.name, language, agency.code)}
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>{t('operators.languages')}</legend>
          {callLanguages.map((code) => (
            <label key={code} className="check">
              <input
                type="checkbox"
                checked={draft.languages.includes(code)}
                data-testid={`operator-language-${code}`}
                onChange={() => setDraft({ ...draft, languages: toggle(draft.languages, code) })}
              />
              {t(`callLanguage.${code}`)}
            </label>
          ))}
        </fieldset>
        <button type="submit" className="button button-primary" data-testid="operator-save">
          {t('operators.save')}
        </button>
        {saved && <p role="status">{t('operators.saved', { id: isolate(saved) })}</p>}
        <RefusalText error={refusal} />
      </form>
    </dialog>
  );
}
