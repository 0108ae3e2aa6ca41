import { z } from 'zod';
import { csvFixed, csvLines, csvRow, type CsvFixed } from './csv';
import { distanceM } from './geo';
import type { AreaName } from './locationNames';
import type { Shift, ShiftWindow } from './shifts';

/**
 * Response-time KPIs: pure arithmetic over the milestones every call and incident carries.
 *
 * Percentiles use the **nearest-rank** definition: for n values sorted ascending, the p-th
 * percentile is the value at rank ⌈p/100 × n⌉ (1-based). It is always one of the measured values
 * (no interpolation), so "90% of calls were answered within the p90" holds exactly, and the figure
 * can be checked by hand from a list of times. Empty input has no percentile (null).
 */

/** The intervals the center is measured on (DOMAIN.md: "each arrow is a timestamp; KPIs are the gaps"). */
export const kpiMetrics = [
  'answer',
  'answerToCreate',
  'createToDispatch',
  'dispatchToArrival',
  'answerToDispatch',
  'totalResponse',
] as const;
export type KpiMetric = (typeof kpiMetrics)[number];

/** The milestone fields an interval runs between. */
export type KpiMilestone = 'receivedAt' | 'answeredAt' | 'createdAt' | 'dispatchedAt' | 'onSceneAt';

/**
 * `answer` is measured per call (NENA counts every call, redundant ones included); the others per
 * incident, from the incident's own milestones (the first call's ring and answer).
 */
export const metricSpans: Readonly<
  Record<KpiMetric, { readonly from: KpiMilestone; readonly to: KpiMilestone; readonly per: 'call' | 'incident' }>
> = {
  answer: { from: 'receivedAt', to: 'answeredAt', per: 'call' },
  answerToCreate: { from: 'answeredAt', to: 'createdAt', per: 'incident' },
  createToDispatch: { from: 'createdAt', to: 'dispatchedAt', per: 'incident' },
  dispatchToArrival: { from: 'dispatchedAt', to: 'onSceneAt', per: 'incident' },
  answerToDispatch: { from: 'answeredAt', to: 'dispatchedAt', per: 'incident' },
  totalResponse: { from: 'receivedAt', to: 'onSceneAt', per: 'incident' },
};

/** Published standards the report compares against: a share of a metric within a threshold. */
export const kpiStandards = [
  /** NENA-STA-020.1: 90% of 911 calls answered within 15 s… */
  { id: 'nena-answer-15s', metric: 'answer', thresholdMs: 15_000, target: 0.9 },
  /** …and 95% within 20 s. */
  { id: 'nena-answer-20s', metric: 'answer', thresholdMs: 20_000, target: 0.95 },
  /** NFPA 1225 (2022): 90% of calls processed (answer → dispatch) within 60 s. */
  { id: 'nfpa1225-processing-60s', metric: 'answerToDispatch', thresholdMs: 60_000, target: 0.9 },
] as const satisfies readonly { id: string; metric: KpiMetric; thresholdMs: number; target: number }[];
export type KpiStandardId = (typeof kpiStandards)[number]['id'];

export const kpiGroupings = ['agency', 'type', 'governorate', 'district', 'shift'] as const;
export type KpiGrouping = (typeof kpiGroupings)[number];

/** Key of the group for facts that have no value for the grouping (an unlinked call, an unlocated incident). */
export const NO_GROUP = '—';

// ---------------------------------------------------------------------------------------------
// Percentiles

/** Nearest-rank percentile of values already sorted ascending; null when there are none. */
export function percentileOfSorted(sorted: ArrayLike<number>, p: number): number | null {
  if (!(p > 0 && p <= 100)) throw new RangeError(`percentile must be in (0, 100], got ${String(p)}`);
  const n = sorted.length;
  if (n === 0) return null;
  const rank = Math.ceil((p / 100) * n);
  return sorted[Math.min(n, Math.max(1, rank)) - 1] ?? null;
}

/** Nearest-rank percentile of unsorted values. */
export function percentile(values: readonly number[], p: number): number | null {
  return percentileOfSorted(Float64Array.from(values).sort(), p);
}

export interface MetricSummary {
  /** Intervals measured. */
  readonly count: number;
  readonly p50: number | null;
  readonly p90: number | null;
  readonly p95: number | null;
  readonly mean: number | null;
  readonly max: number | null;
}

export const emptySummary: MetricSummary = { count: 0, p50: null, p90: null, p95: null, mean: null, max: null };

/** Percentiles 50/90/95, mean and max, in the values' unit (ms). */
export function summarize(values: readonly number[] | Float64Array): MetricSummary {
  if (values.length === 0) return emptySummary;
  const sorted = Float64Array.from(values).sort();
  let sum = 0;
  for (const value of sorted) sum += value;
  return {
    count: sorted.length,
    p50: percentileOfSorted(sorted, 50),
    p90: percentileOfSorted(sorted, 90),
    p95: percentileOfSorted(sorted, 95),
    mean: sum / sorted.length,
    max: sorted[sorted.length - 1] ?? null,
  };
}

/** How many values are at or under the threshold (a call answered in exactly 15 s meets "within 15 s"). */
export function countWithin(values: readonly number[] | Float64Array, thresholdMs: number): number {
  let within = 0;
  for (const value of values) if (value <= thresholdMs) within += 1;
  return within;
}

export interface StandardResult {
  readonly standard: KpiStandardId;
  readonly metric: KpiMetric;
  readonly thresholdMs: number;
  readonly target: number;
  readonly count: number;
  readonly within: number;
  /** within / count; null when nothing was measured. */
  readonly share: number | null;
  /** Whether the share reaches the target; null when nothing was measured. */
  readonly met: boolean | null;
}

export function compareWithStandards(values: Readonly<Record<KpiMetric, Float64Array | number[]>>): StandardResult[] {
  return kpiStandards.map((standard) => {
    const measured = values[standard.metric];
    const within = countWithin(measured, standard.thresholdMs);
    const share = measured.length === 0 ? null : within / measured.length;
    return {
      standard: standard.id,
      metric: standard.metric,
      thresholdMs: standard.thresholdMs,
      target: standard.target,
      count: measured.length,
      within,
      share,
      met: share === null ? null : share >= standard.target,
    };
  });
}

// ---------------------------------------------------------------------------------------------
// Governorates

export interface GovernoratePlace {
  readonly lat: number;
  readonly lon: number;
  readonly gov?: string;
}

/**
 * The governorate of a point: that of the nearest gazetteer place that names one, within
 * `maxDistanceM` (Nida ships no governorate boundaries; near a border the nearest town can be
 * across it). Memoised on a ~1 km grid, so a report over many incidents of one city is cheap; a
 * cell keeps one answer only when every point in it provably has that answer, so the result never
 * depends on which points were looked up first. A cell across an edge is decided point by point.
 */
export function governorateResolver(
  places: readonly GovernoratePlace[],
  maxDistanceM = 75_000,
): (lat: number, lon: number) => string | null {
  const named = places.filter((place): place is Required<GovernoratePlace> => place.gov !== undefined);
  const nearest = (lat: number, lon: number): string | null => {
    let best: string | null = null;
    let bestDistance = maxDistanceM;
    for (const place of named) {
      // Cheap reject before the haversine: one degree of latitude is ~111 km.
      if (Math.abs(place.lat - lat) * 111_000 > bestDistance) continue;
      const distance = distanceM({ lat, lon }, place);
      if (distance <= bestDistance) {
        bestDistance = distance;
        best = place.gov;
      }
    }
    return best;
  };
  const cells = new Map<number, string | null | typeof MIXED_CELL>();
  const points = new Map<string, string | null>();
  return (lat, lon) => {
    const row = Math.round(lat * GRID_PER_DEGREE);
    const column = Math.round(lon * GRID_PER_DEGREE);
    const cellKey = (row + 90 * GRID_PER_DEGREE) * (360 * GRID_PER_DEGREE + 1) + column + 180 * GRID_PER_DEGREE;
    let cell = cells.get(cellKey);
    if (cell === undefined) cells.set(cellKey, (cell = settledCell(named, row, column, maxDistanceM)));
    if (cell !== MIXED_CELL) return cell;
    const pointKey = `${String(lat)}:${String(lon)}`;
    let known = points.get(pointKey);
    if (known === undefined) points.set(pointKey, (known = nearest(lat, lon)));
    return known;
  };
}

/** Grid cells per degree of the governorate memo (0.01°: ~1.1 km of latitude). */
const GRID_PER_DEGREE = 100;
/** A grid cell whose points do not all share one governorate. */
const MIXED_CELL = Symbol('mixed cell');
/** Covers the rounding of the haversine in the bounds below (far above its error, far below a cell). */
const DISTANCE_SLACK_M = 1;

/**
 * The one answer every point of a grid cell has, or MIXED_CELL. With r the distance from the cell's
 * centre to its farthest corner, a point of the cell is within r of the centre, so (triangle
 * inequality) the nearest place to the centre, at d, is within d + r of the point and any other
 * place at D from the centre is at least D − r from it.
 */
function settledCell(
  named: readonly Required<GovernoratePlace>[],
  row: number,
  column: number,
  maxDistanceM: number,
): string | null | typeof MIXED_CELL {
  const centre = { lat: row / GRID_PER_DEGREE, lon: column / GRID_PER_DEGREE };
  const half = 0.5 / GRID_PER_DEGREE;
  let radius = 0;
  for (const dLat of [-half, half])
    for (const dLon of [-half, half])
      radius = Math.max(radius, distanceM(centre, { lat: centre.lat + dLat, lon: centre.lon + dLon }));
  radius += DISTANCE_SLACK_M;
  const distances = named.map((place) => distanceM(centre, place));
  let bestIndex = -1;
  let bestDistance = Infinity;
  distances.forEach((distance, index) => {
    if (distance < bestDistance) {
      bestDistance = distance;
      bestIndex = index;
    }
  });
  const best = named[bestIndex];
  // No place within reach of any point of the cell.
  if (best === undefined || bestDistance - radius > maxDistanceM) return null;
  if (bestDistance + radius >= maxDistanceM) return MIXED_CELL;
  const reach = bestDistance + radius;
  const settled = named.every((place, index) => place.gov === best.gov || (distances[index] ?? 0) - radius > reach);
  return settled ? best.gov : MIXED_CELL;
}

// ---------------------------------------------------------------------------------------------
// The report

export const kpiFiltersSchema = z.strictObject({
  agency: z.string().max(64).optional(),
  typeCode: z.string().max(64).optional(),
  governorate: z.string().max(16).optional(),
  shift: z.string().max(16).optional(),
});
export type KpiFilters = z.infer<typeof kpiFiltersSchema>;

export interface KpiGroup {
  readonly key: string;
  /** Incidents counted (each multi-agency incident counts once per agency when grouped by agency). */
  readonly incidents: number;
  /** Calls received. */
  readonly calls: number;
  /** Calls never answered (abandoned before answer, still ringing at the end of the window). */
  readonly unansweredCalls: number;
  readonly metrics: Readonly<Record<KpiMetric, MetricSummary>>;
  readonly standards: readonly StandardResult[];
}

export interface KpiSeriesPoint {
  /** Start of the bucket (UTC ms; local midnight for daily buckets). */
  readonly at: number;
  readonly calls: number;
  readonly incidents: number;
  readonly answerP90: number | null;
  readonly answerToDispatchP90: number | null;
  readonly totalResponseP90: number | null;
}

export interface KpiReport {
  readonly from: number;
  readonly to: number;
  readonly groupBy: KpiGrouping;
  readonly filters: KpiFilters;
  readonly generatedAt: number;
  readonly total: KpiGroup;
  /** Groups in key order; empty groups are left out. */
  readonly groups: readonly KpiGroup[];
  /** Hourly buckets for a window of two days or less, otherwise local days. */
  readonly bucket: 'hour' | 'day';
  readonly series: readonly KpiSeriesPoint[];
  /**
   * Intervals left out because a milestone came before the one it follows (clocks of two consoles
   * disagreeing, a back-dated entry): counted, never averaged in.
   */
  readonly negativeIntervals: number;
}

// ---------------------------------------------------------------------------------------------
// CSV

const seconds = (ms: number | null): CsvFixed | null => (ms === null ? null : csvFixed(ms / 1000, 1));

/**
 * The report as CSV (seconds, one decimal; RFC 4180 quoting; UTF-8 with BOM so that spreadsheet
 * programs read Arabic names): one row per group and metric, then one per group and standard.
 * Figures are number cells (a negative interval stays a number); names are guarded text (csv.ts).
 */
export function kpiReportCsv(report: KpiReport, label: (key: string) => string = (key) => key): string {
  const lines: string[] = [
    csvRow(['group', 'group_name', 'metric', 'count', 'p50_s', 'p90_s', 'p95_s', 'mean_s', 'max_s']),
  ];
  const all = [report.total, ...report.groups];
  for (const group of all) {
    for (const metric of kpiMetrics) {
      const summary = group.metrics[metric];
      lines.push(
        csvRow([
          group.key,
          group.key === 'total' ? 'total' : label(group.key),
          metric,
          summary.count,
          seconds(summary.p50),
          seconds(summary.p90),
          seconds(summary.p95),
          seconds(summary.mean),
          seconds(summary.max),
        ]),
      );
    }
  }
  lines.push('');
  lines.push(csvRow(['group', 'standard', 'metric', 'threshold_s', 'target', 'count', 'within', 'share', 'met']));
  for (const group of all) {
    for (const standard of group.standards) {
      lines.push(
        csvRow([
          group.key,
          standard.standard,
          standard.metric,
          seconds(standard.thresholdMs),
          standard.target,
          standard.count,
          standard.within,
          standard.share === null ? null : csvFixed(standard.share, 4),
          standard.met,
        ]),
      );
    }
  }
  return `\uFEFF${csvLines(lines)}`;
}

// ---------------------------------------------------------------------------------------------
// Shift report

export interface CountByKey {
  readonly key: string;
  readonly count: number;
}

/** What a shift lead prints at handover: the shift's KPIs plus what it handled and what it leaves open. */
export interface ShiftReport {
  readonly shift: ShiftWindow;
  readonly name: Shift['name'];
  /** The shift's KPIs, grouped by agency. */
  readonly report: KpiReport;
  readonly incidentsByType: readonly CountByKey[];
  /** Incidents closed during the shift (whenever created), by disposition. */
  readonly closedByDisposition: readonly CountByKey[];
  /** Incidents created before the shift ended and still open at its end (or now, for the running shift). */
  readonly openAtEnd: number;
  /** Alarms raised during the shift, by kind. */
  readonly alarmsByKind: readonly CountByKey[];
}

/** The center's rota, for the report filters. */
export interface KpiShifts {
  readonly shifts: readonly Shift[];
  /** Governorate codes with their names (from the gazetteer), for the filter and the group labels. */
  readonly governorates: readonly { readonly code: string; readonly name: Shift['name'] }[];
  /** District (qadha) codes with their names, for the group labels (empty without the shipped map data). */
  readonly districts: readonly AreaName[];
  readonly timeZone: string;
  readonly current: ShiftWindow;
  readonly previous: ShiftWindow;
}

/** Counts of a list of keys, most frequent first (ties in key order). */
export function countByKey(keys: Iterable<string>): CountByKey[] {
  const counts = new Map<string, number>();
  for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  return [...counts.entries()]
    .map(([key, count]) => ({ key, count }))
    .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
}
