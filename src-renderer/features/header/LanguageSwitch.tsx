import { useTranslation } from 'react-i18next';
import { languageCodes } from '../../../src-shared/contract/schemas';
import { changeLanguage } from '../../i18n';
import { runTask } from '../../store/errors/errorStore';

/** Switches the whole window live; the choice is kept per workstation. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <div className="language-switch" role="group" aria-label={t('header.language')}>
      {languageCodes.map((language) => (
        <button
          key={language}
          type="button"
          lang={language}
          translate="no"
          aria-pressed={i18n.language === language}
          data-testid={`language-${language}`}
          onClick={() => runTask(changeLanguage(language))}
        >
          {t(`language.${language}`)}
        </button>
      ))}
    </div>
  );
}
