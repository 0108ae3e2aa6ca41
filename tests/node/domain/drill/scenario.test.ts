// The *.drill.json format: the shipped scenarios are valid, and each kind of mistake is named by its path.
import { describe, expect, it } from 'vitest';
import { parseScenario, type Inject, type Scenario } from '../../../../src-shared/domain/drill/scenario';
import { demoUnits, rawScenario, shippedScenarioFiles, taxonomy } from './support';

const context = { taxonomy, rosterUnits: demoUnits };

function errorsOf(raw: unknown): string[] {
  const result = parseScenario(raw, context);
  return result.ok ? [] : result.errors.map((error) => `${error.path}: ${error.message}`);
}

function withInjects(change: (injects: Inject[]) => void): Scenario {
  const scenario = rawScenario();
  change(scenario.injects);
  return scenario;
}

describe('shipped drill scenarios', () => {
  it('given resources/drills, then at least five scenarios are shipped, from beginner to advanced', () => {
    expect(shippedScenarioFiles.length).toBeGreaterThanOrEqual(5);
    const levels = shippedScenarioFiles.map((name) => rawScenario(name).level);
    expect(levels).toContain('beginner');
    expect(levels).toContain('advanced');
  });

  it.each(shippedScenarioFiles)(
    'given %s, when validated against the taxonomy and demo roster, then it has no problem',
    (name) => {
      expect(errorsOf(rawScenario(name))).toEqual([]);
    },
  );

  it('given the acceptance scenario, then it has a seed, three calls besides its contingency, a radio emergency and a 2-minute serial outage', () => {
    const scenario = rawScenario();
    const calls = scenario.injects.filter((inject) => inject.kind === 'call' && inject.if === undefined);
    expect(scenario.seed).toBeGreaterThan(0);
    expect(calls).toHaveLength(3);
    expect(scenario.injects.filter((inject) => inject.kind === 'call' && inject.if !== undefined)).toHaveLength(1);
    expect(scenario.injects).toContainEqual(expect.objectContaining({ kind: 'radio', signal: 'emergency' }));
    expect(scenario.injects).toContainEqual(
      expect.objectContaining({ kind: 'outage', link: 'serial', durationSeconds: 120 }),
    );
  });

  it('given the multi-agency night, then it has a radio emergency and a telephony-line outage', () => {
    const scenario = rawScenario('05-multi-agency-night.drill.json');
    expect(scenario.injects).toContainEqual(expect.objectContaining({ kind: 'radio', signal: 'emergency' }));
    expect(scenario.injects).toContainEqual(expect.objectContaining({ kind: 'outage', link: 'serial' }));
    expect(new Set(scenario.seats.map((seat) => seat.role))).toEqual(
      new Set(['call-taker', 'dispatcher', 'shift-lead']),
    );
  });
});

describe('drill scenario validation', () => {
  it('given a misspelt key, then the strict schema names it by path', () => {
    const scenario = withInjects((injects) => {
      Object.assign(injects[0] as object, { controllerNotes: 'x' });
    });
    expect(errorsOf(scenario)).toEqual([expect.stringMatching(/^injects\[0\]: Unrecognized key: "controllerNotes"/)]);
  });

  it('given a wrong value deep in a call, then the error names the path', () => {
    const scenario = withInjects((injects) => {
      const call = injects[0];
      if (call?.kind === 'call') Object.assign(call.ali, { classOfService: 'CELL' });
    });
    expect(errorsOf(scenario)).toEqual([
      expect.stringMatching(/^injects\[0\]\.ali\.classOfService: must be a class-of-service code/),
    ]);
  });

  it('given two timings or none, then the inject is refused', () => {
    const scenario = withInjects((injects) => {
      Object.assign(injects[0] as object, { manual: true });
      delete (injects[1] as { at?: number }).at;
    });
    expect(errorsOf(scenario)).toEqual([
      'injects[0]: give exactly one of at, after, manual',
      'injects[1]: give exactly one of at, after, manual',
    ]);
  });

  it('given duplicate ids, an unknown after target, a state the target cannot reach and an undeclared seat, then each is named', () => {
    const scenario = withInjects((injects) => {
      Object.assign(injects[1] as object, { id: 'call-1' });
      Object.assign(injects[5] as object, { after: { inject: 'call-9', state: 'fired', delaySeconds: 30 } });
      Object.assign(injects[6] as object, { after: { inject: 'serial-outage', state: 'answered', delaySeconds: 0 } });
      Object.assign(injects[3] as object, { seat: 'dispatcherFire' });
    });
    expect(errorsOf(scenario)).toEqual([
      'injects[1].id: duplicate inject id "call-1"',
      'injects[2].after.inject: unknown inject "call-2"',
      'injects[2].if.ruleFailed.inject: unknown inject "call-2"',
      'injects[3].seat: seat "dispatcherFire" is not declared in seats',
      'injects[5].after.inject: unknown inject "call-9"',
      'injects[6].after.state: a outage inject has no state "answered" (fired, ended)',
    ]);
  });

  it('given a loop of after links, then the cycle is refused with its ids', () => {
    const scenario = withInjects((injects) => {
      delete (injects[4] as { at?: number }).at;
      Object.assign(injects[4] as object, { after: { inject: 'call-3', state: 'fired', delaySeconds: 10 } });
    });
    expect(errorsOf(scenario)).toEqual([
      'injects[4].after.inject: after chain loops: serial-outage → call-3 → serial-outage',
    ]);
  });

  it('given codes not in the taxonomy, then the type, agency and capability are named', () => {
    const scenario = withInjects((injects) => {
      const call = injects[0];
      if (call?.kind !== 'call') throw new Error('call-1 is a call');
      call.truth.type = 'heart-attack';
      call.truth.agencies = ['ambulance', 'red-crescent'];
      call.truth.capabilities = ['helicopter'];
    });
    expect(errorsOf(scenario)).toEqual([
      'injects[0].truth.type: unknown incident type "heart-attack"',
      'injects[0].truth.agencies[1]: unknown agency "red-crescent"',
      'injects[0].truth.capabilities[0]: unknown capability "helicopter"',
    ]);
  });

  it('given answers and truth keyed past the type’s key questions and instructions, then they are named', () => {
    const scenario = withInjects((injects) => {
      const call = injects[0];
      if (call?.kind !== 'call') throw new Error('call-1 is a call');
      call.caller.answers['q9'] = 'نعم';
      call.truth.instructions = ['i1', 'i6'];
    });
    expect(errorsOf(scenario)).toEqual([
      'injects[0].caller.answers.q9: "cardiac-arrest" has 4 key questions',
      'injects[0].truth.instructions[1]: "cardiac-arrest" has 5 instructions',
    ]);
  });

  it('given positions outside Iraq (swapped latitude and longitude), then each is named', () => {
    const scenario = withInjects((injects) => {
      const call = injects[0];
      if (call?.kind !== 'call' || call.ali.position === undefined) throw new Error('call-1 has a position');
      call.ali.position = { ...call.ali.position, lat: 44.4287, lon: 33.3031 };
      Object.assign(injects[3] as object, { position: { lat: 33.39, lon: 54.46 } });
    });
    expect(errorsOf(scenario)).toEqual([
      expect.stringMatching(/^injects\[0\]\.ali\.position: 44\.4287, 33\.3031 is outside Iraq/),
      expect.stringMatching(/^injects\[3\]\.position: 33\.39, 54\.46 is outside Iraq/),
    ]);
  });

  it('given a radio id and a unit not in the roster, then they are named', () => {
    const scenario = withInjects((injects) => {
      Object.assign(injects[3] as object, { radioId: 'FFFF' });
      injects.push({ id: 'unit-x', at: 60, kind: 'unit', unit: 'U-999', action: 'out-of-service' });
    });
    expect(errorsOf(scenario)).toEqual([
      'injects[3].radioId: no unit of the roster has radio id FFFF',
      'injects[7].unit: no unit "U-999" in the roster',
    ]);
  });

  it('given a seat and an objective declared twice, then the second of each is named', () => {
    const scenario = rawScenario();
    scenario.seats.push({ id: 'callTaker1', role: 'dispatcher' });
    const [objective] = scenario.objectives;
    if (objective !== undefined) scenario.objectives.push(objective);
    expect(errorsOf(scenario)).toEqual([
      'seats[2].id: duplicate id "callTaker1" (also seats[0])',
      'objectives[7].id: duplicate id "answer-fast" (also objectives[0])',
    ]);
  });

  it('given a call without a seat and an inject after the end, then both are named', () => {
    const scenario = withInjects((injects) => {
      delete (injects[0] as { seat?: string }).seat;
      Object.assign(injects[1] as object, { at: 5000 });
    });
    expect(errorsOf(scenario)).toEqual([
      'injects[0].seat: a call inject needs the seat it reaches',
      'injects[1].at: 5000 s is after the drill ends (900 s)',
    ]);
  });
});
