import { readJsonFile } from '../runtime/jsonFile';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type {
  DispatchApi,
  DispatchRecommendation,
  Handlers,
  ResponseTargetWarning,
} from '../../../src-shared/contract/api';
import { AppError } from '../../../src-shared/contract/errors';
import type { AuditAction } from '../store/audit';
import { DEFAULT_ETA_MODEL, type EtaModel } from '../../../src-shared/domain/eta';
import { requireSupervisor } from '../../../src-shared/domain/operatorRole';
import { activeUnitsOf, recentlyClearedUnitIds, type IncidentRecord } from '../../../src-shared/domain/incident';
import {
  bestEtaS,
  missesTarget,
  mutualAidUnits,
  recommendUnits,
  UnitIndex,
  type Recommendation,
} from '../../../src-shared/domain/recommendation';
import {
  NO_OVERRIDES,
  parseResponsePlans,
  planFor,
  type PlanItem,
  type ResponsePlans,
} from '../../../src-shared/domain/responsePlan';
import type { Taxonomy } from '../../../src-shared/domain/taxonomy';
import type { UnitPosition } from '../../../src-shared/domain/unit';
import type { Clock } from '../runtime/clock';
import type { Logger } from '../runtime/logger';
import type { Store } from '../store/store';
import type { UnitService } from '../units/unitService';

export class ResponsePlansError extends Error {
  override readonly name = 'ResponsePlansError';
}

/** The center's response plans: `<data>/response-plans/response-plans.json`, else the shipped file. */
export function loadResponsePlans(dataDir: string, resourcesDir: string, taxonomy: Taxonomy): ResponsePlans {
  const candidates = [
    join(dataDir, 'response-plans', 'response-plans.json'),
    join(resourcesDir, 'response-plans', 'response-plans.json'),
  ];
  const path = candidates.find((candidate) => existsSync(candidate));
  if (!path) return NO_OVERRIDES;
  let raw: unknown;
  try {
    raw = readJsonFile(path);
  } catch (error) {
    throw new ResponsePlansError(`${path}: not JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  const parsed = parseResponsePlans(raw, taxonomy);
  if (!parsed.ok) throw new ResponsePlansError(`${path} is invalid:\n  ${parsed.errors.join('\n  ')}`);
  return parsed.value;
}

/** Positions the recommendation may be at most this old before the index is rebuilt. */
const INDEX_MAX_AGE_MS = 1_000;
/** A unit that cleared from an incident this recently is not recommended to it again. */
const RECENTLY_CLEARED_MS = 30 * 60_000;
/** Mutual-aid units listed when a priority-1 incident cannot be reached in time. */
const MUTUAL_AID_COUNT = 3;

export interface DispatchService {
  readonly handlers: Handlers<DispatchApi>;
  dispose(): void;
}

/** Where units are now: the AVL service's latest positions. */
export interface PositionSource {
  positionOf(unitId: string): UnitPosition | null;
}

/**
 * Recommendation and dispatch. Positions come through `positionOf` (the AVL feed), falling back to
 * each unit's home station when stale or absent; the spatial index is rebuilt at most once a second
 * and after every roster change, never per unit per query.
 */
export function createDispatchService(deps: {
  store: Store;
  units: UnitService;
  taxonomy: Taxonomy;
  plans: ResponsePlans;
  clock: Clock;
  /** The audit chain: overrides are recorded there. */
  recordAction: (action: Omit<AuditAction, 'at' | 'consoleId'>) => void;
  logger: Logger;
  /** Latest unit positions (AVL), so recommendations rank from where units are now. */
  positions: PositionSource;
  model?: EtaModel;
}): DispatchService {
  const { store, units, clock } = deps;
  const model = deps.model ?? DEFAULT_ETA_MODEL;
  const positionOf = (unitId: string): UnitPosition | null => deps.positions.positionOf(unitId);
  let index: { built: number; index: UnitIndex } | null = null;
  // A roster or status change (here or, in center mode, at another console) rebuilds the index.
  const stopFollowingRoster = units.onChanged(() => {
    index = null;
  });

  const currentIndex = (): UnitIndex => {
    const now = clock.now();
    if (!index || now - index.built > INDEX_MAX_AGE_MS)
      index = { built: now, index: UnitIndex.build(units.list(), positionOf) };
    return index.index;
  };

  /** A priority-1 incident whose first arrival misses its type's target: the warning, with mutual aid. */
  const responseTargetWarning = (
    incident: IncidentRecord,
    recommendation: Recommendation,
    plan: readonly PlanItem[],
    exclude: ReadonlySet<string>,
  ): ResponseTargetWarning | null => {
    const targetS = deps.taxonomy.types.find((type) => type.code === incident.typeCode)?.responseTargetS;
    if (incident.priority !== 1 || targetS === undefined || !incident.location) return null;
    const best = bestEtaS(recommendation);
    if (!missesTarget(best, targetS)) return null;
    const proposed = recommendation.slots.flatMap((slot) => slot.units.map((unit) => unit.unitId));
    const stations = new Set(
      [...proposed, ...exclude]
        .map((unitId) => units.get(unitId)?.station ?? null)
        .filter((station) => station !== null),
    );
    const mutualAid = mutualAidUnits(
      currentIndex(),
      {
        location: incident.location,
        capabilities: plan.map((item) => item.capability),
        stations,
        exclude: new Set([...exclude, ...proposed]),
        count: MUTUAL_AID_COUNT,
      },
      model,
    );
    return { targetS, bestEtaS: best, mutualAid };
  };

  const recommend = (incidentId: string): DispatchRecommendation => {
    const incident = store.getIncident(incidentId);
    if (!incident) throw new AppError('NOT_FOUND', `no incident ${incidentId}`);
    const plan = planFor(deps.taxonomy, deps.plans, incident.typeCode, incident.priority);
    const assigned = new Set(activeUnitsOf(incident).map((unit) => unit.unitId));
    // A unit that has just left this incident is not proposed to it again (the dispatcher may still pick it).
    const exclude = new Set([...assigned, ...recentlyClearedUnitIds(incident, clock.now(), RECENTLY_CLEARED_MS)]);
    const recommendation = recommendUnits(
      currentIndex(),
      {
        location: incident.location,
        agencies: incident.agencies.map((entry) => entry.agency),
        // Units already on the incident count towards its plan.
        plan: plan
          .map((item) => ({
            capability: item.capability,
            count:
              item.count -
              incident.units.filter(
                (unit) =>
                  unit.status !== 'cleared' &&
                  (units.get(unit.unitId)?.capabilities.includes(item.capability) === true ||
                    units.get(unit.unitId)?.kind === item.capability),
              ).length,
          }))
          .filter((item) => item.count > 0),
        exclude,
      },
      model,
    );
    return {
      ...recommendation,
      incidentId,
      plan,
      computedAt: index?.built ?? clock.now(),
      responseTarget: responseTargetWarning(incident, recommendation, plan, exclude),
    };
  };

  const handlers: Handlers<DispatchApi> = {
    recommend: ({ incidentId }) => recommend(incidentId),
    dispatch: async ({ incidentId, unitIds, override }, context) => {
      if (override) requireSupervisor(context, 'overriding a dispatch rule');
      const result = await units.assignExclusive(incidentId, unitIds, context.actor, {
        ...(override && { overrideReason: override.reason }),
      });
      // Every override is in the audit chain by itself, beside the events it wrote.
      if (override)
        deps.recordAction({
          actor: context.actor,
          action: 'dispatch.override',
          subject: `incident:${incidentId}`,
          details: { units: unitIds, reason: override.reason, operatorId: context.operator?.id ?? null },
        });
      index = null;
      deps.logger.info(
        { incident: result.incident.number, units: result.units.map((unit) => unit.callsign), actor: context.actor },
        'units dispatched',
      );
      return result.incident;
    },
    undo: ({ incidentId, unitId, reason }, context) => {
      const result = units.undo(incidentId, unitId, reason, context.actor);
      index = null;
      return result.incident;
    },
  };

  return {
    handlers,
    dispose: stopFollowingRoster,
  };
}
