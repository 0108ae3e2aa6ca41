import type { CenterApi, Handlers } from '../../../src-shared/contract/api';
import { AppError } from '../../../src-shared/contract/errors';
import type { ConflictRecord, ConflictResolution } from '../../../src-shared/domain/conflict';
import type { Store } from '../store/store';
import type { UnitService } from '../units/unitService';

export interface ConflictService {
  readonly handlers: Pick<Handlers<CenterApi>, 'conflicts' | 'resolveConflict'>;
}

/**
 * The shift lead's side of conflicts (docs/center.md, "Conflicts"): the list, and one-key
 * resolutions, each an event of the log, with the action it stands for done through the usual paths.
 */
export function createConflictService(deps: {
  store: Store;
  units: Pick<UnitService, 'undo'>;
  /** Merges one incident into another (the incident service's merge). */
  mergeIncidents: (duplicateId: string, intoId: string, reason: string, actor: string) => unknown;
}): ConflictService {
  const { store } = deps;

  /** The two incidents a conflict is about: the loser's, the winner's. */
  const incidentsOf = (conflict: ConflictRecord): { loser: string | null; winner: string | null } => {
    if (conflict.kind === 'unit-assignment')
      return { loser: conflict.loser.incidentId, winner: conflict.winner.incidentId };
    // A call both sides took: the incident the call now belongs to is the winner's; the other
    // incident made from the same call is the loser's.
    const call = store.getCall(conflict.subjectId);
    const made = store
      .listOpen({ limit: 5000 })
      .filter((incident) => incident.callIds.includes(conflict.subjectId))
      .map((incident) => incident.id);
    const winner = call?.incidentId ?? null;
    return { winner, loser: made.find((id) => id !== winner) ?? null };
  };

  const act = (conflict: ConflictRecord, resolution: ConflictResolution, actor: string, note: string): void => {
    const incidents = incidentsOf(conflict);
    switch (resolution) {
      case 'keep-winner':
      case 'reassign':
        return;
      case 'release':
        if (conflict.kind !== 'unit-assignment' || !incidents.winner)
          throw new AppError('INVALID_ARGUMENT', 'only a unit taken for an incident can be released');
        deps.units.undo(incidents.winner, conflict.subjectId, `conflict ${conflict.id}: ${note}`, actor);
        return;
      case 'merge':
        if (!incidents.loser || !incidents.winner || incidents.loser === incidents.winner)
          throw new AppError('INVALID_ARGUMENT', 'there are not two incidents to merge');
        deps.mergeIncidents(incidents.loser, incidents.winner, `conflict ${conflict.id}: ${note}`, actor);
        return;
    }
  };

  return {
    handlers: {
      conflicts: () => store.conflicts(),
      resolveConflict: ({ conflictId, resolution, note }, context) => {
        return store.atomically('resolve conflict', () => {
          const conflict = store.getConflict(conflictId);
          if (!conflict) throw new AppError('NOT_FOUND', `no conflict ${conflictId}`);
          if (conflict.resolution)
            throw new AppError(
              'CONFLICT',
              `already resolved (${conflict.resolution.kind}) by ${conflict.resolution.by}`,
            );
          act(conflict, resolution, context.actor, note ?? resolution);
          return store.appendConflictEvent(
            conflictId,
            { type: 'conflict.resolved', payload: { resolution, ...(note !== undefined && { note }) } },
            context.actor,
          );
        });
      },
    },
  };
}
