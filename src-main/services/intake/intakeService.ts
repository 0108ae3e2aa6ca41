import type { CallApi, DuplicateProposal, Handlers, IntakeApi } from '../../../src-shared/contract/api';
import { AppError, type FieldIssue } from '../../../src-shared/contract/errors';
import { newEventId } from '../../../src-shared/contract/ids';
import type { IntakeDraft } from '../../../src-shared/contract/schemas';
import type { CallEventPayload, CallRecord } from '../../../src-shared/domain/call';
import { findDuplicateCandidates, type DuplicateRule } from '../../../src-shared/domain/duplicates';
import type { IncidentRecord, Priority } from '../../../src-shared/domain/incident';
import { typeByCode, type Taxonomy } from '../../../src-shared/domain/taxonomy';
import { compactAddress, parseIraqiAddress } from '../../../src-shared/domain/iraqiAddress';
import type { IntakeConfig } from './intakeConfig';
import type { Publish } from '../runtime/publish';
import { callClaimKey, claimConflict, standaloneClaims, type ExclusiveClaims } from '../center/claims';
import type { Clock } from '../runtime/clock';
import type { Store } from '../store/store';
import { DraftStore } from './draftStore';
import { typesCompatible } from './typeCompatibility';

export interface IntakeServices {
  readonly handlers: { readonly call: Handlers<CallApi>; readonly intake: Handlers<IntakeApi> };
  /**
   * The one path every call source takes (telephony ALI, AML, demo, manual): a record for a
   * callback number that already has a call in the queue within the rebid window updates that
   * call (Phase II coordinates arrive ~30 s after the first record); otherwise a new call waits.
   */
  readonly receiveCall: (received: CallEventPayload<'call.received'>, actor: string) => CallRecord;
}

const CALLBACK_NUMBER = /^\+?[0-9][0-9 ()-]{2,39}$/;
/** How far back a number's earlier calls tell the language its caller speaks. */
const LANGUAGE_MEMORY_MS = 365 * 86_400_000;
const OPEN_INCIDENTS_SCANNED = 5000;

/** What intake needs to know of its console. */
export interface IntakeOptions {
  readonly consoleCode: string;
  readonly intake: IntakeConfig;
}

export function createIntakeServices(deps: {
  store: Store;
  taxonomy: Taxonomy;
  config: IntakeOptions;
  clock: Clock;
  /** Drafts are kept by the host but are not records of the log: announced here. */
  publish: Publish<'onDraftChanged'>;
  /** Who answers a call, center-wide (center mode); standalone grants every claim. */
  claims?: ExclusiveClaims;
  /** Center mode: the positions online now (a call is transferred only to one of them); absent standalone. */
  onlinePositions?: () => readonly string[];
}): IntakeServices {
  const { store, taxonomy, config, clock, publish } = deps;
  const claims = deps.claims ?? standaloneClaims;
  const draftChanged = (draftId: string, draft: IntakeDraft | null): void =>
    publish('onDraftChanged', { draftId, draft });
  const drafts = new DraftStore(store.drafts, config.consoleCode);
  const rule: DuplicateRule = {
    radiusM: config.intake.duplicateRadiusM,
    windowMs: config.intake.duplicateWindowMinutes * 60_000,
  };

  const receiveCall = (received: CallEventPayload<'call.received'>, actor: string): CallRecord => {
    const now = clock.now();
    const number = received.callerNumber?.trim() || undefined;
    const record = store.atomically('receive call', () => {
      if (number && config.intake.rebidWindowSeconds > 0) {
        const rebid = store.callsFromNumberSince(number, now - config.intake.rebidWindowSeconds * 1000).find(
          (call) =>
            // Telephony, AML and demo records about one ring update one call; a call opened by hand never merges.
            call.source !== 'manual' &&
            received.source !== 'manual' &&
            (call.status === 'waiting' || call.status === 'answered'),
        );
        if (rebid) {
          return store.appendCallEvent(
            rebid.id,
            {
              type: 'call.updated',
              payload: {
                ...(received.callerName !== undefined && { callerName: received.callerName }),
                ...(received.location !== undefined && { location: received.location }),
                ...(received.address !== undefined && { address: received.address }),
                ...(received.classOfService !== undefined && { classOfService: received.classOfService }),
                ...(received.rawInputId !== undefined && { rawInputId: received.rawInputId }),
              },
            },
            actor,
          );
        }
      }
      // A caller who spoke Kurmanji last time probably does again: the queue shows it before the answer.
      const language = number
        ? store.callsFromNumberSince(number, now - LANGUAGE_MEMORY_MS).find((call) => call.language !== undefined)
            ?.language
        : undefined;
      const repeatOf = number
        ? store
            .callsFromNumberSince(number, now - config.intake.repeatCallerMinutes * 60_000)
            .map((call) => call.id)
            .slice(0, 20)
        : [];
      // A blank number (a fixed-width ALI field of spaces) is no number, not a number of spaces.
      const { callerNumber: _untrimmed, ...fields } = received;
      const call = store.receiveCall(
        {
          ...fields,
          ...(number !== undefined && { callerNumber: number }),
          ...(repeatOf.length > 0 && { repeatOf }),
          ...(fields.language === undefined && language !== undefined && { language }),
        },
        actor,
      );
      // A call opened by hand is already being talked to.
      return received.source === 'manual'
        ? store.appendCallEvent(call.id, { type: 'call.answered', payload: {} }, actor)
        : call;
    });
    return record;
  };

  const activeCall = (callId: string): CallRecord => {
    const call = store.getCall(callId);
    if (!call) throw new AppError('NOT_FOUND', `no call ${callId}`);
    if (call.status === 'linked' || call.status === 'released') {
      throw new AppError('CONFLICT', `the call from ${call.callerNumber ?? 'an unknown number'} has already ended`);
    }
    return call;
  };

  const proposals = (args: {
    location: { lat: number; lon: number } | null;
    callerNumber: string | null;
    typeCode: string | null;
    excludeCallId?: string;
  }): DuplicateProposal[] => {
    const open = store.listOpen({ limit: OPEN_INCIDENTS_SCANNED });
    const byId = new Map(open.map((incident) => [incident.id, incident]));
    const candidates = findDuplicateCandidates(
      { location: args.location, callerNumber: args.callerNumber, receivedAt: clock.now(), typeCode: args.typeCode },
      open.map((incident) => ({
        id: incident.id,
        typeCode: incident.typeCode,
        location: incident.location,
        createdAt: incident.createdAt,
        callerNumber: incident.callerNumber,
        closed: incident.status === 'closed',
      })),
      rule,
      (incidentType, callType) => typesCompatible(taxonomy, incidentType, callType),
    );
    return candidates.flatMap((candidate) => {
      const incident = byId.get(candidate.incidentId);
      if (!incident || (args.excludeCallId && incident.callIds.includes(args.excludeCallId))) return [];
      return [{ incident, distanceM: candidate.distanceM, ageMs: candidate.ageMs, reason: candidate.reason }];
    });
  };

  const discard = (draftId: string | undefined): void => {
    if (draftId && drafts.delete(draftId)) draftChanged(draftId, null);
  };

  /** Field-by-field checks the schema cannot make (they need the taxonomy); reported inline in the form. */
  const validate = (draft: IntakeDraft): { typeCode: string; priority: Priority } => {
    const issues: FieldIssue[] = [];
    const type = draft.typeCode ? typeByCode(taxonomy, draft.typeCode) : undefined;
    if (!draft.typeCode) issues.push({ path: 'typeCode', message: 'required' });
    else if (!type) issues.push({ path: 'typeCode', message: 'unknown incident type' });
    const priority = draft.priority ?? type?.defaultPriority ?? null;
    if (type && priority !== null && priority !== type.defaultPriority && draft.priorityReason.trim() === '') {
      issues.push({ path: 'priorityReason', message: 'required when the priority differs from the type' });
    }
    if (draft.callerNumber.trim() !== '' && !CALLBACK_NUMBER.test(draft.callerNumber.trim())) {
      issues.push({ path: 'callerNumber', message: 'not a phone number' });
    }
    for (const [index, agency] of draft.extraAgencies.entries()) {
      if (!taxonomy.agencies.some((known) => known.code === agency)) {
        issues.push({ path: `extraAgencies.${index}`, message: 'unknown agency' });
      }
    }
    if (issues.length > 0 || !type || priority === null) {
      throw new AppError('INVALID_ARGUMENT', 'the intake is not complete', issues);
    }
    return { typeCode: type.code, priority };
  };

  const call: Handlers<CallApi> = {
    list: () => store.listActiveCalls(500),
    receive: ({ requestId, ...received }, context) =>
      store.once(
        'call.receive',
        requestId,
        () => receiveCall(received, context.actor),
        (id) => store.getCall(id),
      ),
    answer: async ({ callId }, context) => {
      const current = activeCall(callId);
      if (current.status === 'answered') {
        if (current.answeredBy === context.actor) return current;
        throw new AppError(
          'CONFLICT',
          `already answered at ${current.answeredOn ?? 'another position'} by ${current.answeredBy ?? 'another dispatcher'}`,
        );
      }
      if (claims.centerWide) {
        // Exactly one position takes a call, center-wide: the first to claim it.
        const holder = { console: config.consoleCode, operator: context.actor };
        const key = callClaimKey(callId, current.transfers ?? 0);
        const outcome = await claims.claim(key, holder);
        if (
          outcome.status === 'lost' &&
          !(outcome.holder.console === config.consoleCode && outcome.holder.operator === context.actor)
        )
          throw claimConflict('already answered', outcome.holder);
        const now = activeCall(callId);
        if (now.status === 'answered') return now;
        if (outcome.status !== 'pending')
          return store.appendCallEvent(callId, { type: 'call.answered', payload: {} }, context.actor);
        // The center could not answer: taken here provisionally, confirmed (or a conflict) when it does.
        return store.atomically('provisional answer', () => {
          const captured = store.captureEventIds(() =>
            store.appendCallEvent(callId, { type: 'call.answered', payload: {} }, context.actor),
          );
          store.recordProvisionalClaim({
            key,
            kind: 'answer',
            subjectId: callId,
            incidentId: null,
            token: outcome.token,
            holder,
            eventIds: captured.eventIds,
            createdAt: clock.now(),
          });
          return captured.result;
        });
      }
      return store.appendCallEvent(callId, { type: 'call.answered', payload: {} }, context.actor, current.version);
    },
    setLanguage: ({ callId, language }, context) => {
      const current = activeCall(callId);
      if (current.language === language) return current;
      return store.appendCallEvent(callId, { type: 'call.languageSet', payload: { language } }, context.actor);
    },
    recordGuidance: ({ callId, typeCode, key }, context) => {
      const call = store.getCall(callId);
      if (!call) throw new AppError('NOT_FOUND', `no call ${callId}`);
      const type = typeByCode(taxonomy, typeCode);
      if (!type) throw new AppError('INVALID_ARGUMENT', `unknown incident type "${typeCode}"`);
      const question = key.startsWith('q');
      const count = question ? type.questions.length : type.instructions.length;
      if (Number(key.slice(1)) > count) {
        throw new AppError(
          'INVALID_ARGUMENT',
          `"${typeCode}" has ${String(count)} ${question ? 'key questions' : 'instructions'}, not ${key}`,
        );
      }
      // A double click records nothing new: a question asked once is asked.
      if (call.guidance?.some((step) => step.typeCode === typeCode && step.key === key) === true) return call;
      return store.appendCallEvent(
        callId,
        question
          ? { type: 'call.questionAsked', payload: { typeCode, key } }
          : { type: 'call.instructionRead', payload: { typeCode, key } },
        context.actor,
      );
    },
    transfer: ({ callId, toConsole }, context) => {
      const online = deps.onlinePositions;
      if (!online) throw new AppError('UNAVAILABLE', 'a call is transferred between the positions of a center only');
      const current = activeCall(callId);
      const from = current.transferredTo ?? current.answeredOn ?? current.ringsAt;
      if (toConsole === from) throw new AppError('CONFLICT', `the call is already at ${toConsole}`);
      if (!online().includes(toConsole)) throw new AppError('CONFLICT', `${toConsole} is not online`);
      return store.appendCallEvent(
        callId,
        {
          type: 'call.transferred',
          payload: { toConsole, fromConsole: from, language: current.language ?? null },
        },
        context.actor,
        current.version,
      );
    },
    release: ({ callId, reason }, context) => {
      activeCall(callId);
      const released = store.appendCallEvent(callId, { type: 'call.released', payload: { reason } }, context.actor);
      return released;
    },
    duplicates: (args) => {
      const source = args.callId ? store.getCall(args.callId) : null;
      return proposals({
        location: args.location ?? source?.location ?? null,
        callerNumber: args.callerNumber ?? source?.callerNumber ?? null,
        typeCode: args.typeCode ?? null,
        ...(args.callId !== undefined && { excludeCallId: args.callId }),
      });
    },
    attach: ({ callId, incidentId, draftId }, context) => {
      const draft = draftId ? drafts.get(draftId) : null;
      const { incident, discarded } = store.atomically('attach call', () => {
        const current = activeCall(callId);
        let updated = store.appendIncidentEvent(
          incidentId,
          {
            type: 'incident.callerLinked',
            payload: {
              callId,
              ...(current.callerNumber !== null && { callerNumber: current.callerNumber }),
              ...(current.callerName !== null && { callerName: current.callerName }),
            },
          },
          context.actor,
        );
        for (const entry of draft?.narrative ?? []) {
          updated = store.appendIncidentEvent(
            incidentId,
            { type: 'incident.noteAdded', payload: { noteId: newEventId(), text: entry.text, writtenAt: entry.at } },
            context.actor,
          );
        }
        store.appendCallEvent(
          callId,
          { type: 'call.linked', payload: { incidentId, asDuplicate: true } },
          context.actor,
        );
        // The intake goes in the same transaction: attached and still open can never both be true.
        const discarded = draftId !== undefined && drafts.delete(draftId);
        return { incident: updated, discarded };
      });
      if (discarded && draftId) draftChanged(draftId, null);
      return incident;
    },
  };

  const intake: Handlers<IntakeApi> = {
    drafts: () => drafts.list(),
    saveDraft: ({ draft }) => {
      // A late save (a window still typing) must not bring back an intake whose call has ended.
      const call = draft.callId ? store.getCall(draft.callId) : null;
      if (call && (call.status === 'linked' || call.status === 'released')) {
        throw new AppError('CONFLICT', `the call of intake ${draft.id} has ended`);
      }
      const saved = drafts.save(draft, clock.now());
      draftChanged(saved.id, saved);
      return saved;
    },
    discardDraft: ({ draftId }) => {
      const existed = drafts.get(draftId) !== null;
      discard(draftId);
      return { discarded: existed };
    },
    // The draft's id is the submit's request id: a repeat after a lost reply returns the same incident.
    submit: ({ draft }, context) => {
      const outcome = { discarded: false };
      const incident = store.once(
        'intake.submit',
        draft.id,
        () => {
          const submitted = submitDraft(draft, context.actor);
          outcome.discarded = submitted.discarded;
          return submitted.incident;
        },
        (id) => store.getIncident(id),
      );
      if (outcome.discarded) draftChanged(draft.id, null);
      return incident;
    },
  };

  const submitDraft = (draft: IntakeDraft, actor: string): { incident: IncidentRecord; discarded: boolean } => {
    const { typeCode, priority } = validate(draft);
    const type = typeByCode(taxonomy, typeCode);
    const agencies = [...new Set([...(type?.agencies ?? []), ...draft.extraAgencies])];
    const { incident, discarded } = store.atomically('create incident', () => {
      const waiting = draft.callId ? activeCall(draft.callId) : null;
      // The answer time is a KPI milestone: a call turned into an incident has been answered.
      const source =
        waiting?.status === 'waiting'
          ? store.appendCallEvent(waiting.id, { type: 'call.answered', payload: {} }, actor)
          : waiting;
      const callerNumber = draft.callerNumber.trim() || source?.callerNumber || undefined;
      const callerName = draft.callerName.trim() || source?.callerName || undefined;
      const address = draft.address.trim() || source?.address || undefined;
      // Parts typed into their fields win; missing ones are read from the free address if it has them.
      const addressParts = compactAddress({
        ...parseIraqiAddress(address ?? ''),
        ...compactAddress(draft.addressParts),
      });
      const location = draft.location ?? source?.location ?? undefined;
      let created = store.createIncident(
        {
          typeCode,
          priority,
          ...(type && priority !== type.defaultPriority && { priorityReason: draft.priorityReason.trim() }),
          agencies,
          ...(location && { location }),
          ...(address !== undefined && { address }),
          ...(addressParts && { addressParts }),
          ...(callerName !== undefined && { callerName }),
          ...(callerNumber !== undefined && { callerNumber }),
          ...(source && { callId: source.id, receivedAt: source.receivedAt }),
          ...(source && source.answeredAt !== null && { answeredAt: source.answeredAt }),
        },
        actor,
      );
      for (const entry of draft.narrative) {
        created = store.appendIncidentEvent(
          created.id,
          { type: 'incident.noteAdded', payload: { noteId: newEventId(), text: entry.text, writtenAt: entry.at } },
          actor,
        );
      }
      if (source)
        store.appendCallEvent(
          source.id,
          { type: 'call.linked', payload: { incidentId: created.id, asDuplicate: false } },
          actor,
        );
      const discarded = drafts.delete(draft.id);
      return { incident: created, discarded };
    });
    return { incident, discarded };
  };

  return { handlers: { call, intake }, receiveCall };
}
