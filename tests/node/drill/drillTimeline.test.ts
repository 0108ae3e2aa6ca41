// A drill run read back from the drill console's own store: the timeline the scorer reads (drill
// seconds, the pause left out), the contingency that fires when the scorer says a rule failed, and
// the `drill.report` a trainer asks for — on a drill host with a manual clock, real SQLite.
import { describe, expect, it } from 'vitest';
import type { DrillReport } from '../../../src-shared/domain/drill/drillReport';
import type { RuleResult } from '../../../src-shared/domain/drill/scoring';
import { buildDrillTimeline, findDrillRun } from '../../../src-main/services/drill/drillTimeline';
import { readScenarioFile } from '../../../src-main/services/drill/scenarioFile';
import { loadTaxonomy } from '../../../src-main/services/taxonomy/taxonomyService';
import {
  ACCEPTANCE,
  CALL_1,
  drillCall,
  drillConsole,
  recordCall1Guidance,
  submitCall1,
  wait,
} from '../support/drillHost';
import { useTestHosts, type HostUnderTest } from '../support/testHost';
import { join } from 'node:path';

/** The emergency's unit (U-105, radio 1A05) is in Sadr City; U-113 shares its station. */
const EMERGENCY_POSITION = { lat: 33.3935, lon: 44.4627 };

function resultOf(report: DrillReport, injectId: string, rule: RuleResult['rule']): RuleResult | undefined {
  return report.results.find((result) => result.injectId === injectId && result.rule === rule);
}

/** Loads the acceptance scenario at ×1 and leaves out the injects a test does not play. */
async function startAcceptance(under: HostUnderTest, skipped: readonly string[]): Promise<void> {
  await under.api.drill.load({ file: ACCEPTANCE });
  await under.api.drill.start({ speed: 1 });
  for (const injectId of skipped) await under.api.drill.skip({ injectId });
}

function acceptanceScenario(under: HostUnderTest) {
  const { resourcesDir } = under.host.config;
  const result = readScenarioFile(join(resourcesDir, 'drills', ACCEPTANCE), {
    taxonomy: loadTaxonomy(under.dataDir, resourcesDir).taxonomy,
    resourcesDir,
  });
  if (!result.ok) throw new Error('the acceptance scenario does not read');
  return result.scenario;
}

describe('a drill run read back from the store', () => {
  const { startHost } = useTestHosts();

  it('given the perfect path through the API, when the drill ends, then its report passes every rule it played', async () => {
    const under = await drillConsole(startHost);
    await startAcceptance(under, ['call-2', 'call-2-repeat', 'serial-outage', 'call-3']);

    wait(under, 10); // call 1 rings
    const call = await drillCall(under.api, CALL_1.callback);
    wait(under, 4);
    await under.api.call.answer({ callId: call.id });
    wait(under, 6);
    const incident = await submitCall1(under.api, call.id);
    await recordCall1Guidance(under.api, call.id);
    wait(under, 10);
    await under.api.dispatch.dispatch({ incidentId: incident.id, unitIds: [CALL_1.unit] });
    wait(under, 120);
    await under.api.unit.setStatus({ unitId: CALL_1.unit, status: 'on-scene' });

    wait(under, 150); // 300 s: the radio emergency
    const alarm = under.published('onAlarm').find((raised) => raised.kind === 'radio-emergency');
    wait(under, 4);
    await under.api.alarm.acknowledge({ alarmId: alarm?.id ?? '' });
    wait(under, 20);
    const backup = await under.api.incident.create({
      typeCode: 'shooting',
      priority: 1,
      agencies: ['police-patrols'],
      location: { ...EMERGENCY_POSITION, source: 'map' },
    });
    await under.api.dispatch.dispatch({ incidentId: backup.id, unitIds: ['U-113'] });
    wait(under, 600); // past the end (900 s)

    const report = await under.api.drill.report({ run: 'latest' });
    expect(report.run).toMatchObject({ scenarioId: 'acceptance-three-calls', ended: true, asOfSeconds: null });
    const outcomes = (injectId: string) =>
      Object.fromEntries(
        report.results
          .filter((result) => result.injectId === injectId)
          .map((result) => [result.rule, [result.outcome, result.value]]),
      );
    expect(outcomes('call-1')).toEqual({
      'answer-time': ['pass', 4],
      'processing-time': ['pass', 16],
      location: ['pass', 0],
      callback: ['pass', null],
      classification: ['pass', null],
      units: ['pass', null],
      'key-questions': ['pass', 1],
      instructions: ['pass', 1],
    });
    expect(outcomes('radio-emergency')).toEqual({
      'radio-emergency-ack': ['pass', 4],
      'radio-backup': ['pass', 24],
    });
    expect(report.calls.find((strip) => strip.injectId === 'call-1')).toMatchObject({
      ring: 10,
      answer: 14,
      create: 20,
      dispatch: 30,
      arrival: 150,
    });
    expect(report.answerShares).toMatchObject({
      calls: 1,
      targets: [
        { share: 1, met: true },
        { share: 1, met: true },
      ],
    });
    // The dispatch and the acknowledgement are the dispatcher seat's; the answer the call-taker's.
    expect(resultOf(report, 'call-1', 'answer-time')?.seat).toBe('callTaker1');
    expect(resultOf(report, 'radio-emergency', 'radio-emergency-ack')?.seat).toBe('dispatcher1');
    expect(resultOf(report, 'call-1', 'processing-time')?.seat).toBe('dispatcher1');
    expect(report.controls.map((action) => action.kind)).toEqual([
      'started',
      'skipped',
      'skipped',
      'skipped',
      'skipped',
      'ended',
    ]);
  });

  it('given call 1 answered 20 s after it rang, then answer time fails with its value and the rest still passes', async () => {
    const under = await drillConsole(startHost);
    await startAcceptance(under, ['call-2', 'call-2-repeat', 'radio-emergency', 'serial-outage', 'call-3']);

    wait(under, 10);
    const call = await drillCall(under.api, CALL_1.callback);
    wait(under, 20);
    await under.api.call.answer({ callId: call.id });
    const incident = await submitCall1(under.api, call.id);
    await recordCall1Guidance(under.api, call.id);
    await under.api.dispatch.dispatch({ incidentId: incident.id, unitIds: [CALL_1.unit] });

    const report = await under.api.drill.report({});
    expect(report.run).toMatchObject({ ended: false, asOfSeconds: 30 });
    expect(resultOf(report, 'call-1', 'answer-time')).toMatchObject({
      outcome: 'fail',
      value: 20,
      threshold: 15,
      unit: 'seconds',
      source: 'NENA-STA-020.1',
      consequential: false,
    });
    expect(resultOf(report, 'call-1', 'processing-time')).toMatchObject({ outcome: 'pass', value: 0 });
    // 20 s misses NENA's 15 s share and just meets its 20 s one.
    expect(report.answerShares.targets.map((target) => [target.withinSeconds, target.met])).toEqual([
      [15, false],
      [20, true],
    ]);
    const answerObjective = report.seats
      .find((seat) => seat.seat === 'callTaker1')
      ?.objectives.find((objective) => objective.id === 'answer-fast');
    expect(answerObjective?.outcome).toBe('fail');
  });

  it('given the Sadr City ambulance sent to Karrada while Karrada’s own was free, then units fails naming the closer one', async () => {
    const under = await drillConsole(startHost);
    await startAcceptance(under, ['call-2', 'call-2-repeat', 'radio-emergency', 'serial-outage', 'call-3']);

    wait(under, 10);
    const call = await drillCall(under.api, CALL_1.callback);
    wait(under, 5);
    await under.api.call.answer({ callId: call.id });
    const incident = await submitCall1(under.api, call.id);
    await under.api.dispatch.dispatch({ incidentId: incident.id, unitIds: ['U-206'] });

    const units = resultOf(await under.api.drill.report({}), 'call-1', 'units');
    expect(units).toMatchObject({ outcome: 'fail', reasons: ['closer-unit-free'] });
    expect(units?.closerUnits?.map((closer) => closer.closerUnitId)).toContain(CALL_1.unit);
    expect(units?.closerUnits?.[0]?.sentDistanceM).toBeGreaterThan(10_000);
  });

  it('given a 5-minute pause between the ring and the answer, then the timeline leaves the pause out', async () => {
    const under = await drillConsole(startHost);
    await startAcceptance(under, ['call-2', 'call-2-repeat', 'radio-emergency', 'serial-outage', 'call-3']);

    wait(under, 10);
    const call = await drillCall(under.api, CALL_1.callback);
    wait(under, 3);
    await under.api.drill.pause({});
    wait(under, 300);
    await under.api.drill.resume({});
    wait(under, 2);
    await under.api.call.answer({ callId: call.id });

    const run = findDrillRun(under.host.store.drillRecords, 'latest');
    if (run === null) throw new Error('no run recorded');
    const { timeline, controls } = buildDrillTimeline(under.host.store.drillRecords, acceptanceScenario(under), run);
    expect(timeline.map((fact) => [fact.kind, fact.t])).toEqual([
      ['inject-fired', 10],
      ['call-rang', 10],
      ['call-answered', 15],
    ]);
    expect(controls.map((action) => [action.kind, action.seconds])).toEqual([
      ['started', 0],
      ['skipped', 0],
      ['skipped', 0],
      ['skipped', 0],
      ['skipped', 0],
      ['skipped', 0],
      ['paused', 13],
      ['resumed', 13],
    ]);
  });

  describe('the contingency on call 2’s answer time', () => {
    it('given call 2 left unanswered for 25 drill seconds, then the repeat call rings at 270 s', async () => {
      const under = await drillConsole(startHost);
      await startAcceptance(under, ['call-1', 'radio-emergency', 'serial-outage', 'call-3']);

      wait(under, 120);
      const first = await drillCall(under.api, '+9647801900002');
      wait(under, 25);
      await under.api.call.answer({ callId: first.id });
      wait(under, 125); // 270 s

      const row = (await under.api.drill.state({}))?.injects.find((inject) => inject.id === 'call-2-repeat');
      expect(row).toMatchObject({ status: 'fired', firedSeconds: 270 });
      const repeat = await drillCall(under.api, '+9647801900002');
      expect(repeat.id).not.toBe(first.id);
      const report = await under.api.drill.report({ run: 'latest' });
      expect(report.calls.find((strip) => strip.injectId === 'call-2-repeat')?.ring).toBe(270);
    });

    it('given call 2 answered within 15 s, then the repeat call is not needed', async () => {
      const under = await drillConsole(startHost);
      await startAcceptance(under, ['call-1', 'radio-emergency', 'serial-outage', 'call-3']);

      wait(under, 120);
      const call = await drillCall(under.api, '+9647801900002');
      wait(under, 8);
      await under.api.call.answer({ callId: call.id });
      wait(under, 142); // 270 s

      const row = (await under.api.drill.state({}))?.injects.find((inject) => inject.id === 'call-2-repeat');
      expect(row?.status).toBe('not-needed');
      expect(await under.api.call.list({})).toHaveLength(1);
      const report = await under.api.drill.report({ run: 'latest' });
      expect(report.controls).toContainEqual(
        expect.objectContaining({ kind: 'not-needed', injectId: 'call-2-repeat', seconds: 270 }),
      );
    });
  });

  it('given two runs on one console, then each run’s report reads only its own calls', async () => {
    const under = await drillConsole(startHost);
    const skipped = ['call-2', 'call-2-repeat', 'radio-emergency', 'serial-outage', 'call-3'];
    await startAcceptance(under, skipped);
    wait(under, 10);
    const late = await drillCall(under.api, CALL_1.callback);
    wait(under, 20);
    await under.api.call.answer({ callId: late.id });
    wait(under, 900); // the first run ends
    const first = await under.api.drill.report({});

    await startAcceptance(under, skipped);
    wait(under, 10);
    const onTime = await drillCall(under.api, CALL_1.callback);
    wait(under, 3);
    await under.api.call.answer({ callId: onTime.id });

    const second = await under.api.drill.report({ run: 'latest' });
    expect(second.run.id).toBeGreaterThan(first.run.id);
    expect(resultOf(second, 'call-1', 'answer-time')).toMatchObject({ outcome: 'pass', value: 3, callId: onTime.id });
    const firstAgain = await under.api.drill.report({ run: first.run.id });
    expect(firstAgain.run.ended).toBe(true);
    expect(resultOf(firstAgain, 'call-1', 'answer-time')).toMatchObject({
      outcome: 'fail',
      value: 20,
      callId: late.id,
    });
  });

  it('given a run id that does not exist, then drill.report answers NOT_FOUND', async () => {
    const under = await drillConsole(startHost);
    await expect(under.api.drill.report({ run: 'latest' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await under.api.drill.load({ file: ACCEPTANCE });
    await expect(under.api.drill.report({ run: 999_999 })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
