import type { RemoteApi } from '../../../src-shared/contract/api';
import { AppError } from '../../../src-shared/contract/errors';
import type { CallRecord } from '../../../src-shared/domain/call';
import { applyHostEvent } from '../../app/hostFeed';
import { callSelectors, useCallStore } from '../../store/calls/callStore';
import { centerSelectors, useCenterStore } from '../../store/center/centerStore';
import { useIntakeStore } from '../../store/intake/intakeStore';
import { useNoticeStore } from '../../store/notices/noticeStore';
import { useSelectionStore } from '../../store/selection/selectionStore';
import { useMapUiStore } from '../map/mapUiStore';

/** What the dispatcher does during intake, as one function each (used by the form and by shortcuts). */

/** An intake comes to the front: an incident open in its dialog would cover it. */
function bringIntakeForward(): void {
  useSelectionStore.getState().selectIncident(null);
}

/** Takes a waiting call (stamps the answer time) and opens its intake with what the call record knows. */
export async function answerCall(remote: RemoteApi, call: CallRecord): Promise<void> {
  bringIntakeForward();
  const existing = Object.values(useIntakeStore.getState().drafts).find((draft) => draft.callId === call.id);
  if (existing) {
    useIntakeStore.getState().activate(existing.id);
    return;
  }
  const answered = await remote.call.answer({ callId: call.id });
  applyHostEvent({ name: 'onCallChanged', payload: answered });
  useIntakeStore.getState().open(answered, Date.now());
}

/** F4: the call that has waited longest. */
export async function answerNextCall(remote: RemoteApi): Promise<boolean> {
  const center = useCenterStore.getState();
  const thisConsole = centerSelectors.isCenter(center) ? centerSelectors.consoleCode(center) : null;
  const next = callSelectors.nextWaiting(useCallStore.getState(), thisConsole);
  if (!next) return false;
  await answerCall(remote, next);
  return true;
}

/** F2: a call opened by hand (walk-in, radio, a number the telephony feed missed). */
export async function openManualIntake(remote: RemoteApi): Promise<void> {
  bringIntakeForward();
  const call = await remote.call.receive({ source: 'manual' });
  applyHostEvent({ name: 'onCallChanged', payload: call });
  useIntakeStore.getState().open(call, Date.now());
}

/**
 * Creates the incident. The host validates everything again and answers field by field; those
 * messages land beside their fields. The new incident then opens (its recommendation takes the focus,
 * so F9 dispatches) and the map zooms to it. Returns whether the incident was created.
 */
export async function submitIntake(remote: RemoteApi, draftId: string): Promise<boolean> {
  const draft = useIntakeStore.getState().drafts[draftId];
  if (!draft) return false;
  if (!draft.typeCode) {
    useIntakeStore.getState().setIssues(draftId, [{ path: 'typeCode', message: 'required' }]);
    return false;
  }
  try {
    const incident = await remote.intake.submit({ draft });
    applyHostEvent({ name: 'onIncidentChanged', payload: incident });
    applyHostEvent({ name: 'onDraftChanged', payload: { draftId, draft: null } });
    useNoticeStore.getState().push('notice.created', incident.number);
    if (incident.location) useMapUiStore.getState().show(incident.location);
    useSelectionStore.getState().selectIncident(incident.id);
    return true;
  } catch (error) {
    if (error instanceof AppError && error.code === 'INVALID_ARGUMENT' && error.issues && error.issues.length > 0) {
      useIntakeStore.getState().setIssues(draftId, error.issues);
      return false;
    }
    throw error;
  }
}

/** The new call is about an incident the center already has: attach it as an additional caller. */
export async function attachToIncident(remote: RemoteApi, draftId: string, incidentId: string): Promise<void> {
  const draft = useIntakeStore.getState().drafts[draftId];
  if (!draft?.callId) return;
  const incident = await remote.call.attach({ callId: draft.callId, incidentId, draftId });
  applyHostEvent({ name: 'onIncidentChanged', payload: incident });
  applyHostEvent({ name: 'onDraftChanged', payload: { draftId, draft: null } });
  useNoticeStore.getState().push('notice.attached', incident.number);
}

export function rejectDuplicate(draftId: string, incidentId: string): void {
  const draft = useIntakeStore.getState().drafts[draftId];
  if (!draft || draft.rejectedDuplicates.includes(incidentId)) return;
  useIntakeStore.getState().edit(draftId, { rejectedDuplicates: [...draft.rejectedDuplicates, incidentId] });
}

/** Ends the intake without an incident; its call (if still open) is released with the reason. */
export async function releaseIntake(
  remote: RemoteApi,
  draftId: string,
  reason: 'no-emergency' | 'abandoned' | 'misdial' | 'test' | 'other',
): Promise<void> {
  const draft = useIntakeStore.getState().drafts[draftId];
  if (!draft) return;
  if (draft.callId && useCallStore.getState().byId[draft.callId]) {
    const released = await remote.call.release({ callId: draft.callId, reason });
    applyHostEvent({ name: 'onCallChanged', payload: released });
  }
  if (draft.version > 0) await remote.intake.discardDraft({ draftId });
  applyHostEvent({ name: 'onDraftChanged', payload: { draftId, draft: null } });
  useNoticeStore.getState().push('notice.released', null);
}
