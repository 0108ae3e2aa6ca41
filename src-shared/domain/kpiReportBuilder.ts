import {
  NO_GROUP,
  compareWithStandards,
  emptySummary,
  kpiMetrics,
  type KpiFilters,
  type KpiGroup,
  type KpiGrouping,
  type KpiMetric,
  type KpiReport,
  type KpiSeriesPoint,
  type MetricSummary,
} from './kpi';

/**
 * The KPI report in one pass (issue 21): each call and incident is added as it is read, into the
 * total, its groups and its chart bucket; percentiles are then taken by nearest rank through
 * selection (no full sort per group). The store feeds it the side tables' rows
 * (src-main/services/kpi/kpiService.ts); `computeKpiReport` below feeds it facts held in memory, and
 * is what the arithmetic tests check (tests/node/domain/kpiArithmetic.test.ts).
 */

/** What a call or an incident is grouped and filtered by (the incident a call joined, for a call). */
export interface KpiSubject {
  readonly typeCode: string;
  readonly agencies: readonly string[];
  /** Resolved on first use: only a report by or filtered on governorate pays for it. */
  readonly governorate: () => string | null;
  readonly district: () => string | null;
}

/**
 * Per agency with units on an incident, that agency's own first dispatch and first arrival: lists
 * side by side, refilled for each incident rather than one object per agency and incident.
 */
export class KpiAgencyMilestones {
  private readonly agencies: string[] = [];
  private readonly dispatched: (number | null)[] = [];
  private readonly onScene: (number | null)[] = [];
  length = 0;

  clear(): void {
    this.length = 0;
  }

  push(agency: string, dispatchedAt: number | null, onSceneAt: number | null): void {
    this.agencies[this.length] = agency;
    this.dispatched[this.length] = dispatchedAt;
    this.onScene[this.length] = onSceneAt;
    this.length += 1;
  }

  /** The index of the agency's milestones; -1 when it has none of its own. */
  indexOf(agency: string): number {
    for (let index = 0; index < this.length; index++) if (this.agencies[index] === agency) return index;
    return -1;
  }

  dispatchedAt(index: number): number | null {
    return this.dispatched[index] ?? null;
  }

  onSceneAt(index: number): number | null {
    return this.onScene[index] ?? null;
  }

  /** A copy that the next incident's refill leaves alone. */
  copy(): KpiAgencyMilestones {
    const copy = new KpiAgencyMilestones();
    for (let index = 0; index < this.length; index++)
      copy.push(this.agencies[index] ?? '', this.dispatchedAt(index), this.onSceneAt(index));
    return copy;
  }
}

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

/** A list of numbers in a typed array that doubles as it fills. */
class Values {
  private buffer = new Float64Array(16);
  length = 0;

  push(value: number): void {
    if (this.length === this.buffer.length) {
      const grown = new Float64Array(this.buffer.length * 2);
      grown.set(this.buffer);
      this.buffer = grown;
    }
    this.buffer[this.length++] = value;
  }

  view(): Float64Array {
    return this.buffer.subarray(0, this.length);
  }
}

class Accumulator {
  incidents = 0;
  calls = 0;
  unansweredCalls = 0;
  readonly answer = new Values();
  readonly answerToCreate = new Values();
  readonly createToDispatch = new Values();
  readonly dispatchToArrival = new Values();
  readonly answerToDispatch = new Values();
  readonly totalResponse = new Values();

  addCall(interval: number | null): void {
    this.calls += 1;
    if (interval === null) this.unansweredCalls += 1;
    else if (interval >= 0) this.answer.push(interval);
  }

  /**
   * Counts the incident and adds the intervals between its milestones (metricSpans); returns how
   * many ran backwards (counted once per incident by the caller, never measured).
   */
  addIncident(
    answeredAt: number | null,
    createdAt: number,
    dispatchedAt: number | null,
    onSceneAt: number | null,
    receivedAt: number | null,
  ): number {
    this.incidents += 1;
    return (
      span(this.answerToCreate, answeredAt, createdAt) +
      span(this.createToDispatch, createdAt, dispatchedAt) +
      span(this.dispatchToArrival, dispatchedAt, onSceneAt) +
      span(this.answerToDispatch, answeredAt, dispatchedAt) +
      span(this.totalResponse, receivedAt, onSceneAt)
    );
  }

  result(key: string): KpiGroup {
    const views = {} as Record<KpiMetric, Float64Array>;
    for (const metric of kpiMetrics) views[metric] = this[metric].view();
    // The standards count shares before selection reorders the values (counts do not depend on order).
    const standards = compareWithStandards(views);
    const metrics = {} as Record<KpiMetric, MetricSummary>;
    for (const metric of kpiMetrics) metrics[metric] = summarizeBySelection(views[metric]);
    return {
      key,
      incidents: this.incidents,
      calls: this.calls,
      unansweredCalls: this.unansweredCalls,
      metrics,
      standards,
    };
  }
}

/** Adds end − start when both are known; returns 1 when the interval runs backwards (not added). */
function span(values: Values, start: number | null, end: number | null): number {
  if (start === null || end === null) return 0;
  if (end < start) return 1;
  values.push(end - start);
  return 0;
}

/** The 0-based index of the nearest-rank p-th percentile of n values (the same arithmetic as percentileOfSorted). */
function rankIndex(p: number, n: number): number {
  const rank = Math.ceil((p / 100) * n);
  return Math.min(n, Math.max(1, rank)) - 1;
}

/**
 * Puts the k-th smallest of values[lo..hi] at index k, smaller ones before it and larger after
 * (Hoare's selection with a median-of-three pivot); expected linear time.
 */
function select(values: Float64Array, k: number, lo: number, hi: number): void {
  while (hi > lo) {
    const mid = (lo + hi) >>> 1;
    // Median of three to values[mid], then Hoare partition around it.
    if ((values[mid] ?? 0) < (values[lo] ?? 0)) swap(values, mid, lo);
    if ((values[hi] ?? 0) < (values[lo] ?? 0)) swap(values, hi, lo);
    if ((values[hi] ?? 0) < (values[mid] ?? 0)) swap(values, hi, mid);
    const pivot = values[mid] ?? 0;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while ((values[i] ?? 0) < pivot) i++;
      while ((values[j] ?? 0) > pivot) j--;
      if (i <= j) {
        swap(values, i, j);
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return;
  }
}

function swap(values: Float64Array, a: number, b: number): void {
  const held = values[a] ?? 0;
  values[a] = values[b] ?? 0;
  values[b] = held;
}

/** `summarize` of src-shared/domain/kpi.ts without sorting: selects p95, then p90 and p50 below it. Reorders `values`. */
export function summarizeBySelection(values: Float64Array): MetricSummary {
  const n = values.length;
  if (n === 0) return emptySummary;
  let sum = 0;
  let max = -Infinity;
  for (let index = 0; index < n; index++) {
    const value = values[index] ?? 0;
    sum += value;
    if (value > max) max = value;
  }
  const i95 = rankIndex(95, n);
  const i90 = rankIndex(90, n);
  const i50 = rankIndex(50, n);
  select(values, i95, 0, n - 1);
  // Everything before i95 is no larger than it: the lower ranks are selected within that part.
  if (i90 < i95) select(values, i90, 0, i95 - 1);
  if (i50 < i90) select(values, i50, 0, i90 - 1);
  return {
    count: n,
    p50: values[i50] ?? null,
    p90: values[i90] ?? null,
    p95: values[i95] ?? null,
    mean: sum / n,
    max,
  };
}

/** Nearest-rank p90 by selection; null for no values. Reorders `values`. */
function p90BySelection(values: Float64Array): number | null {
  if (values.length === 0) return null;
  const index = rankIndex(90, values.length);
  select(values, index, 0, values.length - 1);
  return values[index] ?? null;
}

export interface KpiReportBuilderOptions {
  readonly from: number;
  readonly to: number;
  readonly groupBy: KpiGrouping;
  readonly filters: KpiFilters;
  readonly shiftOf: (utcMs: number) => string;
  readonly dayStart: (utcMs: number) => number;
}

export class KpiReportBuilder {
  private readonly total = new Accumulator();
  private readonly groups = new Map<string, Accumulator>();
  private readonly buckets = new Map<number, Accumulator>();
  private readonly bucket: 'hour' | 'day';
  private readonly filtered: boolean;
  private negativeIntervals = 0;
  private lastBucket: Accumulator | null = null;
  private lastBucketStart = 0;
  private lastBucketEnd = 0;

  constructor(private readonly options: KpiReportBuilderOptions) {
    this.bucket = options.to - options.from <= 2 * DAY_MS ? 'hour' : 'day';
    const { agency, typeCode, governorate, shift } = options.filters;
    this.filtered = agency !== undefined || typeCode !== undefined || governorate !== undefined || shift !== undefined;
  }

  /** One call received in the window, with the incident it joined (null: none, or one not in the store). */
  addCall(receivedAt: number, answeredAt: number | null, subject: KpiSubject | null): void {
    if (receivedAt < this.options.from || receivedAt >= this.options.to) return;
    if (this.filtered && !this.passes(subject, receivedAt)) return;
    const interval = answeredAt === null ? null : answeredAt - receivedAt;
    if (interval !== null && interval < 0) this.negativeIntervals += 1;
    this.total.addCall(interval);
    if (this.options.groupBy === 'agency' && subject && subject.agencies.length > 0) {
      for (const agency of subject.agencies) this.group(agency).addCall(interval);
    } else this.group(this.keyOf(subject, receivedAt)).addCall(interval);
    this.bucketAt(receivedAt).addCall(interval);
  }

  /**
   * One incident created in the window (not merged into another), by its milestones. `own`: its
   * agencies' own milestones, used for their groups when grouped by agency; an agency without is
   * measured by the incident's.
   */
  addIncident(
    subject: KpiSubject,
    receivedAt: number | null,
    answeredAt: number | null,
    createdAt: number,
    dispatchedAt: number | null,
    onSceneAt: number | null,
    own: KpiAgencyMilestones,
  ): void {
    if (createdAt < this.options.from || createdAt >= this.options.to) return;
    const at = receivedAt ?? createdAt;
    if (this.filtered && !this.passes(subject, at)) return;
    this.negativeIntervals += this.total.addIncident(answeredAt, createdAt, dispatchedAt, onSceneAt, receivedAt);
    if (this.options.groupBy === 'agency' && subject.agencies.length > 0) {
      for (const agency of subject.agencies) {
        const mine = own.length > 0 ? own.indexOf(agency) : -1;
        this.group(agency).addIncident(
          answeredAt,
          createdAt,
          mine >= 0 ? own.dispatchedAt(mine) : dispatchedAt,
          mine >= 0 ? own.onSceneAt(mine) : onSceneAt,
          receivedAt,
        );
      }
    } else this.group(this.keyOf(subject, at)).addIncident(answeredAt, createdAt, dispatchedAt, onSceneAt, receivedAt);
    this.bucketAt(at).addIncident(answeredAt, createdAt, dispatchedAt, onSceneAt, receivedAt);
  }

  result(generatedAt: number): KpiReport {
    const series: KpiSeriesPoint[] = [...this.buckets.entries()]
      .sort(([a], [b]) => a - b)
      .map(([at, point]) => ({
        at,
        calls: point.calls,
        incidents: point.incidents,
        answerP90: p90BySelection(point.answer.view()),
        answerToDispatchP90: p90BySelection(point.answerToDispatch.view()),
        totalResponseP90: p90BySelection(point.totalResponse.view()),
      }));
    return {
      from: this.options.from,
      to: this.options.to,
      groupBy: this.options.groupBy,
      filters: this.options.filters,
      generatedAt,
      total: this.total.result('total'),
      groups: [...this.groups.entries()]
        .sort(([a], [b]) => (a === NO_GROUP ? 1 : b === NO_GROUP ? -1 : a.localeCompare(b)))
        .map(([key, accumulator]) => accumulator.result(key)),
      bucket: this.bucket,
      series,
      negativeIntervals: this.negativeIntervals,
    };
  }

  private passes(subject: KpiSubject | null, at: number): boolean {
    const { filters } = this.options;
    if (filters.shift !== undefined && this.options.shiftOf(at) !== filters.shift) return false;
    if (filters.agency === undefined && filters.typeCode === undefined && filters.governorate === undefined)
      return true;
    if (!subject) return false;
    if (filters.agency !== undefined && !subject.agencies.includes(filters.agency)) return false;
    if (filters.typeCode !== undefined && subject.typeCode !== filters.typeCode) return false;
    if (filters.governorate !== undefined && subject.governorate() !== filters.governorate) return false;
    return true;
  }

  /** The one group of a call or incident for every grouping but agency (an agency-less incident's too). */
  private keyOf(subject: KpiSubject | null, at: number): string {
    switch (this.options.groupBy) {
      case 'agency':
        return NO_GROUP;
      case 'type':
        return subject?.typeCode ?? NO_GROUP;
      case 'governorate':
        return subject?.governorate() ?? NO_GROUP;
      case 'district':
        return subject?.district() ?? NO_GROUP;
      case 'shift':
        return this.options.shiftOf(at);
    }
  }

  private group(key: string): Accumulator {
    let group = this.groups.get(key);
    if (!group) this.groups.set(key, (group = new Accumulator()));
    return group;
  }

  /**
   * The chart bucket of an instant. Rows come nearly in time order: the last bucket and its bounds
   * are kept, so most rows need neither the zone's day start nor a map look-up.
   */
  private bucketAt(at: number): Accumulator {
    if (this.lastBucket !== null && at >= this.lastBucketStart && at < this.lastBucketEnd) return this.lastBucket;
    let start: number;
    let end: number;
    if (this.bucket === 'hour') {
      start = Math.floor(at / HOUR_MS) * HOUR_MS;
      end = start + HOUR_MS;
    } else {
      start = this.options.dayStart(at);
      // A local day lasts 23 to 25 hours: 36 hours on lies in the next day, whose start ends this one.
      end = this.options.dayStart(start + 36 * HOUR_MS);
    }
    let point = this.buckets.get(start);
    if (!point) this.buckets.set(start, (point = new Accumulator()));
    this.lastBucket = point;
    this.lastBucketStart = start;
    this.lastBucketEnd = end;
    return point;
  }
}

// ---------------------------------------------------------------------------------------------
// The report from facts held in memory

/** One incident's milestones and what it is grouped by. */
export interface IncidentFact {
  readonly incidentId: string;
  readonly typeCode: string;
  readonly agencies: readonly string[];
  readonly governorate: string | null;
  /** The OCHA code of the district (qadha) the incident lies in; null when unlocated or unnamed. */
  readonly district: string | null;
  readonly receivedAt: number | null;
  readonly answeredAt: number | null;
  readonly createdAt: number;
  readonly dispatchedAt: number | null;
  readonly onSceneAt: number | null;
  /**
   * Per agency, the first dispatch and first arrival of its own units (from the incident's unit
   * assignments), used when grouping by agency; agencies without units use the incident's milestones.
   */
  readonly agencyMilestones?: Readonly<
    Record<string, { readonly dispatchedAt: number | null; readonly onSceneAt: number | null }>
  >;
}

/** One call: its ring and answer, and the incident it ended up in (for its agency, type and place). */
export interface CallFact {
  readonly callId: string;
  readonly receivedAt: number;
  readonly answeredAt: number | null;
  readonly incidentId: string | null;
}

export interface KpiInput {
  readonly from: number;
  readonly to: number;
  readonly groupBy: KpiGrouping;
  readonly filters?: KpiFilters;
  readonly incidents: readonly IncidentFact[];
  readonly calls: readonly CallFact[];
  /** Facts of incidents that calls in the window link to but that were created outside it. */
  readonly linkedIncidents?: ReadonlyMap<string, IncidentFact>;
  readonly shiftOf: (utcMs: number) => string;
  /** Start of the chart bucket a moment falls in (local day start for daily buckets). */
  readonly dayStart: (utcMs: number) => number;
  readonly generatedAt: number;
}

/**
 * The KPI report: every metric's percentiles and the standards' shares, in total and per group,
 * plus a time series for the chart. An incident belongs to the window by its creation time, a call
 * by its ring time; an incident's shift is that of its first ring (creation when unknown).
 */
export function computeKpiReport(input: KpiInput): KpiReport {
  const byId = new Map<string, IncidentFact>(input.linkedIncidents ?? []);
  for (const incident of input.incidents) byId.set(incident.incidentId, incident);
  const builder = new KpiReportBuilder({
    from: input.from,
    to: input.to,
    groupBy: input.groupBy,
    filters: input.filters ?? {},
    shiftOf: input.shiftOf,
    dayStart: input.dayStart,
  });
  for (const call of input.calls) {
    const incident = call.incidentId !== null ? byId.get(call.incidentId) : undefined;
    builder.addCall(call.receivedAt, call.answeredAt, incident ? subjectOf(incident) : null);
  }
  const own = new KpiAgencyMilestones();
  for (const incident of input.incidents) {
    own.clear();
    for (const [agency, milestones] of Object.entries(incident.agencyMilestones ?? {}))
      own.push(agency, milestones.dispatchedAt, milestones.onSceneAt);
    builder.addIncident(
      subjectOf(incident),
      incident.receivedAt,
      incident.answeredAt,
      incident.createdAt,
      incident.dispatchedAt,
      incident.onSceneAt,
      own,
    );
  }
  return builder.result(input.generatedAt);
}

function subjectOf(incident: IncidentFact): KpiSubject {
  return {
    typeCode: incident.typeCode,
    agencies: incident.agencies,
    governorate: () => incident.governorate,
    district: () => incident.district,
  };
}
