import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../../i18n';
import { localized, taxonomySelectors, useTaxonomyStore } from '../../store/taxonomy/taxonomyStore';

/** The chosen type's key questions and what to tell the caller before help arrives, in the UI language. */
export function Guidance(props: { typeCode: string | null }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const type = useTaxonomyStore((state) => taxonomySelectors.type(state, props.typeCode));
  if (!type) {
    return (
      <aside className="guidance guidance-empty" data-testid="guidance">
        <p>{t('intake.guidanceEmpty')}</p>
      </aside>
    );
  }
  return (
    <aside className="guidance" data-testid="guidance" aria-label={t('intake.guidance')}>
      <section>
        <h3>{t('intake.questions')}</h3>
        <ol className="guidance-list">
          {type.questions.map((question, index) => (
            <li key={index}>{localized(question, language, '')}</li>
          ))}
        </ol>
      </section>
      <section className="guidance-instructions">
        <h3>{t('intake.instructions')}</h3>
        <ol className="guidance-list" data-testid="instructions">
          {type.instructions.map((instruction, index) => (
            <li key={index}>{localized(instruction, language, '')}</li>
          ))}
        </ol>
      </section>
    </aside>
  );
}
