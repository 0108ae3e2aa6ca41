// Drill scoring against the acceptance scenario (04): a perfect run, issue 19's scripted mistakes,
// partial classification, consequential failures, boundaries, drill seconds, settings and contingencies.
import { describe, expect, it } from 'vitest';
import type { Inject, Scenario } from '../../../../src-shared/domain/drill/scenario';
import { resolveSchedule, stateKey } from '../../../../src-shared/domain/drill/schedule';
import {
  contingencyHolds,
  observedStateTimes,
  scoreDrill,
  type DrillRuleId,
  type RuleResult,
} from '../../../../src-shared/domain/drill/scoring';
import {
  defaultScoringSettings,
  resolveScoringSettings,
  scoringOverridesSchema,
} from '../../../../src-shared/domain/drill/scoringSettings';
import {
  drillTimelineSchema,
  type DrillTimeline,
  type TimelineFact,
} from '../../../../src-shared/domain/drill/timeline';
import { rawScenario, taxonomy } from './support';

const scenario: Scenario = rawScenario();
const ct = { seat: 'callTaker1', operator: 'op-ct' } as const;
const dp = { seat: 'dispatcher1', operator: 'op-dp' } as const;

/** Facts in any order → a valid timeline (sorted by drill time, checked by the schema). */
function timeline(...groups: readonly (readonly TimelineFact[])[]): DrillTimeline {
  const sorted = groups.flat().sort((a, b) => a.t - b.t);
  return drillTimelineSchema.parse(sorted);
}

interface CallScript {
  readonly injectId: string;
  readonly callId: string;
  readonly rang: number;
  readonly answered?: number;
  readonly type: string;
  readonly priority: number;
  readonly agencies: readonly string[];
  readonly at: { readonly lat: number; readonly lon: number };
  readonly questions: readonly string[];
  readonly instructions: readonly string[];
  /** The type whose questions and instructions the call-taker followed (default: `type`). */
  readonly protocolType?: string;
  readonly capabilities: readonly (readonly string[])[];
  readonly dispatchAfter?: number;
  /** Attach to this incident instead of creating one. */
  readonly attachTo?: string;
}

/** One call handled the way the script says: ring, answer, location, questions, incident, units, instructions, end. */
function handledCall(script: CallScript): TimelineFact[] {
  const { callId, rang } = script;
  const answered = script.answered ?? rang + 5;
  const incidentId = script.attachTo ?? `inc-${script.injectId}`;
  const protocolType = script.protocolType ?? script.type;
  const facts: TimelineFact[] = [
    { kind: 'inject-fired', t: rang, injectId: script.injectId },
    { kind: 'call-rang', t: rang, callId, injectId: script.injectId, seat: 'callTaker1' },
    { kind: 'call-answered', t: answered, callId, ...ct },
    {
      kind: 'location-entered',
      t: answered + 5,
      callId,
      lat: script.at.lat,
      lon: script.at.lon,
      callbackFilled: true,
      ...ct,
    },
    ...script.questions.map((key, index): TimelineFact => ({
      kind: 'key-question-asked',
      t: answered + 6 + index,
      callId,
      type: protocolType,
      key,
      ...ct,
    })),
    script.attachTo === undefined
      ? {
          kind: 'incident-created',
          t: answered + 20,
          incidentId,
          callId,
          type: script.type,
          priority: script.priority,
          agencies: [...script.agencies],
          ...ct,
        }
      : { kind: 'call-attached', t: answered + 20, callId, incidentId, ...ct },
    ...script.capabilities.map((capabilities, index): TimelineFact => ({
      kind: 'unit-dispatched',
      t: answered + (script.dispatchAfter ?? 40),
      incidentId,
      unitId: `unit-${script.injectId}-${String(index)}`,
      capabilities: [...capabilities],
      distanceM: 1500,
      closerFreeUnits: [],
      ...dp,
    })),
    ...script.instructions.map((key, index): TimelineFact => ({
      kind: 'instruction-read',
      t: answered + 45 + index,
      callId,
      type: protocolType,
      key,
      ...ct,
    })),
    { kind: 'call-ended', t: answered + 60, callId, ...ct },
  ];
  return facts;
}

const call1: CallScript = {
  injectId: 'call-1',
  callId: 'C1',
  rang: 10,
  answered: 14,
  type: 'cardiac-arrest',
  priority: 1,
  agencies: ['ambulance'],
  at: { lat: 33.3031, lon: 44.4287 },
  questions: ['q1', 'q2'],
  instructions: ['i1', 'i2', 'i3'],
  capabilities: [['ambulance-basic']],
};

const call2: CallScript = {
  injectId: 'call-2',
  callId: 'C2',
  rang: 120,
  answered: 130,
  type: 'traffic-accident-injuries',
  priority: 1,
  agencies: ['traffic-police', 'ambulance', 'police-patrols'],
  at: { lat: 33.2752, lon: 44.3398 },
  questions: ['q1', 'q2', 'q4'],
  instructions: ['i1', 'i3'],
  capabilities: [['ambulance-basic'], ['traffic-patrol']],
};

const radioEmergency = (ackAt: number, backupAt: number): TimelineFact[] => [
  { kind: 'inject-fired', t: 300, injectId: 'radio-emergency' },
  { kind: 'radio-emergency-raised', t: 300, injectId: 'radio-emergency', radioId: '1A05', unitId: 'U-105' },
  { kind: 'radio-emergency-acknowledged', t: ackAt, injectId: 'radio-emergency', ...dp },
  { kind: 'backup-sent', t: backupAt, injectId: 'radio-emergency', unitId: 'U-110', ...dp },
];

/** The serial line down 420–540 s; call 3 comes at 450, is logged by hand, taken as a manual call, entered at 600. */
const outageWithCall3: TimelineFact[] = [
  { kind: 'inject-fired', t: 420, injectId: 'serial-outage' },
  { kind: 'outage-started', t: 420, link: 'serial', injectId: 'serial-outage' },
  { kind: 'call-logged-during-outage', t: 455, injectId: 'call-3', ...ct },
  ...handledCall({
    injectId: 'call-3',
    callId: 'C3',
    rang: 450,
    answered: 456,
    type: 'building-fire',
    priority: 1,
    agencies: ['civil-defence', 'ambulance', 'police-patrols'],
    at: { lat: 33.3689, lon: 44.3641 },
    questions: ['q1', 'q2', 'q4'],
    instructions: ['i1', 'i5'],
    capabilities: [['fire-engine']],
  }).map((fact) => (fact.kind === 'call-rang' ? { ...fact, t: 456 } : fact)),
  { kind: 'outage-restored', t: 540, link: 'serial', injectId: 'serial-outage' },
  { kind: 'inject-fired', t: 540, injectId: 'outage-ended' },
  { kind: 'call-entered-after-restore', t: 600, injectId: 'call-3', callId: 'C3', ...ct },
];

const perfectRun = timeline(handledCall(call1), handledCall(call2), radioEmergency(305, 330), outageWithCall3);

/** Issue 19's acceptance 2: call 2 answered at 25 s with a wrong type (its protocol followed), the emergency acknowledged at 30 s. */
const mistakesRun = timeline(
  handledCall(call1),
  handledCall({
    ...call2,
    answered: 145,
    type: 'bleeding-trauma',
    questions: ['q1', 'q2', 'q3'],
    instructions: ['i1', 'i2'],
    capabilities: [['ambulance-basic']],
  }),
  // The contingency repeat call (call 2 fired at 120 + 150 s), joined to call 2's incident.
  handledCall({
    ...call2,
    injectId: 'call-2-repeat',
    callId: 'C2R',
    rang: 270,
    answered: 274,
    type: 'bleeding-trauma',
    questions: ['q1'],
    instructions: ['i4'],
    capabilities: [],
    attachTo: 'inc-call-2',
  }),
  radioEmergency(330, 340),
  outageWithCall3,
);

const score = (run: DrillTimeline, asOfSeconds?: number) =>
  scoreDrill({ scenario, taxonomy, timeline: run, ...(asOfSeconds !== undefined && { asOfSeconds }) });

const find = (results: readonly RuleResult[], rule: DrillRuleId, injectId: string): RuleResult => {
  const found = results.find((entry) => entry.rule === rule && entry.injectId === injectId);
  if (found === undefined) throw new Error(`no ${rule} result for ${injectId}`);
  return found;
};

const summary = (results: readonly RuleResult[], outcome: RuleResult['outcome']) =>
  results
    .filter((entry) => entry.outcome === outcome)
    .map(
      (entry) =>
        `${entry.injectId} ${entry.rule}${entry.consequential ? ` ← ${entry.because?.injectId ?? ''} ${entry.because?.rule ?? ''}` : ''}`,
    );

describe('scoreDrill on the acceptance scenario', () => {
  it('given a perfect run, then every rule passes and only the contingency call that never fired is not applicable', () => {
    const result = score(perfectRun);

    expect(summary(result.results, 'fail')).toEqual([]);
    expect(summary(result.results, 'partial')).toEqual([]);
    expect(result.results.filter((entry) => entry.outcome === 'not-applicable').map((entry) => entry.injectId)).toEqual(
      Array(8).fill('call-2-repeat'),
    );
    expect(result.results.filter((entry) => entry.outcome === 'pass')).toHaveLength(3 * 8 + 2 + 1);
    expect(find(result.results, 'outage-entry', 'call-3')).toMatchObject({
      value: 60,
      threshold: 600,
      unit: 'seconds',
    });
    expect(result.answerShares).toEqual({
      calls: 3,
      source: 'NENA-STA-020.1',
      targets: [
        { withinSeconds: 15, target: 0.9, share: 1, met: true },
        { withinSeconds: 20, target: 0.95, share: 1, met: true },
      ],
    });
  });

  it('given a perfect run, then each result names its seat, value, threshold and source', () => {
    const result = score(perfectRun);

    expect(find(result.results, 'answer-time', 'call-1')).toMatchObject({
      seat: 'callTaker1',
      callId: 'C1',
      value: 4,
      threshold: 15,
      unit: 'seconds',
      source: 'NENA-STA-020.1',
    });
    expect(find(result.results, 'processing-time', 'call-2')).toMatchObject({
      seat: 'dispatcher1',
      value: 40,
      threshold: 60,
      source: 'NFPA 1225',
    });
    expect(find(result.results, 'location', 'call-3')).toMatchObject({ value: 0, threshold: 150, unit: 'metres' });
    expect(find(result.results, 'key-questions', 'call-1')).toMatchObject({ value: 1, threshold: 0.8, unit: 'share' });
    expect(find(result.results, 'radio-emergency-ack', 'radio-emergency')).toMatchObject({
      seat: 'dispatcher1',
      value: 5,
      threshold: 10,
      source: 'local policy',
    });
    expect(
      result.seats.map((seat) => [
        seat.seat,
        [...new Set(seat.results.filter((entry) => entry.outcome === 'pass').map((entry) => entry.rule))].sort(),
      ]),
    ).toEqual([
      [
        'callTaker1',
        ['answer-time', 'callback', 'classification', 'instructions', 'key-questions', 'location', 'outage-entry'],
      ],
      ['dispatcher1', ['processing-time', 'radio-backup', 'radio-emergency-ack', 'units']],
    ]);
  });

  it('given the scripted mistakes, then exactly those rules fail and what follows from them is consequential', () => {
    const result = score(mistakesRun);
    const failed = result.results.filter((entry) => entry.outcome === 'fail');

    expect(
      summary(
        failed.filter((entry) => !entry.consequential),
        'fail',
      ),
    ).toEqual(['call-2 answer-time', 'call-2 classification', 'radio-emergency radio-emergency-ack']);
    expect(
      summary(
        failed.filter((entry) => entry.consequential),
        'fail',
      ),
    ).toEqual([
      'call-2 units ← call-2 classification',
      'call-2 key-questions ← call-2 classification',
      'call-2 instructions ← call-2 classification',
    ]);
    expect(find(result.results, 'answer-time', 'call-2')).toMatchObject({ value: 25, threshold: 15 });
    expect(find(result.results, 'classification', 'call-2')).toMatchObject({
      reasons: ['type-wrong'],
      observed: { type: 'bleeding-trauma', priority: 1 },
    });
    expect(find(result.results, 'units', 'call-2')).toMatchObject({
      reasons: ['capabilities-missing'],
      missing: ['traffic-patrol'],
    });
    expect(find(result.results, 'radio-emergency-ack', 'radio-emergency')).toMatchObject({ value: 30, threshold: 10 });
    expect(find(result.results, 'radio-backup', 'radio-emergency')).toMatchObject({ outcome: 'pass', value: 40 });
    // The repeat call joined call 2's incident: classified, located, interviewed and dispatched there.
    for (const rule of ['classification', 'location', 'callback', 'key-questions', 'instructions', 'units'] as const)
      expect(find(result.results, rule, 'call-2-repeat')).toMatchObject({
        outcome: 'not-applicable',
        reasons: ['attached-to-incident'],
      });
    expect(find(result.results, 'processing-time', 'call-2-repeat')).toMatchObject({
      outcome: 'not-applicable',
      reasons: ['dispatched-before-answer'],
    });
    expect(result.answerShares.targets).toEqual([
      { withinSeconds: 15, target: 0.9, share: 0.75, met: false },
      { withinSeconds: 20, target: 0.95, share: 0.75, met: false },
    ]);
  });

  it('given the scripted mistakes, then the repeat call’s contingency holds when it is due, and not in the perfect run', () => {
    const repeat = scenario.injects.find((inject) => inject.id === 'call-2-repeat') as Inject;
    const input = { scenario, taxonomy };

    expect(contingencyHolds(repeat, { ...input, timeline: mistakesRun }, 270)).toBe(true);
    expect(contingencyHolds(repeat, { ...input, timeline: perfectRun }, 270)).toBe(false);
    // Before call 2's 15 s were up it had not failed yet.
    expect(contingencyHolds(repeat, { ...input, timeline: mistakesRun }, 134)).toBe(false);
    expect(contingencyHolds(repeat, { ...input, timeline: mistakesRun }, 136)).toBe(true);
  });
});

describe('classification', () => {
  it('given a type of the same category with the right priority and agencies, then it is partial, not consequential', () => {
    const run = timeline(handledCall({ ...call2, type: 'traffic-accident-no-injuries' }));

    const result = find(score(run).results, 'classification', 'call-2');

    expect(result).toMatchObject({
      outcome: 'partial',
      reasons: ['type-same-category'],
      consequential: false,
      observed: { type: 'traffic-accident-no-injuries' },
    });
  });

  it('given a wrong priority and an agency left out, then it fails and names the missing agency', () => {
    const run = timeline(handledCall({ ...call2, priority: 2, agencies: ['traffic-police', 'ambulance'] }));

    const result = find(score(run).results, 'classification', 'call-2');

    expect(result).toMatchObject({
      outcome: 'fail',
      reasons: ['priority-wrong', 'agencies-missing'],
      missing: ['police-patrols'],
    });
  });

  it('given more agencies than the truth, then it passes (agencies ⊇ truth)', () => {
    const run = timeline(handledCall({ ...call1, agencies: ['ambulance', 'police-patrols'] }));

    expect(find(score(run).results, 'classification', 'call-1').outcome).toBe('pass');
  });
});

describe('consequential failures', () => {
  it('given a call never answered, then answer time fails and every later rule of that call fails as its consequence', () => {
    const run = timeline([
      { kind: 'inject-fired', t: 10, injectId: 'call-1' },
      { kind: 'call-rang', t: 10, callId: 'C1', injectId: 'call-1', seat: 'callTaker1' },
    ]);

    const results = score(run).results.filter((entry) => entry.injectId === 'call-1');

    expect(results[0]).toMatchObject({ rule: 'answer-time', outcome: 'fail', value: null, reasons: ['not-answered'] });
    expect(results.slice(1).every((entry) => entry.outcome === 'fail' && entry.consequential)).toBe(true);
    expect(results.slice(1).map((entry) => entry.because)).toEqual(
      Array(7).fill({ rule: 'answer-time', injectId: 'call-1' }),
    );
  });

  it('given a call answered but no incident made, then processing fails and classification and units follow from it', () => {
    const run = timeline(
      handledCall(call1).filter(
        (fact) =>
          fact.kind !== 'incident-created' && fact.kind !== 'unit-dispatched' && fact.kind !== 'instruction-read',
      ),
    );
    const results = score(run).results;

    expect(find(results, 'processing-time', 'call-1')).toMatchObject({
      outcome: 'fail',
      consequential: false,
      reasons: ['no-incident'],
    });
    expect(find(results, 'classification', 'call-1')).toMatchObject({
      outcome: 'fail',
      because: { rule: 'processing-time', injectId: 'call-1' },
    });
    expect(find(results, 'units', 'call-1')).toMatchObject({
      outcome: 'fail',
      because: { rule: 'processing-time', injectId: 'call-1' },
    });
    // Reading the instructions was the call-taker's own omission.
    expect(find(results, 'instructions', 'call-1')).toMatchObject({ outcome: 'fail', consequential: false });
  });

  it('given backup sent long after a late acknowledgement, then backup fails on its own; never acknowledged, it follows', () => {
    const late = score(timeline(radioEmergency(330, 395))).results;
    const ignored = score(
      timeline([
        { kind: 'radio-emergency-raised', t: 300, injectId: 'radio-emergency', radioId: '1A05' },
        { kind: 'inject-fired', t: 900, injectId: 'outage-ended' },
      ]),
    ).results;

    expect(find(late, 'radio-backup', 'radio-emergency')).toMatchObject({
      outcome: 'fail',
      value: 95,
      consequential: false,
    });
    expect(find(ignored, 'radio-emergency-ack', 'radio-emergency')).toMatchObject({
      outcome: 'fail',
      reasons: ['not-acknowledged'],
    });
    expect(find(ignored, 'radio-backup', 'radio-emergency')).toMatchObject({
      outcome: 'fail',
      reasons: ['no-backup'],
      because: { rule: 'radio-emergency-ack', injectId: 'radio-emergency' },
    });
  });
});

describe('units', () => {
  const dispatchedWith = (closerFreeUnits: { unitId: string; distanceM: number }[]): DrillTimeline =>
    timeline(
      handledCall(call1).map((fact) =>
        fact.kind === 'unit-dispatched' ? { ...fact, distanceM: 6000, closerFreeUnits } : fact,
      ),
    );

  it('given a free unit clearly closer (3 km closer, half the distance), then units fail and name it', () => {
    const result = find(score(dispatchedWith([{ unitId: 'A-7', distanceM: 3000 }])).results, 'units', 'call-1');

    expect(result).toMatchObject({
      outcome: 'fail',
      reasons: ['closer-unit-free'],
      consequential: false,
      closerUnits: [{ sentUnitId: 'unit-call-1-0', sentDistanceM: 6000, closerUnitId: 'A-7', closerDistanceM: 3000 }],
    });
  });

  it('given free units only a little closer (1.5 km, or 2.5 km but 25 % at 10 km), then units pass', () => {
    expect(find(score(dispatchedWith([{ unitId: 'A-7', distanceM: 4500 }])).results, 'units', 'call-1').outcome).toBe(
      'pass',
    );
    const far = timeline(
      handledCall(call1).map((fact) =>
        fact.kind === 'unit-dispatched'
          ? { ...fact, distanceM: 10_000, closerFreeUnits: [{ unitId: 'A-7', distanceM: 7500 }] }
          : fact,
      ),
    );
    expect(find(score(far).results, 'units', 'call-1').outcome).toBe('pass');
  });
});

describe('units during the run', () => {
  it('given a unit sent without a capability needed, then units are pending while more may come within the processing time, then fail', () => {
    const run = timeline(handledCall({ ...call2, capabilities: [['ambulance-basic']] }));

    expect(find(score(run, 175).results, 'units', 'call-2')).toMatchObject({
      outcome: 'pending',
      missing: ['traffic-patrol'],
    });
    expect(find(score(run, 191).results, 'units', 'call-2').outcome).toBe('fail');
    expect(find(score(run).results, 'units', 'call-2').outcome).toBe('fail');
  });
});

describe('calls joined to another call’s incident', () => {
  it('given the repeat call listed before the call that made the incident, then it is still scored as joined to that call’s incident', () => {
    const repeatFirst: Scenario = {
      ...scenario,
      injects: [...scenario.injects].sort(
        (a, b) => Number(b.id === 'call-2-repeat') - Number(a.id === 'call-2-repeat'),
      ),
    };

    const results = scoreDrill({ scenario: repeatFirst, taxonomy, timeline: mistakesRun }).results;

    expect(results[0]?.injectId).toBe('call-2-repeat');
    expect(find(results, 'key-questions', 'call-2-repeat')).toMatchObject({
      outcome: 'not-applicable',
      reasons: ['attached-to-incident'],
    });
    expect(find(results, 'key-questions', 'call-2')).toMatchObject({
      outcome: 'fail',
      because: { rule: 'classification', injectId: 'call-2' },
    });
  });
});

describe('boundaries and drill seconds', () => {
  const answeredAfter = (rang: number, answered: number): DrillTimeline =>
    timeline(handledCall({ ...call1, rang, answered }));

  it('given an answer exactly 15 s after the ring, then it passes; a millisecond later, it fails', () => {
    expect(find(score(answeredAfter(10, 25)).results, 'answer-time', 'call-1')).toMatchObject({
      outcome: 'pass',
      value: 15,
    });
    expect(find(score(answeredAfter(10, 25.001)).results, 'answer-time', 'call-1')).toMatchObject({
      outcome: 'fail',
      value: 15.001,
    });
  });

  it('given fractional drill seconds whose difference is 15 in floating point noise, then it is measured as 15', () => {
    expect(25.1 - 10.1).toBeGreaterThan(15);
    expect(find(score(answeredAfter(10.1, 25.1)).results, 'answer-time', 'call-1')).toMatchObject({
      outcome: 'pass',
      value: 15,
    });
  });

  it('given processing exactly 60 s, an acknowledgement exactly 10 s and an entry exactly 10 min after restore, then each passes', () => {
    const run = timeline(
      handledCall({ ...call1, dispatchAfter: 60 }),
      radioEmergency(310, 360),
      outageWithCall3.map((fact) => (fact.kind === 'call-entered-after-restore' ? { ...fact, t: 1140 } : fact)),
    );
    const results = score(run).results;

    expect(find(results, 'processing-time', 'call-1')).toMatchObject({ outcome: 'pass', value: 60 });
    expect(find(results, 'radio-emergency-ack', 'radio-emergency')).toMatchObject({ outcome: 'pass', value: 10 });
    expect(find(results, 'radio-backup', 'radio-emergency')).toMatchObject({ outcome: 'pass', value: 60 });
    expect(find(results, 'outage-entry', 'call-3')).toMatchObject({ outcome: 'pass', value: 600 });
  });

  it('given the timeline in drill seconds, then intervals are its differences whatever wall time passed (the runner left pauses out)', () => {
    // A 5-minute pause between ring and answer is not in the timeline: the runner mapped it away.
    const result = find(score(answeredAfter(100, 112)).results, 'answer-time', 'call-1');

    expect(result.value).toBe(12);
  });

  it('given a score as of a drill second, then an open deadline is pending until it passes and later facts are left out', () => {
    const run = answeredAfter(10, 40);

    expect(find(score(run, 20).results, 'answer-time', 'call-1')).toMatchObject({ outcome: 'pending', value: null });
    expect(find(score(run, 20).results, 'location', 'call-1').outcome).toBe('pending');
    expect(find(score(run, 26).results, 'answer-time', 'call-1')).toMatchObject({ outcome: 'fail', value: null });
    expect(find(score(run).results, 'answer-time', 'call-1')).toMatchObject({ outcome: 'fail', value: 30 });
    expect(score(run, 20).asOfSeconds).toBe(20);
  });

  it('given a location outside max(the fix’s uncertainty, 150 m), then it fails with the distance', () => {
    // 0.002° of latitude ≈ 222 m.
    const run = timeline(handledCall({ ...call1, at: { lat: 33.3051, lon: 44.4287 } }));

    const result = find(score(run).results, 'location', 'call-1');

    expect(result).toMatchObject({ outcome: 'fail', threshold: 150, reasons: ['outside-radius'] });
    expect(result.value).toBeGreaterThan(215);
    expect(result.value).toBeLessThan(230);
  });
});

describe('scoring settings', () => {
  it('given a scenario that allows 20 s to answer, then an 18 s answer passes and the rule cites local policy', () => {
    const settings = resolveScoringSettings(undefined, scoringOverridesSchema.parse({ answerTime: { seconds: 20 } }));
    const run = timeline(handledCall({ ...call1, rang: 10, answered: 28 }));

    const result = find(scoreDrill({ scenario, taxonomy, timeline: run, settings }).results, 'answer-time', 'call-1');

    expect(result).toMatchObject({ outcome: 'pass', value: 18, threshold: 20, source: 'local policy' });
  });

  it('given a center’s change then a scenario’s, then the scenario wins and a named source is kept', () => {
    const center = scoringOverridesSchema.parse({ processingTime: { seconds: 90 }, keyQuestions: { share: 0.5 } });
    const drill = scoringOverridesSchema.parse({ processingTime: { seconds: 45, source: 'NFPA 1225 (2024)' } });

    const settings = resolveScoringSettings(center, drill);

    expect(settings.processingTime).toEqual({ seconds: 45, maxPriority: 2, source: 'NFPA 1225 (2024)' });
    expect(settings.keyQuestions).toEqual({ share: 0.5, source: 'local policy' });
    expect(settings.answerTime).toEqual(defaultScoringSettings.answerTime);
  });

  it('given the scenario’s own scoring key, then scoreDrill uses it', () => {
    const strict = { ...scenario, scoring: { answerTime: { seconds: 3 } } };
    const result = find(
      scoreDrill({ scenario: strict, taxonomy, timeline: perfectRun }).results,
      'answer-time',
      'call-1',
    );

    expect(result).toMatchObject({ outcome: 'fail', value: 4, threshold: 3 });
  });

  it('given an override with a misspelt key or a share above 1, then the schema refuses it', () => {
    expect(scoringOverridesSchema.safeParse({ answerTime: { second: 20 } }).success).toBe(false);
    expect(scoringOverridesSchema.safeParse({ keyQuestions: { share: 80 } }).success).toBe(false);
  });
});

describe('the timeline', () => {
  it('given facts out of time order or of an unknown kind, then the schema refuses them with the index', () => {
    const disordered = drillTimelineSchema.safeParse([
      { kind: 'inject-fired', t: 20, injectId: 'call-1' },
      { kind: 'inject-fired', t: 10, injectId: 'call-2' },
    ]);
    const unknown = drillTimelineSchema.safeParse([{ kind: 'call-teleported', t: 1 }]);

    expect(disordered.success).toBe(false);
    expect(disordered.error?.issues[0]?.path).toEqual([1, 't']);
    expect(unknown.success).toBe(false);
  });
});

describe('observedStateTimes', () => {
  it('given a run, then each state is reached at its first time and resolveSchedule fires the after-injects from them', () => {
    const states = observedStateTimes(scenario, mistakesRun);

    expect(states.get(stateKey('call-2', 'answered'))).toBe(145);
    expect(states.get(stateKey('call-2', 'incident-created'))).toBe(165);
    expect(states.get(stateKey('call-2', 'dispatched'))).toBe(185);
    // The repeat call joined an incident already dispatched: dispatched from the moment it joined.
    expect(states.get(stateKey('call-2-repeat', 'dispatched'))).toBe(294);
    expect(states.get(stateKey('radio-emergency', 'acknowledged'))).toBe(330);
    expect(states.get(stateKey('serial-outage', 'ended'))).toBe(540);
    expect(states.has(stateKey('call-1', 'closed'))).toBe(false);

    const schedule = resolveSchedule(scenario.injects, states);
    expect(schedule.ok && schedule.entries.find((entry) => entry.id === 'outage-ended')).toEqual({
      id: 'outage-ended',
      status: 'scheduled',
      atSeconds: 540,
      basis: 'observed',
    });
  });

  it('given a notDone contingency, then it holds until the state is reached', () => {
    const reminder: Inject = {
      id: 'where-is-the-ambulance',
      after: { inject: 'call-1', state: 'fired', delaySeconds: 30 },
      if: { notDone: { inject: 'call-1', state: 'dispatched' } },
      kind: 'note',
      text: 'اسأل عن الإسعاف',
    };
    const input = { scenario, taxonomy, timeline: perfectRun };

    expect(contingencyHolds(reminder, input, 53)).toBe(true);
    expect(contingencyHolds(reminder, input, 54)).toBe(false);
  });
});
