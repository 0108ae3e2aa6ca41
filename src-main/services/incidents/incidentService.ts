import type { Handlers, IncidentApi } from '../../../src-shared/contract/api';
import { AppError } from '../../../src-shared/contract/errors';
import { newEventId } from '../../../src-shared/contract/ids';
import type { IncidentChange } from '../../../src-shared/contract/schemas';
import type { CallRecord } from '../../../src-shared/domain/call';
import type { IncidentRecord } from '../../../src-shared/domain/incident';
import type { Store } from '../store/store';

/** The incident channels: validated arguments in, store writes, every change pushed to all windows. */
export function createIncidentService(deps: {
  store: Store;
  onChanged: (incident: IncidentRecord) => void;
  onCallChanged: (call: CallRecord) => void;
}): Handlers<IncidentApi> {
  const { store, onChanged, onCallChanged } = deps;

  const toEvent = (change: IncidentChange): Parameters<Store['appendIncidentEvent']>[1] =>
    change.type === 'incident.noteAdded'
      ? { type: 'incident.noteAdded', payload: { noteId: newEventId(), text: change.payload.text } }
      : change;

  return {
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
      const { note, ...fields } = args;
      const incident = store.createIncident(
        { ...fields, ...(note !== undefined && note.trim() !== '' && { note }) },
        context.actor,
      );
      onChanged(incident);
      return incident;
    },
    link: ({ incidentId, otherIncidentId, reason }, context) => {
      if (incidentId === otherIncidentId)
        throw new AppError('INVALID_ARGUMENT', 'an incident cannot be linked to itself');
      const [incident, other] = store.atomically('link incidents', () => [
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
      onChanged(other);
      onChanged(incident);
      return incident;
    },
    merge: ({ duplicateId, intoId, reason }, context) => {
      if (duplicateId === intoId) throw new AppError('INVALID_ARGUMENT', 'an incident cannot be merged into itself');
      const [closed, target, movedCalls] = store.atomically('merge incidents', () => {
        const duplicate = store.getIncident(duplicateId);
        if (!duplicate) throw new AppError('NOT_FOUND', `no incident ${duplicateId}`);
        const absorbed = store.appendIncidentEvent(
          intoId,
          {
            type: 'incident.absorbed',
            payload: { sourceIncidentId: duplicateId, callIds: [...duplicate.callIds], reason },
          },
          context.actor,
        );
        const mergedAway = store.appendIncidentEvent(
          duplicateId,
          { type: 'incident.mergedInto', payload: { targetIncidentId: intoId, reason } },
          context.actor,
        );
        // Each caller now belongs to the surviving incident, so its call record says so too.
        const moved = duplicate.callIds.map((callId) =>
          store.appendCallEvent(
            callId,
            { type: 'call.moved', payload: { incidentId: intoId, fromIncidentId: duplicateId } },
            context.actor,
          ),
        );
        return [mergedAway, absorbed, moved] as const;
      });
      onChanged(closed);
      onChanged(target);
      for (const call of movedCalls) onCallChanged(call);
      return target;
    },
    append: (args, context) => {
      const incident = store.appendIncidentEvent(
        args.incidentId,
        toEvent(args.change),
        context.actor,
        args.expectedVersion,
      );
      onChanged(incident);
      return incident;
    },
  };
}
