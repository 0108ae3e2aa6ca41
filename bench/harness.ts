/** One measured figure, with the baseline it is compared against in the same run. */
export interface BenchFigure {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  /** What the figure is compared with, measured in the same process and run. */
  readonly baseline?: { readonly name: string; readonly value: number };
  /** `higher` for throughput, `lower` for latency: decides how the ratio reads. */
  readonly better: 'higher' | 'lower';
  /** Target from the issue, when there is one (e.g. "p99 < 5 ms"). */
  readonly target?: string;
}

export interface Benchmark {
  readonly name: string;
  readonly description: string;
  run(): Promise<BenchFigure[]>;
}

/** value / baseline for throughput, baseline / value for latency: above 1 always means "better than baseline". */
export function ratioOf(figure: BenchFigure): number | null {
  if (!figure.baseline || figure.baseline.value === 0 || figure.value === 0) return null;
  return figure.better === 'higher' ? figure.value / figure.baseline.value : figure.baseline.value / figure.value;
}

export function percentile(sortedAscending: readonly number[], p: number): number {
  if (sortedAscending.length === 0) return Number.NaN;
  const index = Math.min(sortedAscending.length - 1, Math.ceil((p / 100) * sortedAscending.length) - 1);
  return sortedAscending[Math.max(0, index)] ?? Number.NaN;
}

export function summarize(samples: number[]): { p50: number; p99: number; max: number; mean: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  const mean = sorted.reduce((sum, value) => sum + value, 0) / Math.max(1, sorted.length);
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted.at(-1) ?? Number.NaN, mean };
}
