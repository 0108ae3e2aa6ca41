import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HandoverSummary } from '../../../src-shared/contract/api';
import { formatCount } from '../../../src-shared/domain/time';
import { useRemote } from '../../app/RemoteContext';
import { currentLanguage } from '../../i18n';
import { useSessionStore } from '../../store/session/sessionStore';
import { useTaxonomyStore, localized } from '../../store/taxonomy/taxonomyStore';
import { unitStatusKey } from '../units/unitLabels';
import { CredentialsForm } from './SignInScreen';
import { RefusalText } from './RefusalText';
import { operatorName } from './operatorName';
import { acceptHandover, beginHandover, saveHandoverNotes } from './sessionActions';

type Step = 'notes' | 'incoming' | 'summary';

/**
 * Shift handover at this position, without closing the console: the outgoing operator leaves notes,
 * the incoming one signs in, reads what they take over (open incidents of their agencies, committed
 * units, alarms nobody acknowledged, the notes) and acknowledges it. The handover is an event; from
 * then on every action here is theirs. From the lock screen the notes step is skipped.
 */
export function HandoverDialog(props: { fromLock?: boolean; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const remote = useRemote();
  const dialog = useRef<HTMLDialogElement>(null);
  const savedNotes = useSessionStore((state) => state.session?.handoverNotes ?? '');
  const types = useTaxonomyStore((state) => state.taxonomy?.types);
  const [step, setStep] = useState<Step>(props.fromLock ? 'incoming' : 'notes');
  const [notes, setNotes] = useState(savedNotes);
  const [summary, setSummary] = useState<HandoverSummary | null>(null);
  const [refusal, setRefusal] = useState<unknown>(null);
  const language = currentLanguage();

  useEffect(() => {
    dialog.current?.showModal();
  }, []);

  const typeName = (code: string): string => {
    const type = types?.find((entry) => entry.code === code);
    return type ? localized(type.name, language, code) : code;
  };

  return (
    <dialog
      ref={dialog}
      className="handover-dialog"
      data-testid="handover-dialog"
      aria-label={t('session.handover.title')}
      onClose={props.onClose}
    >
      <header className="detail-header">
        <h2>{t('session.handover.title')}</h2>
        <button type="button" className="button" onClick={() => dialog.current?.close()}>
          {t('session.handover.cancel')}
        </button>
      </header>
      {step === 'notes' && (
        <form
          className="session-form"
          onSubmit={(event) => {
            event.preventDefault();
            saveHandoverNotes(remote, notes)
              .then(() => setStep('incoming'))
              .catch((error: unknown) => setRefusal(error));
          }}
        >
          <label>
            {t('session.handover.notesLabel')}
            <textarea
              rows={5}
              value={notes}
              dir="auto"
              data-testid="handover-notes"
              onChange={(event) => setNotes(event.target.value)}
            />
          </label>
          <button type="submit" className="button button-primary" data-testid="handover-next">
            {t('session.handover.next')}
          </button>
          <RefusalText error={refusal} />
        </form>
      )}
      {step === 'incoming' && (
        <>
          <p className="session-hint">{t('session.handover.incomingHint')}</p>
          <CredentialsForm
            testId="handover-form"
            submitLabel={t('session.handover.continue')}
            onSubmit={async (operatorId, password) => {
              setSummary(await beginHandover(remote, operatorId, password));
              setStep('summary');
            }}
          />
        </>
      )}
      {step === 'summary' && summary && (
        <section className="handover-summary" data-testid="handover-summary">
          <p>
            {t('session.handover.from')}:{' '}
            <bdi translate="no">{summary.outgoing ? summary.outgoing.name : t('session.handover.nobody')}</bdi>
            {' → '}
            <bdi translate="no" data-testid="handover-incoming">
              {operatorName(summary.incoming, i18n.language)}
            </bdi>
          </p>
          <h3>
            {t('session.handover.openIncidents')} ({formatCount(summary.openIncidents.length, language)})
          </h3>
          <ul data-testid="handover-incidents">
            {summary.openIncidents.map((incident) => (
              <li key={incident.id}>
                <bdi translate="no">{incident.number}</bdi> · {typeName(incident.typeCode)} ·{' '}
                {t(`status.${incident.status}`)}
              </li>
            ))}
          </ul>
          <h3>
            {t('session.handover.unitsCommitted')} ({formatCount(summary.unitsCommitted.length, language)})
          </h3>
          <ul data-testid="handover-units">
            {summary.unitsCommitted.map((unit) => (
              <li key={unit.unitId}>
                <bdi translate="no">{unit.callsign}</bdi> · {t(unitStatusKey(unit.status))}
              </li>
            ))}
          </ul>
          <h3>
            {t('session.handover.alarms')} ({formatCount(summary.alarms.length, language)})
          </h3>
          <h3>{t('session.handover.notes')}</h3>
          <p className="handover-notes" dir="auto" data-testid="handover-notes-shown">
            {summary.notes || t('session.handover.noNotes')}
          </p>
          <button
            type="button"
            className="button button-primary"
            data-testid="handover-accept"
            onClick={() => {
              acceptHandover(remote, summary.handoverId)
                .then(() => dialog.current?.close())
                .catch((error: unknown) => setRefusal(error));
            }}
          >
            {t('session.handover.accept')}
          </button>
          <RefusalText error={refusal} />
        </section>
      )}
    </dialog>
  );
}
