import { parseCsv } from '../../../src-shared/domain/csv';
import { describe, expect, it } from 'vitest';
import {
  compareWithStandards,
  countWithin,
  governorateResolver,
  kpiReportCsv,
  percentile,
  summarize,
} from '../../../src-shared/domain/kpi';
import { computeKpiReport, type CallFact, type IncidentFact } from '../../../src-shared/domain/kpiReportBuilder';
import { DEFAULT_SHIFTS, shiftCalendar, shiftsSchema } from '../../../src-shared/domain/shifts';

const S = 1000;

describe('nearest-rank percentile', () => {
  // Hand computed: n = 10, sorted 1..10 s. p50 → rank ⌈5⌉ = 5 → 5 s; p90 → rank 9 → 9 s; p95 → rank ⌈9.5⌉ = 10 → 10 s.
  const tenValues = [7, 3, 10, 1, 9, 2, 8, 4, 6, 5].map((value) => value * S);

  it('given ten answer times of 1..10 s, when summarized, then p50 = 5 s, p90 = 9 s, p95 = 10 s (ranks 5, 9, 10)', () => {
    expect(summarize(tenValues)).toEqual({
      count: 10,
      p50: 5 * S,
      p90: 9 * S,
      p95: 10 * S,
      mean: 5.5 * S,
      max: 10 * S,
    });
  });

  it('given one value, then every percentile is that value', () => {
    expect(summarize([42])).toMatchObject({ p50: 42, p90: 42, p95: 42 });
  });

  it('given no value, then there is no percentile (null), not zero', () => {
    expect(summarize([])).toEqual({ count: 0, p50: null, p90: null, p95: null, mean: null, max: null });
    expect(percentile([], 90)).toBeNull();
  });

  it('given 20 values, when p95 is taken, then it is the 19th smallest (⌈0.95 × 20⌉ = 19), never an interpolated value', () => {
    const values = Array.from({ length: 20 }, (_, index) => (index + 1) * 10);
    expect(percentile(values, 95)).toBe(190);
    expect(percentile(values, 90)).toBe(180);
    expect(percentile(values, 50)).toBe(100);
  });

  it('given 3 values, when p50 is taken, then rank ⌈1.5⌉ = 2 gives the middle one', () => {
    expect(percentile([30, 10, 20], 50)).toBe(20);
  });

  it('given a percentile outside (0, 100], then it is refused', () => {
    expect(() => percentile([1], 0)).toThrow(RangeError);
    expect(() => percentile([1], 101)).toThrow(RangeError);
  });
});

describe('standards', () => {
  it('given 20 answer times, 18 within 15 s, 19 within 20 s, then NENA 15 s is met (90%) and NENA 20 s is met (95%)', () => {
    const answers = [...Array.from({ length: 18 }, () => 10 * S), 20 * S, 25 * S];
    const results = compareWithStandards({
      answer: answers,
      answerToCreate: [],
      createToDispatch: [],
      dispatchToArrival: [],
      answerToDispatch: [],
      totalResponse: [],
    });
    expect(results.find((result) => result.standard === 'nena-answer-15s')).toMatchObject({
      count: 20,
      within: 18,
      share: 0.9,
      met: true,
    });
    expect(results.find((result) => result.standard === 'nena-answer-20s')).toMatchObject({
      within: 19,
      share: 0.95,
      met: true,
    });
    expect(results.find((result) => result.standard === 'nfpa1225-processing-60s')).toMatchObject({
      count: 0,
      share: null,
      met: null,
    });
  });

  it('given a call answered in exactly 15 s, then it counts as within 15 s', () => {
    expect(countWithin([15 * S, 15 * S + 1], 15 * S)).toBe(1);
  });

  it('given 10 processing times with 8 within 60 s, then NFPA 1225 (90%) is not met', () => {
    const processing = [...Array.from({ length: 8 }, () => 45 * S), 61 * S, 90 * S];
    const nfpa = compareWithStandards({
      answer: [],
      answerToCreate: [],
      createToDispatch: [],
      dispatchToArrival: [],
      answerToDispatch: processing,
      totalResponse: [],
    }).find((result) => result.standard === 'nfpa1225-processing-60s');
    expect(nfpa).toMatchObject({ within: 8, share: 0.8, met: false });
  });
});

describe('shifts in Asia/Baghdad (UTC+3)', () => {
  const calendar = shiftCalendar(DEFAULT_SHIFTS, 'Asia/Baghdad');

  it('given 06:59 and 07:00 local, then the first is the night shift (C), the second the morning shift (A)', () => {
    expect(calendar.shiftOf(Date.UTC(2026, 10, 29, 3, 59))).toBe('C');
    expect(calendar.shiftOf(Date.UTC(2026, 10, 29, 4, 0))).toBe('A');
    expect(calendar.shiftOf(Date.UTC(2026, 10, 29, 12, 0))).toBe('B');
    expect(calendar.shiftOf(Date.UTC(2026, 10, 29, 20, 0))).toBe('C');
  });

  it('given 02:00 local on 30 Nov, then it falls in the night shift that started at 23:00 on 29 Nov', () => {
    expect(calendar.windowAt(Date.UTC(2026, 10, 29, 23, 0))).toEqual({
      code: 'C',
      date: '2026-11-29',
      from: Date.UTC(2026, 10, 29, 20, 0),
      to: Date.UTC(2026, 10, 30, 4, 0),
    });
  });

  it('given a date and shift code, then its window runs from its start to the next shift start', () => {
    expect(calendar.window('2026-11-29', 'A')).toEqual({
      code: 'A',
      date: '2026-11-29',
      from: Date.UTC(2026, 10, 29, 4, 0),
      to: Date.UTC(2026, 10, 29, 12, 0),
    });
    expect(calendar.window('2026-11-29', 'Z')).toBeNull();
  });

  it('given a moment, then its local day starts at 21:00 UTC the evening before', () => {
    expect(calendar.localDayStart(Date.UTC(2026, 10, 29, 10, 0))).toBe(Date.UTC(2026, 10, 28, 21, 0));
  });

  it('given two shifts with the same code, then the rota is refused', () => {
    const result = shiftsSchema.safeParse([DEFAULT_SHIFTS[0], { ...DEFAULT_SHIFTS[1], code: 'A' }]);
    expect(result.success).toBe(false);
  });
});

describe('governorates', () => {
  it('given a point near a place of a governorate, then that governorate; far from every place, none', () => {
    const resolve = governorateResolver([
      { lat: 33.31, lon: 44.36, gov: 'IQ-BG' },
      { lat: 30.5, lon: 47.8, gov: 'IQ-BA' },
    ]);
    expect(resolve(33.3, 44.4)).toBe('IQ-BG');
    expect(resolve(30.52, 47.79)).toBe('IQ-BA');
    expect(resolve(36.0, 40.0)).toBeNull();
  });

  it('given two points of one ~1 km grid cell on either side of the line between two governorates, then each gets its own in either lookup order', () => {
    // Two places 0.02° of longitude apart: the midline (lon 44.37) runs through the cell of lon 44.37.
    const places = [
      { lat: 33.3, lon: 44.36, gov: 'IQ-BG' },
      { lat: 33.3, lon: 44.38, gov: 'IQ-DI' },
    ];
    const west = [33.3, 44.3681] as const;
    const east = [33.3, 44.3719] as const;
    const westFirst = governorateResolver(places);
    const eastFirst = governorateResolver(places);
    expect([westFirst(...west), westFirst(...east)]).toEqual(['IQ-BG', 'IQ-DI']);
    expect([eastFirst(...east), eastFirst(...west)]).toEqual(['IQ-DI', 'IQ-BG']);
  });

  it('given points near the reach of the only place, then inside and outside are decided by the exact distance in either order', () => {
    const places = [{ lat: 33.3, lon: 44.36, gov: 'IQ-BG' }];
    // 1 km reach: 0.009° of latitude is ~1,001 m, 0.0089° is ~990 m (both in the cell of lat 33.31).
    const inside = [33.3089, 44.36] as const;
    const outside = [33.309, 44.36] as const;
    const insideFirst = governorateResolver(places, 1_000);
    const outsideFirst = governorateResolver(places, 1_000);
    expect([insideFirst(...inside), insideFirst(...outside)]).toEqual(['IQ-BG', null]);
    expect([outsideFirst(...outside), outsideFirst(...inside)]).toEqual([null, 'IQ-BG']);
  });
});

describe('the KPI report', () => {
  const t0 = Date.UTC(2026, 10, 29, 5, 0); // 08:00 Baghdad, shift A
  const calendar = shiftCalendar(DEFAULT_SHIFTS, 'Asia/Baghdad');
  const incident = (
    id: string,
    agencies: string[],
    offsets: { received: number; answered: number; created: number; dispatched?: number; onScene?: number },
    extra: Partial<IncidentFact> = {},
  ): IncidentFact => ({
    incidentId: id,
    typeCode: 'fire-building',
    agencies,
    governorate: 'IQ-BG',
    // Al-Risafa, Baghdad.
    district: 'IQG08Q06',
    receivedAt: t0 + offsets.received * S,
    answeredAt: t0 + offsets.answered * S,
    createdAt: t0 + offsets.created * S,
    dispatchedAt: offsets.dispatched === undefined ? null : t0 + offsets.dispatched * S,
    onSceneAt: offsets.onScene === undefined ? null : t0 + offsets.onScene * S,
    ...extra,
  });
  const incidents = [
    // answer 5 s, answer→create 40 s, create→dispatch 30 s, dispatch→arrival 300 s, processing 70 s, total 375 s
    incident('i1', ['civil-defence', 'ambulance'], {
      received: 0,
      answered: 5,
      created: 45,
      dispatched: 75,
      onScene: 375,
    }),
    // answer 10 s, answer→create 20 s, create→dispatch 20 s, dispatch→arrival 600 s, processing 40 s, total 650 s
    incident('i2', ['ambulance'], { received: 100, answered: 110, created: 130, dispatched: 150, onScene: 750 }),
    // not dispatched yet: only the first two intervals
    incident(
      'i3',
      ['police-patrols'],
      { received: 200, answered: 230, created: 260 },
      // Al-Karkh, Baghdad.
      { typeCode: 'theft', district: 'IQG08Q03' },
    ),
  ];
  const calls: CallFact[] = [
    { callId: 'c1', receivedAt: t0, answeredAt: t0 + 5 * S, incidentId: 'i1' },
    { callId: 'c2', receivedAt: t0 + 100 * S, answeredAt: t0 + 110 * S, incidentId: 'i2' },
    { callId: 'c3', receivedAt: t0 + 200 * S, answeredAt: t0 + 230 * S, incidentId: 'i3' },
    // a second caller about i1, answered in 16 s; and an abandoned call
    { callId: 'c4', receivedAt: t0 + 20 * S, answeredAt: t0 + 36 * S, incidentId: 'i1' },
    { callId: 'c5', receivedAt: t0 + 300 * S, answeredAt: null, incidentId: null },
  ];
  const base = {
    from: t0 - 3_600_000,
    to: t0 + 3_600_000,
    incidents,
    calls,
    shiftOf: calendar.shiftOf,
    dayStart: calendar.localDayStart,
    generatedAt: t0 + 3_600_000,
  };

  it('given three incidents and five calls, when reported by agency, then totals and each agency hold the hand-computed figures', () => {
    const report = computeKpiReport({ ...base, groupBy: 'agency' });

    expect(report.total.calls).toBe(5);
    expect(report.total.unansweredCalls).toBe(1);
    expect(report.total.incidents).toBe(3);
    // answers 5, 10, 16, 30 s: p50 rank 2 = 10 s; p90 rank ⌈3.6⌉ = 4 → 30 s
    expect(report.total.metrics.answer).toMatchObject({ count: 4, p50: 10 * S, p90: 30 * S, p95: 30 * S });
    expect(report.total.metrics.answerToCreate).toMatchObject({ count: 3, p50: 30 * S, p90: 40 * S });
    expect(report.total.metrics.createToDispatch).toMatchObject({ count: 2, p50: 20 * S, p90: 30 * S });
    expect(report.total.metrics.dispatchToArrival).toMatchObject({ count: 2, p50: 300 * S, p90: 600 * S });
    expect(report.total.metrics.answerToDispatch).toMatchObject({ count: 2, p50: 40 * S, p90: 70 * S });
    expect(report.total.metrics.totalResponse).toMatchObject({ count: 2, p50: 375 * S, max: 650 * S });
    // NENA 15 s: 5 and 10 of 5, 10, 16, 30 → 50%; NFPA processing 60 s: 40 of 40, 70 → 50%
    const standards = Object.fromEntries(report.total.standards.map((result) => [result.standard, result]));
    expect(standards['nena-answer-15s']).toMatchObject({ within: 2, count: 4, share: 0.5, met: false });
    expect(standards['nena-answer-20s']).toMatchObject({ within: 3, share: 0.75, met: false });
    expect(standards['nfpa1225-processing-60s']).toMatchObject({ within: 1, count: 2, share: 0.5, met: false });

    const byKey = Object.fromEntries(report.groups.map((group) => [group.key, group]));
    expect(Object.keys(byKey)).toEqual(['ambulance', 'civil-defence', 'police-patrols', '—']);
    expect(byKey['ambulance']).toMatchObject({ incidents: 2, calls: 3 });
    expect(byKey['ambulance']?.metrics.totalResponse).toMatchObject({ count: 2, p50: 375 * S, p90: 650 * S });
    expect(byKey['civil-defence']?.metrics.answer).toMatchObject({ count: 2, p50: 5 * S, p90: 16 * S });
    expect(byKey['—']).toMatchObject({ incidents: 0, calls: 1, unansweredCalls: 1 });
  });

  it("given grouping by agency and each agency's own units, then each agency's dispatch and arrival are its first unit's", () => {
    const both = incident(
      'i5',
      ['civil-defence', 'ambulance'],
      { received: 0, answered: 5, created: 45, dispatched: 60, onScene: 300 },
      {
        agencyMilestones: {
          ambulance: { dispatchedAt: t0 + 60 * S, onSceneAt: t0 + 400 * S },
          'civil-defence': { dispatchedAt: t0 + 90 * S, onSceneAt: t0 + 300 * S },
        },
      },
    );
    const report = computeKpiReport({ ...base, groupBy: 'agency', incidents: [both], calls: [] });
    const byKey = Object.fromEntries(report.groups.map((group) => [group.key, group.metrics]));

    expect(report.total.metrics.dispatchToArrival.p50).toBe(240 * S);
    expect(byKey['ambulance']?.dispatchToArrival.p50).toBe(340 * S);
    expect(byKey['ambulance']?.totalResponse.p50).toBe(400 * S);
    expect(byKey['civil-defence']?.createToDispatch.p50).toBe(45 * S);
    expect(byKey['civil-defence']?.dispatchToArrival.p50).toBe(210 * S);
  });

  it('given a type filter, then only that type and the calls linked to it are counted', () => {
    const report = computeKpiReport({ ...base, groupBy: 'type', filters: { typeCode: 'theft' } });
    expect(report.total).toMatchObject({ incidents: 1, calls: 1 });
    expect(report.total.metrics.answer.p50).toBe(30 * S);
    expect(report.groups.map((group) => group.key)).toEqual(['theft']);
  });

  it('given grouping by district, then each incident and its calls count in the district it lies in; an unlinked call in none', () => {
    const report = computeKpiReport({ ...base, groupBy: 'district' });

    expect(report.groups.map((group) => [group.key, group.incidents, group.calls])).toEqual([
      ['IQG08Q03', 1, 1],
      ['IQG08Q06', 2, 3],
      ['—', 0, 1],
    ]);
    expect(report.groups[0]?.metrics.answer.p50).toBe(30 * S);
  });

  it('given grouping by shift, then everything in the 08:00 window falls in shift A', () => {
    const report = computeKpiReport({ ...base, groupBy: 'shift' });
    expect(report.groups.map((group) => [group.key, group.incidents, group.calls])).toEqual([['A', 3, 5]]);
  });

  it('given an arrival stamped before the dispatch, then that interval is left out and counted as negative', () => {
    const skewed = incident('i4', ['ambulance'], { received: 0, answered: 1, created: 2, dispatched: 50, onScene: 40 });
    const report = computeKpiReport({ ...base, groupBy: 'agency', incidents: [skewed], calls: [] });
    expect(report.negativeIntervals).toBe(1);
    expect(report.total.metrics.dispatchToArrival.count).toBe(0);
    expect(report.total.metrics.createToDispatch.count).toBe(1);
  });

  it('given a two-hour window, then the series is hourly; given a week, daily from local midnight', () => {
    expect(computeKpiReport({ ...base, groupBy: 'agency' }).bucket).toBe('hour');
    const week = computeKpiReport({ ...base, to: base.from + 7 * 86_400_000, groupBy: 'agency' });
    expect(week.bucket).toBe('day');
    expect(week.series.map((point) => point.at)).toEqual([Date.UTC(2026, 10, 28, 21, 0)]);
    expect(week.series[0]).toMatchObject({ calls: 5, incidents: 3, answerP90: 30 * S });
  });

  it('given a report, when written as CSV, then it starts with a BOM and a header and quotes nothing that needs none', () => {
    const csv = kpiReportCsv(computeKpiReport({ ...base, groupBy: 'agency' }));
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('\uFEFFgroup,group_name,metric,count,p50_s,p90_s,p95_s,mean_s,max_s');
    expect(lines).toContain('total,total,answer,4,10.0,30.0,30.0,15.3,30.0');
    expect(lines).toContain('total,nena-answer-15s,answer,15.0,0.9,4,2,0.5000,false');
  });

  it('given group names that look like spreadsheet formulas (issue 20), when written as CSV, then no cell starts a formula', () => {
    const csv = kpiReportCsv(computeKpiReport({ ...base, groupBy: 'agency' }), (key) => `=HYPERLINK("x","${key}")`);
    const cells = parseCsv(csv.replace(/^\uFEFF/, '')).flatMap((record) => record.fields);

    expect(cells.some((cell) => cell.includes('HYPERLINK'))).toBe(true);
    expect(cells.filter((cell) => /^[=+\-@\t\r]/.test(cell))).toEqual([]);
  });
});
