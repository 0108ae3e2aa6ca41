import { useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { MIN_PASSWORD_LENGTH } from '../../../src-shared/domain/operator';
import { formatCount } from '../../../src-shared/domain/time';
import { useRemote } from '../../app/RemoteContext';
import { currentLanguage } from '../../i18n';
import { useSessionStore } from '../../store/session/sessionStore';
import { RefusalText } from './RefusalText';
import { SessionScreen } from './SessionScreen';
import { createFirstAdministrator, signIn } from './sessionActions';

/** Sign-in name and password; `onSubmit` does the rest (sign-in, or a handover's incoming operator). */
export function CredentialsForm(props: {
  submitLabel: string;
  testId: string;
  onSubmit: (operatorId: string, password: string) => Promise<unknown>;
}) {
  const { t } = useTranslation();
  const [operatorId, setOperatorId] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<unknown>(null);
  const submit = (event: SyntheticEvent): void => {
    event.preventDefault();
    setBusy(true);
    setRefusal(null);
    props
      .onSubmit(operatorId.trim(), password)
      .catch((error: unknown) => {
        setRefusal(error);
        setPassword('');
      })
      .finally(() => setBusy(false));
  };
  return (
    <form className="session-form" onSubmit={submit} data-testid={props.testId}>
      <label>
        {t('session.operatorId')}
        <input
          value={operatorId}
          required
          autoFocus
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          dir="ltr"
          translate="no"
          data-testid={`${props.testId}-operator`}
          onChange={(event) => setOperatorId(event.target.value)}
        />
      </label>
      <label>
        {t('session.password')}
        <input
          type="password"
          value={password}
          required
          autoComplete="current-password"
          dir="ltr"
          data-testid={`${props.testId}-password`}
          onChange={(event) => setPassword(event.target.value)}
        />
      </label>
      <button type="submit" className="button button-primary" disabled={busy} data-testid={`${props.testId}-submit`}>
        {props.submitLabel}
      </button>
      <RefusalText error={refusal} />
    </form>
  );
}

/** A new live profile: the administrator who will add everyone else, created here once. */
function FirstAdministratorForm() {
  const { t } = useTranslation();
  const remote = useRemote();
  const [fields, setFields] = useState({ id: '', ar: '', latin: '', password: '', again: '' });
  const [refusal, setRefusal] = useState<unknown>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const field = (name: keyof typeof fields, label: string, latin: boolean, secret = false) => (
    <label>
      {label}
      <input
        type={secret ? 'password' : 'text'}
        value={fields[name]}
        required
        dir={latin ? 'ltr' : 'auto'}
        translate="no"
        data-testid={`first-admin-${name}`}
        onChange={(event) => setFields({ ...fields, [name]: event.target.value })}
      />
    </label>
  );
  const submit = (event: SyntheticEvent): void => {
    event.preventDefault();
    setRefusal(null);
    if (fields.password.length < MIN_PASSWORD_LENGTH) {
      setProblem(t('session.passwordShort', { count: formatCount(MIN_PASSWORD_LENGTH, currentLanguage()) }));
      return;
    }
    if (fields.password !== fields.again) {
      setProblem(t('session.passwordsDiffer'));
      return;
    }
    setProblem(null);
    createFirstAdministrator(remote, {
      operator: {
        id: fields.id,
        name: { ar: fields.ar, latin: fields.latin },
        roles: ['administrator'],
        agencies: [],
        languages: ['ar'],
      },
      password: fields.password,
    }).catch((error: unknown) => setRefusal(error));
  };
  return (
    <form className="session-form" onSubmit={submit} data-testid="first-admin">
      <p className="session-hint">{t('session.firstAdminHint')}</p>
      {field('id', t('session.operatorId'), true)}
      {field('ar', t('session.nameAr'), false)}
      {field('latin', t('session.nameLatin'), true)}
      {field('password', t('session.password'), true, true)}
      {field('again', t('session.passwordAgain'), true, true)}
      <button type="submit" className="button button-primary" data-testid="first-admin-submit">
        {t('session.create')}
      </button>
      {problem && (
        <p className="session-refusal" role="alert">
          {problem}
        </p>
      )}
      <RefusalText error={refusal} />
    </form>
  );
}

/** The console's first screen: who is about to work here (Arabic first, in the chosen UI language). */
export function SignInScreen() {
  const { t } = useTranslation();
  const remote = useRemote();
  const firstAdministrator = useSessionStore((state) => state.session?.firstAdministratorNeeded ?? false);
  return (
    <SessionScreen
      testId="sign-in"
      title={firstAdministrator ? t('session.firstAdminTitle') : t('session.signInTitle')}
    >
      {firstAdministrator ? (
        <FirstAdministratorForm />
      ) : (
        <>
          <p className="session-hint">{t('session.signInHint')}</p>
          <CredentialsForm
            testId="sign-in-form"
            submitLabel={t('session.signIn')}
            onSubmit={(operatorId, password) => signIn(remote, operatorId, password)}
          />
        </>
      )}
    </SessionScreen>
  );
}
