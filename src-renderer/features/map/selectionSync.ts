import { useSelectionStore } from '../../store/selection/selectionStore';

const CHANNEL = 'nida.selection';

interface SelectionMessage {
  readonly incidentId: string | null;
  readonly unitId: string | null;
}

function isSelectionMessage(value: unknown): value is SelectionMessage {
  if (typeof value !== 'object' || value === null) return false;
  const { incidentId, unitId } = value as Record<string, unknown>;
  const ok = (field: unknown): boolean => field === null || (typeof field === 'string' && field.length <= 64);
  return ok(incidentId) && ok(unitId);
}

/**
 * One selection for every window and tab of this console (the map on the wall display, the
 * dispatcher's screens): the selected unit and incident travel over a BroadcastChannel. A change
 * that came from another window is not sent back. Returns the teardown.
 */
export function startSelectionSync(): () => void {
  if (typeof BroadcastChannel === 'undefined') return () => undefined;
  const channel = new BroadcastChannel(CHANNEL);
  let applying = false;
  channel.onmessage = (event: MessageEvent<unknown>) => {
    if (!isSelectionMessage(event.data)) return;
    const current = useSelectionStore.getState();
    if (current.incidentId === event.data.incidentId && current.unitId === event.data.unitId) return;
    applying = true;
    try {
      useSelectionStore.setState({ incidentId: event.data.incidentId, unitId: event.data.unitId });
    } finally {
      applying = false;
    }
  };
  const stop = useSelectionStore.subscribe((state, previous) => {
    if (applying) return;
    if (state.incidentId === previous.incidentId && state.unitId === previous.unitId) return;
    const message: SelectionMessage = { incidentId: state.incidentId, unitId: state.unitId };
    channel.postMessage(message);
  });
  return () => {
    stop();
    channel.close();
  };
}
