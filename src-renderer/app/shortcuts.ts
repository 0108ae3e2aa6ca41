import { useEffect } from 'react';
import type { RemoteApi } from '../../src-shared/contract/api';
import {
  answerNextCall,
  attachToIncident,
  openManualIntake,
  rejectDuplicate,
  submitIntake,
} from '../features/intake/intakeActions';
import { intakeSelectors, useIntakeStore } from '../store/intake/intakeStore';
import { COMMAND_KEY } from '../features/dispatch/CommandBar';
import { DISPATCH_KEY, dispatchPending } from '../features/dispatch/DispatchPanel';
import { runTask } from '../store/errors/errorStore';
import { useDispatchStore } from '../store/dispatch/dispatchStore';
import { focusIncidentSearch, SEARCH_KEY } from '../features/queue/queueKeys';

/** The console's keyboard shortcuts; the status bar lists them (`shortcuts.*` in the catalogues). */
export const SHORTCUTS = [
  'newCall',
  'answerNext',
  'create',
  'dispatch',
  'attachDuplicate',
  'rejectDuplicate',
  'switchIntake',
  'searchIncident',
  'mapBack',
] as const;

function firstProposal(): { draftId: string; incidentId: string } | null {
  const state = useIntakeStore.getState();
  const draft = intakeSelectors.active(state);
  if (!draft) return null;
  const proposal = (state.proposals[draft.id] ?? []).find(
    (entry) => !draft.rejectedDuplicates.includes(entry.incident.id),
  );
  return proposal ? { draftId: draft.id, incidentId: proposal.incident.id } : null;
}

/** Every shortcut works from any field: a dispatcher never reaches for the mouse mid-call. */
export function useShortcuts(remote: RemoteApi): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent): void => {
      const active = intakeSelectors.active(useIntakeStore.getState());
      if (event.key === 'F2') {
        event.preventDefault();
        runTask(openManualIntake(remote));
      } else if (event.key === 'F4') {
        event.preventDefault();
        runTask(answerNextCall(remote));
      } else if (event.key === SEARCH_KEY) {
        event.preventDefault();
        focusIncidentSearch();
      } else if (event.key === COMMAND_KEY) {
        event.preventDefault();
        useDispatchStore.getState().focusCommandLine();
      } else if (event.key === DISPATCH_KEY && useDispatchStore.getState().pending) {
        // The open incident's recommendation (with the dispatcher's swaps) goes out with one key.
        event.preventDefault();
        runTask(dispatchPending(remote));
      } else if (event.key === 'Enter' && (event.ctrlKey || event.metaKey) && active) {
        event.preventDefault();
        // Flush a narrative line still in the box: submitting must not drop what was typed.
        const pending = document.activeElement;
        if (
          pending instanceof HTMLTextAreaElement &&
          pending.dataset['testid'] === 'narrative-input' &&
          pending.value.trim()
        ) {
          useIntakeStore.getState().edit(active.id, {
            narrative: [...active.narrative, { at: Date.now(), text: pending.value.trim() }],
          });
        }
        runTask(submitIntake(remote, active.id));
      } else if (event.altKey && (event.code === 'KeyY' || event.code === 'KeyN')) {
        const proposal = firstProposal();
        if (!proposal) return;
        event.preventDefault();
        if (event.code === 'KeyY') runTask(attachToIncident(remote, proposal.draftId, proposal.incidentId));
        else rejectDuplicate(proposal.draftId, proposal.incidentId);
      } else if (event.altKey && /^Digit[1-9]$/.test(event.code)) {
        const tab = intakeSelectors.tabs(useIntakeStore.getState())[Number(event.code.slice(5)) - 1];
        if (!tab) return;
        event.preventDefault();
        useIntakeStore.getState().activate(tab.id);
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [remote]);
}
