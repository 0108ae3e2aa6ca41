import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  DispatchRecommendation,
  ResponseTargetWarning as ResponseTargetWarningData,
} from '../../../src-shared/contract/api';
import type { IncidentRecord } from '../../../src-shared/domain/incident';
import type { RankedUnit } from '../../../src-shared/domain/recommendation';
import { formatClock, formatCount, intlLocales } from '../../../src-shared/domain/time';
import { useRemote } from '../../app/RemoteContext';
import { ShortcutKey } from '../../app/ShortcutKey';
import { currentLanguage } from '../../i18n';
import { useConsoleStore } from '../../store/console/consoleStore';
import { runTask } from '../../store/errors/errorStore';
import { localized, useTaxonomyStore } from '../../store/taxonomy/taxonomyStore';
import { useDispatchStore } from '../../store/dispatch/dispatchStore';
import { useUnitStore } from '../../store/units/unitStore';
import { unitStatusKey } from '../units/unitLabels';
import { UnitDestination } from '../units/UnitDestination';
import { ProvisionalMark } from '../center/ProvisionalMark';
import { useShallow } from 'zustand/react/shallow';
import { useCenterStore } from '../../store/center/centerStore';

/** The key that dispatches the recommendation of the open incident. */
export const DISPATCH_KEY = 'F9';

const carries = (unit: RankedUnit, capability: string): boolean =>
  unit.kind === capability || unit.capabilities.includes(capability);

/** The units chosen for each plan line: the recommendation, with the dispatcher's swaps. */
function chosenUnits(recommendation: DispatchRecommendation, swaps: Readonly<Record<string, string>>): string[] {
  const ids: string[] = [];
  recommendation.slots.forEach((slot, s) =>
    slot.units.forEach((unit, u) => {
      const id = swaps[`${String(s)}:${String(u)}`] ?? unit.unitId;
      if (!ids.includes(id)) ids.push(id);
    }),
  );
  return ids;
}

function UnitFacts(props: { unit: RankedUnit }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const { unit } = props;
  return (
    <span className="option-meta">
      {unit.distanceM !== null &&
        t('dispatch.distance', {
          km: new Intl.NumberFormat(intlLocales[language], { maximumFractionDigits: 1 }).format(unit.distanceM / 1000),
        })}
      {unit.etaS !== null &&
        `${t('detail.listSeparator')}${t('dispatch.eta', { minutes: formatCount(Math.max(1, Math.round(unit.etaS / 60)), language) })}`}
      {`${t('detail.listSeparator')}${t(`dispatch.origin.${unit.origin ?? 'none'}`)}`}
    </span>
  );
}

const minutes = (seconds: number): number => Math.max(1, Math.round(seconds / 60));

/** A priority-1 incident out of reach of its type's target: say so, and who else is nearest. */
function ResponseTargetWarning(props: { warning: ResponseTargetWarningData }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const { warning } = props;
  const target = formatCount(minutes(warning.targetS), language);
  return (
    <div className="dispatch-target-warning" role="alert" data-testid="response-target-warning">
      <strong>
        {warning.bestEtaS === null
          ? t('dispatch.overTargetNone', { target })
          : t('dispatch.overTarget', { target, best: formatCount(minutes(warning.bestEtaS), language) })}
      </strong>
      <h4>{t('dispatch.mutualAid')}</h4>
      {warning.mutualAid.length === 0 ? (
        <p className="option-meta">{t('dispatch.mutualAidNone')}</p>
      ) : (
        <ul className="dispatch-units" data-testid="mutual-aid-units">
          {warning.mutualAid.map((unit) => (
            <li key={unit.unitId} className="dispatch-unit" data-unit-id={unit.unitId}>
              <bdi translate="no">{unit.callsign}</bdi>
              <UnitFacts unit={unit} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/**
 * The incident's units: those assigned (with undo and a reason), and the recommendation — the type's
 * response plan filled with the fastest available units. Any unit can be swapped before F9 sends it.
 */
export function DispatchPanel(props: { incident: IncidentRecord }) {
  const { t } = useTranslation();
  const provisionalUnits = useCenterStore(useShallow((state) => state.status?.provisional.units ?? []));
  const remote = useRemote();
  const language = currentLanguage();
  const { incident } = props;
  const timeZone = useConsoleStore((state) => state.info?.timeZone);
  const taxonomy = useTaxonomyStore((state) => state.taxonomy);
  const units = useUnitStore((state) => state.units);
  const setPending = useDispatchStore((state) => state.setPending);
  const [recommendation, setRecommendation] = useState<DispatchRecommendation | null>(null);
  const [swaps, setSwaps] = useState<Record<string, string>>({});
  const [undoing, setUndoing] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  // Any unit's change (here or in another window) can change the ranking: count them as a version.
  const rosterVersion = useMemo(() => Object.values(units).reduce((sum, unit) => sum + unit.version, 0), [units]);

  useEffect(() => {
    if (incident.status === 'closed') return;
    let current = true;
    runTask(
      remote.dispatch.recommend({ incidentId: incident.id }).then((next) => {
        if (!current) return;
        setRecommendation(next);
        setSwaps({});
      }),
    );
    return () => {
      current = false;
    };
  }, [incident.id, incident.version, incident.status, rosterVersion, remote]);

  const shown = recommendation?.incidentId === incident.id && incident.status !== 'closed' ? recommendation : null;
  const chosen = useMemo(() => (shown ? chosenUnits(shown, swaps) : []), [shown, swaps]);
  useEffect(() => {
    setPending(chosen.length > 0 ? { incidentId: incident.id, unitIds: chosen } : null);
    return () => setPending(null);
  }, [chosen, incident.id, setPending]);

  // The recommendation is what the dispatcher acts on next (F9 or Enter sends it): it takes the focus once
  // per incident when it first shows, unless the dispatcher is already typing somewhere.
  const dispatchButton = useRef<HTMLButtonElement>(null);
  const focusedFor = useRef<string | null>(null);
  const ready = shown !== null && chosen.length > 0;
  useEffect(() => {
    if (!ready || focusedFor.current === incident.id) return;
    focusedFor.current = incident.id;
    const current = document.activeElement;
    const typing =
      current instanceof HTMLInputElement ||
      current instanceof HTMLTextAreaElement ||
      current instanceof HTMLSelectElement;
    if (!typing) dispatchButton.current?.focus();
  }, [ready, incident.id]);

  const capabilityName = (code: string): string =>
    localized(taxonomy?.capabilities.find((capability) => capability.code === code)?.name, language, code);
  const active = incident.units.filter((unit) => unit.status !== 'cleared');

  return (
    <section className="dispatch-panel" aria-label={t('dispatch.title')} data-testid="dispatch-panel">
      <h3>{t('dispatch.assigned')}</h3>
      {incident.units.length === 0 ? (
        <p className="option-meta">{t('dispatch.none')}</p>
      ) : (
        <ul className="dispatch-units" data-testid="assigned-units">
          {incident.units.map((unit, index) => (
            <li
              key={`${unit.unitId}-${String(index)}`}
              className="dispatch-unit"
              data-unit-id={unit.unitId}
              data-status={unit.status}
            >
              <bdi translate="no">{unit.callsign}</bdi>
              <span className="badge">{t(unitStatusKey(unit.status))}</span>
              {unit.destination && <UnitDestination hospital={unit.destination} />}
              {provisionalUnits.includes(unit.unitId) && <ProvisionalMark />}
              <time className="option-meta">{formatClock(unit.dispatchedAt, language, timeZone)}</time>
              {unit.status !== 'cleared' &&
                (undoing === unit.unitId ? (
                  <form
                    onSubmit={(event) => {
                      event.preventDefault();
                      if (!reason.trim()) return;
                      runTask(
                        remote.dispatch
                          .undo({ incidentId: incident.id, unitId: unit.unitId, reason: reason.trim() })
                          .then(() => {
                            setUndoing(null);
                            setReason('');
                          }),
                      );
                    }}
                  >
                    <input
                      aria-label={t('dispatch.undoReason')}
                      placeholder={t('dispatch.undoReason')}
                      value={reason}
                      required
                      autoFocus
                      data-testid="undo-reason"
                      onChange={(event) => setReason(event.target.value)}
                    />
                    <button type="submit" className="button">
                      {t('dispatch.confirmUndo')}
                    </button>
                  </form>
                ) : (
                  <button
                    type="button"
                    className="button"
                    data-testid="undo-dispatch"
                    onClick={() => setUndoing(unit.unitId)}
                  >
                    {t('dispatch.undo')}
                  </button>
                ))}
            </li>
          ))}
        </ul>
      )}
      {incident.status !== 'closed' && (
        <>
          <h3>{t('dispatch.recommended')}</h3>
          {!shown ? (
            <p className="option-meta">{t('dispatch.loading')}</p>
          ) : (
            <>
              {!shown.ranked && <p className="option-meta">{t('dispatch.noLocation')}</p>}
              {shown.responseTarget && <ResponseTargetWarning warning={shown.responseTarget} />}
              <ul className="dispatch-units" data-testid="recommended-units">
                {shown.slots.flatMap((slot, s) => [
                  ...slot.units.map((unit, u) => {
                    const key = `${String(s)}:${String(u)}`;
                    const pickedId = swaps[key] ?? unit.unitId;
                    const options = [unit, ...shown.alternatives.filter((other) => carries(other, slot.capability))];
                    const picked = options.find((option) => option.unitId === pickedId) ?? unit;
                    return (
                      <li key={key} className="dispatch-unit" data-testid="recommended-unit" data-unit-id={pickedId}>
                        <span className="badge">{capabilityName(slot.capability)}</span>
                        <select
                          aria-label={t('dispatch.swapFor', { capability: capabilityName(slot.capability) })}
                          value={pickedId}
                          translate="no"
                          data-testid="swap-unit"
                          onChange={(event) => setSwaps({ ...swaps, [key]: event.target.value })}
                        >
                          {options.map((option) => (
                            <option key={option.unitId} value={option.unitId} dir="auto">
                              {option.callsign}
                            </option>
                          ))}
                        </select>
                        <UnitFacts unit={picked} />
                      </li>
                    );
                  }),
                  ...(slot.missing > 0
                    ? [
                        <li key={`${String(s)}:missing`} className="dispatch-unit dispatch-slot-missing">
                          <span className="badge">{capabilityName(slot.capability)}</span>
                          {t('dispatch.missing', { count: formatCount(slot.missing, language) })}
                        </li>,
                      ]
                    : []),
                ])}
              </ul>
              <button
                ref={dispatchButton}
                type="button"
                className="button button-primary"
                data-testid="dispatch-recommended"
                disabled={chosen.length === 0}
                onClick={() => runTask(dispatchPending(remote))}
              >
                <ShortcutKey keys={DISPATCH_KEY} />
                {chosen.length > 0 ? t('dispatch.dispatchAll') : t('dispatch.nothingToDispatch')}
              </button>
            </>
          )}
        </>
      )}
      {active.length > 0 && <span hidden data-testid="active-units" data-count={active.length} />}
    </section>
  );
}

/** Dispatches what the open incident's panel proposes (its button and the F9 key). */
export async function dispatchPending(remote: ReturnType<typeof useRemote>): Promise<void> {
  const pending = useDispatchStore.getState().pending;
  if (!pending || pending.unitIds.length === 0) return;
  useDispatchStore.getState().setPending(null);
  await remote.dispatch.dispatch({ incidentId: pending.incidentId, unitIds: [...pending.unitIds] });
}
