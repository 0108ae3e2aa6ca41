import type { RemoteApi } from '../../../src-shared/contract/api';
import { AppError } from '../../../src-shared/contract/errors';
import type { IntakeDraft } from '../../../src-shared/contract/schemas';
import { applyHostSnapshot } from '../../app/hostFeed';
import { runTask, useErrorStore } from '../../store/errors/errorStore';
import { useIntakeStore } from '../../store/intake/intakeStore';

const SAVE_DELAY_MS = 300;
const PROPOSAL_DELAY_MS = 250;

/**
 * Keeps the host's copy of every intake current (so a reload or another window loses nothing),
 * and the duplicate proposals current with the fields they depend on. Returns the teardown.
 */
export function startIntakeSync(remote: RemoteApi): () => void {
  const saveTimers = new Map<string, ReturnType<typeof setTimeout>>();
  const proposalTimers = new Map<string, ReturnType<typeof setTimeout>>();
  const proposalKeys = new Map<string, string>();
  const saving = new Set<string>();

  const save = async (draftId: string): Promise<void> => {
    const draft = useIntakeStore.getState().drafts[draftId];
    if (!draft || saving.has(draftId)) return;
    saving.add(draftId);
    try {
      const saved = await remote.intake.saveDraft({ draft });
      useIntakeStore.getState().markSaved(draftId, saved.version, draft);
    } catch (error) {
      // The intake was submitted or attached meanwhile: its last save no longer matters.
      if (useIntakeStore.getState().closed[draftId]) return;
      if (error instanceof AppError && error.code === 'CONFLICT') {
        // Another window saved first: take the host's copy rather than overwrite it.
        applyHostSnapshot('drafts', await remote.intake.drafts({}));
      }
      useErrorStore.getState().report(error);
    } finally {
      saving.delete(draftId);
      if (useIntakeStore.getState().unsaved[draftId]) schedule(draftId);
    }
  };

  const schedule = (draftId: string): void => {
    clearTimeout(saveTimers.get(draftId));
    saveTimers.set(
      draftId,
      setTimeout(() => void save(draftId), SAVE_DELAY_MS),
    );
  };

  const refreshProposals = (draft: IntakeDraft): void => {
    const key = JSON.stringify([draft.location?.lat, draft.location?.lon, draft.callerNumber, draft.typeCode]);
    if (proposalKeys.get(draft.id) === key) return;
    proposalKeys.set(draft.id, key);
    clearTimeout(proposalTimers.get(draft.id));
    proposalTimers.set(
      draft.id,
      setTimeout(() => {
        runTask(
          remote.call
            .duplicates({
              ...(draft.callId !== null && { callId: draft.callId }),
              ...(draft.location !== null && { location: draft.location }),
              ...(draft.callerNumber.trim() !== '' && { callerNumber: draft.callerNumber.trim() }),
              ...(draft.typeCode !== null && { typeCode: draft.typeCode }),
            })
            .then((proposals) => useIntakeStore.getState().setProposals(draft.id, proposals)),
        );
      }, PROPOSAL_DELAY_MS),
    );
  };

  const unsubscribe = useIntakeStore.subscribe((state, previous) => {
    for (const draftId of Object.keys(state.unsaved)) {
      if (state.drafts[draftId] !== previous.drafts[draftId] || !previous.unsaved[draftId]) schedule(draftId);
    }
    for (const draft of Object.values(state.drafts)) refreshProposals(draft);
  });

  return () => {
    unsubscribe();
    for (const timer of [...saveTimers.values(), ...proposalTimers.values()]) clearTimeout(timer);
  };
}
