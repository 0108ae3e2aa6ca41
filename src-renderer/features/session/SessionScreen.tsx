import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useConsoleStore, consoleSelectors } from '../../store/console/consoleStore';
import { currentLanguage } from '../../i18n';
import { LanguageSwitch } from '../header/LanguageSwitch';
import { WaitingSummary } from './WaitingSummary';
import './session.css';

/** The frame of the sign-in and lock screens: the center, the language, what waits, and the form. */
export function SessionScreen(props: { testId: string; title: string; children: ReactNode }) {
  const { t } = useTranslation();
  const info = useConsoleStore((state) => state.info);
  const training = useConsoleStore(consoleSelectors.isTraining);
  return (
    <main className={`session-screen${training ? ' console-training' : ''}`} data-testid={props.testId}>
      <header className="session-header">
        <div className="brand" aria-hidden="true">
          {t('app.name')}
        </div>
        <div className="session-identity">
          <h1 className="center-name">{info ? info.center.name[currentLanguage()] : t('app.tagline')}</h1>
          {info && (
            <span>
              {t('header.console')}{' '}
              <bdi translate="no" data-testid="console-code">
                {info.consoleCode}
              </bdi>
              {info.profile !== 'live' && (
                <span className={`profile profile-${info.profile}`}> {t(`profile.${info.profile}`)}</span>
              )}
            </span>
          )}
        </div>
        <LanguageSwitch />
      </header>
      <WaitingSummary />
      <section className="session-card">
        <h2>{props.title}</h2>
        {props.children}
      </section>
    </main>
  );
}
