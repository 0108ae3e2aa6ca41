import { useTranslation } from 'react-i18next';
import { useConsoleStore } from '../../store/console/consoleStore';
import { Clock } from './Clock';
import { LanguageSwitch } from './LanguageSwitch';
import { LinkIndicators } from './LinkIndicators';
import { KpiButton } from '../kpi/KpiView';
import { ConflictsButton } from '../center/ConflictsButton';
import { WorkspaceTools } from '../workspace/WorkspaceTools';
import { OperatorMenu } from '../session/OperatorMenu';

function CenterIdentity() {
  const { t, i18n } = useTranslation();
  const info = useConsoleStore((state) => state.info);
  const language = i18n.language as 'ar' | 'en' | 'ckb';
  return (
    <div className="identity">
      <div className="brand" aria-hidden="true">
        {t('app.name')}
      </div>
      <div className="identity-text">
        <h1 className="center-name" data-testid="center-name">
          {info ? info.center.name[language] : t('app.tagline')}
        </h1>
        <div className="identity-meta">
          {info && (
            <>
              <span>
                {t('header.console')}{' '}
                <bdi translate="no" data-testid="console-code">
                  {info.consoleCode}
                </bdi>
              </span>
              <span className={`profile profile-${info.profile}`} data-testid="profile">
                {t(`profile.${info.profile}`)}
              </span>
            </>
          )}
        </div>
      </div>
    </div>
  );
}

export function Header() {
  return (
    <header className="console-header">
      <CenterIdentity />
      <Clock />
      <LinkIndicators />
      <ConflictsButton />
      <KpiButton />
      <WorkspaceTools />
      <LanguageSwitch />
      <OperatorMenu />
    </header>
  );
}
