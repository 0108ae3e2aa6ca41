import { describe, expect, it } from 'vitest';
import type { KpiReport } from '../../../src-shared/domain/kpi';
import { BASIM, START, TAHRIR, aliRecord, intakeDraft } from '../../support/scenario';
import { refusal } from '../../support/remoteClient';
import { useTestHosts } from '../support/testHost';
import { readDatabase } from '../support/readDatabase';

const S = 1000;
const { startHost } = useTestHosts();

/**
 * One incident worked end to end on the host's clock, with a second caller:
 *   t=0    call 1 rings (ALI, Tahrir Square)      t=10  call 2 rings
 *   t=8    call 1 answered (8 s)                  t=30  call 2 answered (20 s), attached at t=60
 *   t=48   incident created (answer→create 40 s)
 *   t=78   dispatched (create→dispatch 30 s; answer→dispatch 70 s)
 *   t=138  en route
 *   t=558  on scene (dispatch→arrival 480 s; total response 558 s)
 *   t=1200 closed, resolved on scene
 */
async function workedIncident() {
  const kit = startHost();
  const { clock, api, as, ring } = kit;
  const first = ring(aliRecord('07701234567', { location: { ...TAHRIR, source: 'ali', accuracyM: 30 } }));
  clock.set(START + 8 * S);
  await api.call.answer({ callId: first.id });
  clock.set(START + 10 * S);
  const second = ring(aliRecord('07809876543'));
  clock.set(START + 30 * S);
  await as(BASIM).call.answer({ callId: second.id });
  clock.set(START + 48 * S);
  const incident = await api.intake.submit({
    draft: intakeDraft({
      callId: first.id,
      callerNumber: '07701234567',
      location: { ...TAHRIR, source: 'ali' },
      typeCode: 'traffic-accident-fire',
      priority: 1,
      narrative: [{ at: START + 40 * S, text: 'سيارتان وحريق' }],
    }),
  });
  clock.set(START + 60 * S);
  await as(BASIM).call.attach({ callId: second.id, incidentId: incident.id });
  const status = async (at: number, next: 'dispatched' | 'en-route' | 'on-scene') => {
    clock.set(START + at * S);
    await api.incident.append({
      incidentId: incident.id,
      change: { type: 'incident.statusChanged', payload: { status: next } },
    });
  };
  await status(78, 'dispatched');
  await status(138, 'en-route');
  await status(558, 'on-scene');
  clock.set(START + 1200 * S);
  await api.incident.append({
    incidentId: incident.id,
    change: { type: 'incident.closed', payload: { disposition: 'resolved-on-scene' } },
  });
  return { ...kit, incident };
}

const window = { from: START - 3_600_000, to: START + 3_600_000, filters: {} };

describe('KPI report through the host', () => {
  it('given a scenario with known timestamps, when the report is asked, then every interval is exactly what the clock said', async () => {
    const { api } = await workedIncident();

    const report: KpiReport = await api.kpi.report({ ...window, groupBy: 'agency' });

    expect(report.total).toMatchObject({ incidents: 1, calls: 2, unansweredCalls: 0 });
    const m = report.total.metrics;
    // Two answers, 8 s and 20 s: p50 is rank 1 (8 s), p90 and p95 rank 2 (20 s).
    expect(m.answer).toMatchObject({ count: 2, p50: 8 * S, p90: 20 * S, p95: 20 * S, mean: 14 * S });
    expect(m.answerToCreate).toMatchObject({ count: 1, p50: 40 * S });
    expect(m.createToDispatch).toMatchObject({ count: 1, p50: 30 * S });
    expect(m.dispatchToArrival).toMatchObject({ count: 1, p50: 480 * S });
    expect(m.answerToDispatch).toMatchObject({ count: 1, p50: 70 * S });
    expect(m.totalResponse).toMatchObject({ count: 1, p50: 558 * S, p95: 558 * S });
    const standards = Object.fromEntries(report.total.standards.map((result) => [result.standard, result]));
    expect(standards['nena-answer-15s']).toMatchObject({ count: 2, within: 1, share: 0.5, met: false });
    expect(standards['nena-answer-20s']).toMatchObject({ count: 2, within: 2, share: 1, met: true });
    expect(standards['nfpa1225-processing-60s']).toMatchObject({ count: 1, within: 0, share: 0, met: false });
    expect(report.groups.map((group) => group.key)).toEqual(['ambulance', 'civil-defence', 'traffic-police']);
    for (const group of report.groups) expect(group.metrics.totalResponse.p50).toBe(558 * S);
  });

  it('given the same scenario, when grouped by governorate and by shift, then Tahrir Square is Baghdad and noon is the morning shift', async () => {
    const { api } = await workedIncident();

    const byGovernorate: KpiReport = await api.kpi.report({ ...window, groupBy: 'governorate' });
    const byShift: KpiReport = await api.kpi.report({ ...window, groupBy: 'shift' });
    const filtered: KpiReport = await api.kpi.report({
      ...window,
      groupBy: 'type',
      filters: { governorate: 'IQ-BA' },
    });

    expect(byGovernorate.groups.map((group) => [group.key, group.incidents, group.calls])).toEqual([['IQ-BG', 1, 2]]);
    expect(byShift.groups.map((group) => [group.key, group.incidents, group.calls])).toEqual([['A', 1, 2]]);
    expect(filtered.total).toMatchObject({ incidents: 0, calls: 0 });
  });

  it('given the same scenario, when grouped by district, then the incident and both calls are in the district its location is named in, with that district’s names for the label', async () => {
    const { api } = await workedIncident();

    const byDistrict: KpiReport = await api.kpi.report({ ...window, groupBy: 'district' });
    const { districts } = await api.kpi.shifts({});

    const district = (await api.place.at(TAHRIR)).district;
    expect(district?.code).toMatch(/^IQG08Q\d\d$/);
    expect(byDistrict.groups.map((group) => [group.key, group.incidents, group.calls])).toEqual([
      [district?.code, 1, 2],
    ]);
    expect(districts).toHaveLength(101);
    expect(districts.find((entry) => entry.code === district?.code)).toEqual(district);
  });

  it('given a 30-day window (read by a table scan) and a 2-hour one (read through the index), then both give the same figures', async () => {
    const { api, host } = await workedIncident();

    const month: KpiReport = await api.kpi.report({
      from: START - 15 * 86_400_000,
      to: START + 15 * 86_400_000,
      groupBy: 'agency',
      filters: {},
    });
    const hours: KpiReport = await api.kpi.report({ ...window, groupBy: 'agency' });

    expect(month.total).toEqual(hours.total);
    const plan = readDatabase(
      host.store,
      (db) =>
        db
          .prepare('EXPLAIN QUERY PLAN SELECT id FROM incidents WHERE created_at >= ? AND created_at < ?')
          .all(0, 1) as { detail: string }[],
    );
    expect(plan.map((step) => step.detail).join(' ')).toContain('incidents_by_created');
  });

  it('given the scenario, when exported as CSV, then the figures are in seconds with a dated file name', async () => {
    const { api } = await workedIncident();

    const file = await api.kpi.exportCsv({ ...window, groupBy: 'agency' });

    expect(file.filename).toBe('nida-kpi-261129-261129-agency.csv');
    expect(file.text.split('\r\n')).toContain('total,total,totalResponse,1,558.0,558.0,558.0,558.0,558.0');
    expect(file.text.split('\r\n')).toContain('ambulance,ambulance,answer,2,8.0,20.0,20.0,14.0,20.0');
  });

  it('given the morning shift, when its report is printed, then it counts the incident by type and disposition', async () => {
    const { api, clock } = await workedIncident();
    clock.set(START + 2 * 3_600_000); // 14:00 Baghdad: the morning shift ended at 15:00, still running

    const shifts = await api.kpi.shifts({});
    const shiftReport = await api.kpi.shiftReport({});

    expect(shifts.current).toEqual({
      code: 'A',
      date: '2026-11-29',
      from: Date.UTC(2026, 10, 29, 4, 0),
      to: Date.UTC(2026, 10, 29, 12, 0),
    });
    expect(shifts.previous.code).toBe('C');
    expect(shifts.governorates.find((governorate) => governorate.code === 'IQ-BG')?.name.en).toBe(
      'Baghdad Governorate',
    );
    expect(shiftReport.shift.code).toBe('A');
    expect(shiftReport.report.total).toMatchObject({ incidents: 1, calls: 2 });
    expect(shiftReport.incidentsByType).toEqual([{ key: 'traffic-accident-fire', count: 1 }]);
    expect(shiftReport.closedByDisposition).toEqual([{ key: 'resolved-on-scene', count: 1 }]);
    expect(shiftReport.openAtEnd).toBe(0);
  });

  it('given a window that ends before it starts, or an unknown shift, then the report is refused with a clear message', async () => {
    const { api } = startHost();

    const backwards = await refusal(api.kpi.report({ from: START, to: START - 1, groupBy: 'agency', filters: {} }));
    const unknownShift = await refusal(api.kpi.shiftReport({ date: '2026-11-29', shift: 'Z' }));

    expect(backwards).toMatchObject({ code: 'INVALID_ARGUMENT' });
    expect(JSON.stringify(backwards.issues)).toContain('to must be after from');
    expect(unknownShift).toMatchObject({ code: 'INVALID_ARGUMENT' });
    expect(unknownShift.message).toContain('no shift Z');
  });

  it('given a reopened and re-closed incident, then its KPIs keep the first dispatch and arrival', async () => {
    const { api, clock, incident } = await workedIncident();
    clock.set(START + 1300 * S);
    await api.incident.append({
      incidentId: incident.id,
      change: { type: 'incident.reopened', payload: { reason: 'المتصل عاود الاتصال' } },
    });

    const report: KpiReport = await api.kpi.report({ ...window, groupBy: 'agency' });

    expect(report.total.metrics.totalResponse.p50).toBe(558 * S);
  });
});
