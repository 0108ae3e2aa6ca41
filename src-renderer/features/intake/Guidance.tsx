import { useTranslation } from 'react-i18next';
import type { RemoteApi } from '../../../src-shared/contract/api';
import type { CallRecord } from '../../../src-shared/domain/call';
import { useRemote } from '../../app/RemoteContext';
import { applyHostEvent } from '../../app/hostFeed';
import { currentLanguage } from '../../i18n';
import { runTask } from '../../store/errors/errorStore';
import { localized, taxonomySelectors, useTaxonomyStore } from '../../store/taxonomy/taxonomyStore';

async function recordGuidance(remote: RemoteApi, callId: string, typeCode: string, key: string): Promise<void> {
  applyHostEvent({ name: 'onCallChanged', payload: await remote.call.recordGuidance({ callId, typeCode, key }) });
}

/**
 * The chosen type's key questions and what to tell the caller before help arrives, in the UI language.
 * With an answered call, each is a checkbox: ticking it records the question asked or the instruction
 * read (an event of the call, on the incident's timeline); a tick cannot be taken back.
 */
export function Guidance(props: { typeCode: string | null; call?: CallRecord | undefined }) {
  const { t } = useTranslation();
  const remote = useRemote();
  const language = currentLanguage();
  const type = useTaxonomyStore((state) => taxonomySelectors.type(state, props.typeCode));
  if (!type) {
    return (
      <aside className="guidance guidance-empty" data-testid="guidance">
        <p>{t('intake.guidanceEmpty')}</p>
      </aside>
    );
  }
  const call = props.call;
  const recordable = call !== undefined && (call.status === 'answered' || call.status === 'linked');
  const done = new Set((call?.guidance ?? []).filter((step) => step.typeCode === type.code).map((step) => step.key));
  const item = (key: string, text: string, doneLabel: string) =>
    recordable ? (
      <label className="guidance-step">
        <input
          type="checkbox"
          checked={done.has(key)}
          disabled={done.has(key)}
          aria-label={`${doneLabel}: ${text}`}
          data-testid={`guidance-${key}`}
          onChange={() => runTask(recordGuidance(remote, call.id, type.code, key))}
        />
        <span>{text}</span>
      </label>
    ) : (
      text
    );
  return (
    <aside className="guidance" data-testid="guidance" aria-label={t('intake.guidance')}>
      <section>
        <h3>{t('intake.questions')}</h3>
        <ol className="guidance-list">
          {type.questions.map((question, index) => (
            <li key={index}>
              {item(`q${String(index + 1)}`, localized(question, language, ''), t('intake.questionAsked'))}
            </li>
          ))}
        </ol>
      </section>
      <section className="guidance-instructions">
        <h3>{t('intake.instructions')}</h3>
        <ol className="guidance-list" data-testid="instructions">
          {type.instructions.map((instruction, index) => (
            <li key={index}>
              {item(`i${String(index + 1)}`, localized(instruction, language, ''), t('intake.instructionRead'))}
            </li>
          ))}
        </ol>
      </section>
    </aside>
  );
}
