import type { Handlers, IncidentApi } from '../../../src-shared/contract/api';
import { AppError } from '../../../src-shared/contract/errors';
import { newEventId } from '../../../src-shared/contract/ids';
import type { AppendIncidentArgs, IncidentChange } from '../../../src-shared/contract/schemas';
import { activeUnitsOf, type IncidentRecord } from '../../../src-shared/domain/incident';
import type { Store } from '../store/store';

/** The incident channels: validated arguments in, store writes, every change pushed to all windows. */
export function createIncidentService(deps: {
  store: Store;
  /** Clears the units still on an incident being closed (the unit service); none when absent. */
  clearUnits?: (incidentId: string, actor: string, reason: string) => void;
}): {
  readonly handlers: Handlers<IncidentApi>;
  /** Closes a duplicate into the incident it repeats (the merge channel, and conflict resolutions). */
  readonly merge: (duplicateId: string, intoId: string, reason: string, actor: string) => IncidentRecord;
} {
  const { store } = deps;

  const toEvent = (change: IncidentChange): Parameters<Store['appendIncidentEvent']>[1] =>
    change.type === 'incident.noteAdded'
      ? { type: 'incident.noteAdded', payload: { noteId: newEventId(), text: change.payload.text } }
      : change;

  const merge = (duplicateId: string, intoId: string, reason: string, actor: string): IncidentRecord => {
    if (duplicateId === intoId) throw new AppError('INVALID_ARGUMENT', 'an incident cannot be merged into itself');
    return store.atomically('merge incidents', () => {
      const duplicate = store.getIncident(duplicateId);
      if (!duplicate) throw new AppError('NOT_FOUND', `no incident ${duplicateId}`);
      const absorbed = store.appendIncidentEvent(
        intoId,
        {
          type: 'incident.absorbed',
          payload: { sourceIncidentId: duplicateId, callIds: [...duplicate.callIds], reason },
        },
        actor,
      );
      store.appendIncidentEvent(
        duplicateId,
        { type: 'incident.mergedInto', payload: { targetIncidentId: intoId, reason } },
        actor,
      );
      // Each caller now belongs to the surviving incident, so its call record says so too.
      for (const callId of duplicate.callIds) {
        store.appendCallEvent(
          callId,
          { type: 'call.moved', payload: { incidentId: intoId, fromIncidentId: duplicateId } },
          actor,
        );
      }
      return absorbed;
    });
  };

  const appendChange = (args: AppendIncidentArgs, actor: string): IncidentRecord => {
    const change = toEvent(args.change);
    const { clearUnits } = deps;
    if (change.type !== 'incident.closed' || !clearUnits)
      return store.appendIncidentEvent(args.incidentId, change, actor, args.expectedVersion);
    // Closing clears the units still on the incident first, in the same transaction: a closed
    // incident never keeps units "on scene" (the close dialog lists them before the dispatcher confirms).
    return store.atomically('close incident', () => {
      const current = store.getIncident(args.incidentId);
      if (!current) throw new AppError('NOT_FOUND', `no incident ${args.incidentId}`);
      if (args.expectedVersion !== undefined && current.version !== args.expectedVersion)
        throw new AppError(
          'CONFLICT',
          `incident ${current.number} changed (version ${String(current.version)}, expected ${String(args.expectedVersion)})`,
        );
      if (current.status !== 'closed' && activeUnitsOf(current).length > 0)
        clearUnits(args.incidentId, actor, `incident ${current.number} closed`);
      return store.appendIncidentEvent(args.incidentId, change, actor);
    });
  };

  const handlers: Handlers<IncidentApi> = {
    listOpen: (args) =>
      store.listOpen({
        limit: args.limit ?? 100,
        ...(args.agency !== undefined && { agency: args.agency }),
        ...(args.status !== undefined && { status: args.status }),
      }),
    get: ({ id }) => {
      const incident = store.getIncident(id);
      if (!incident) throw new AppError('NOT_FOUND', `no incident ${id}`);
      return { incident, timeline: store.timeline(id) };
    },
    search: ({ query, limit }) => store.search(query, limit ?? 50),
    create: (args, context) => {
      const { note, requestId, ...fields } = args;
      return store.once(
        'incident.create',
        requestId,
        () =>
          store.createIncident({ ...fields, ...(note !== undefined && note.trim() !== '' && { note }) }, context.actor),
        (id) => store.getIncident(id),
      );
    },
    link: ({ incidentId, otherIncidentId, reason }, context) => {
      if (incidentId === otherIncidentId)
        throw new AppError('INVALID_ARGUMENT', 'an incident cannot be linked to itself');
      const [incident] = store.atomically('link incidents', () => [
        store.appendIncidentEvent(
          incidentId,
          { type: 'incident.linked', payload: { otherIncidentId, reason } },
          context.actor,
        ),
        store.appendIncidentEvent(
          otherIncidentId,
          { type: 'incident.linked', payload: { otherIncidentId: incidentId, reason } },
          context.actor,
        ),
      ]);
      return incident;
    },
    merge: ({ duplicateId, intoId, reason }, context) => merge(duplicateId, intoId, reason, context.actor),
    append: (args, context) =>
      store.once(
        'incident.append',
        args.requestId,
        () => appendChange(args, context.actor),
        (id) => store.getIncident(id),
      ),
  };
  return { handlers, merge };
}
