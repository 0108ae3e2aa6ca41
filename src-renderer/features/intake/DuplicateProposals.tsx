import { useTranslation } from 'react-i18next';
import type { DuplicateProposal } from '../../../src-shared/contract/api';
import { formatElapsed, intlLocales } from '../../../src-shared/domain/time';
import { useRemote } from '../../app/RemoteContext';
import { ShortcutKey } from '../../app/ShortcutKey';
import { currentLanguage } from '../../i18n';
import { localized, useTaxonomyStore } from '../../store/taxonomy/taxonomyStore';
import { runTask } from '../../store/errors/errorStore';
import { attachToIncident, rejectDuplicate } from './intakeActions';

/**
 * Open incidents this call is probably about. One key each: Alt+Y attaches the call to the first
 * one as an additional caller, Alt+N rejects it (and it is not proposed again for this intake).
 */
export function DuplicateProposals(props: {
  draftId: string;
  callId: string | null;
  proposals: readonly DuplicateProposal[];
}) {
  const { t } = useTranslation();
  const remote = useRemote();
  const language = currentLanguage();
  const taxonomy = useTaxonomyStore((state) => state.taxonomy);
  if (props.proposals.length === 0) return null;
  const distance = new Intl.NumberFormat(intlLocales[language], { maximumFractionDigits: 0 });
  return (
    <section
      className="duplicates"
      role="alert"
      data-testid="duplicate-proposals"
      aria-label={t('intake.duplicates.title')}
    >
      <h3>{t('intake.duplicates.title')}</h3>
      {props.proposals.map((proposal, index) => {
        const type = taxonomy?.types.find((entry) => entry.code === proposal.incident.typeCode);
        return (
          <div
            key={proposal.incident.id}
            className="duplicate"
            data-testid="duplicate-proposal"
            data-number={proposal.incident.number}
          >
            <div className="duplicate-text">
              <bdi translate="no" className="incident-number">
                {proposal.incident.number}
              </bdi>{' '}
              <span>{localized(type?.name, language, proposal.incident.typeCode)}</span>
              <div className="duplicate-meta">
                {proposal.reason === 'same-caller'
                  ? t('intake.duplicates.sameCaller')
                  : t('intake.duplicates.nearby', { distance: distance.format(proposal.distanceM ?? 0) })}{' '}
                · {t('intake.duplicates.age', { age: formatElapsed(proposal.ageMs, language) })}
              </div>
            </div>
            {props.callId !== null && (
              <button
                type="button"
                className="button button-primary"
                data-testid="duplicate-attach"
                onClick={() => runTask(attachToIncident(remote, props.draftId, proposal.incident.id))}
              >
                {t('intake.duplicates.attach')}
                {index === 0 && <ShortcutKey keys="Alt+Y" />}
              </button>
            )}
            <button
              type="button"
              className="button"
              data-testid="duplicate-reject"
              onClick={() => rejectDuplicate(props.draftId, proposal.incident.id)}
            >
              {t('intake.duplicates.reject')}
              {index === 0 && <ShortcutKey keys="Alt+N" />}
            </button>
          </div>
        );
      })}
    </section>
  );
}
