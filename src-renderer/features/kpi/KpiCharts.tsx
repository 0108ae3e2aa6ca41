import { useEffect, useMemo, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { kpiMetrics, type KpiReport } from '../../../src-shared/domain/kpi';

const COLORS = { p50: '#3fa7ff', p90: '#f2b233', p95: '#ff5a52' } as const;
const AXIS = { stroke: '#9aabc2', grid: { stroke: '#24324a', width: 1 }, ticks: { stroke: '#24324a', width: 1 } };
const FONT = '12px "Noto Sans Arabic", "Noto Sans", system-ui, sans-serif';

/** One uPlot canvas, sized to its container; rebuilt when its options change, fed new data otherwise. */
type ChartOptions = Omit<uPlot.Options, 'width' | 'height'>;

function Chart(props: { options: ChartOptions; data: uPlot.AlignedData; testId: string }) {
  const container = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const { options, data } = props;

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const chart = new uPlot({ ...options, width: element.clientWidth || 480, height: 220 }, data, element);
    plot.current = chart;
    const observer = new ResizeObserver(() => chart.setSize({ width: element.clientWidth || 480, height: 220 }));
    observer.observe(element);
    return () => {
      observer.disconnect();
      chart.destroy();
      plot.current = null;
    };
    // Data changes are pushed below without rebuilding the chart.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [options]);

  useEffect(() => {
    plot.current?.setData(data);
  }, [data]);

  // Charts read left to right (time, interval order) in every language.
  return <div ref={container} className="kpi-chart" dir="ltr" translate="no" data-testid={props.testId} />;
}

const toSeconds = (ms: number | null): number | null => (ms === null ? null : Math.round(ms / 100) / 10);

const SEP = '\u0000';

/**
 * p50/p90/p95 of every interval as grouped bars: the x scale holds one slot per interval, the three
 * percentiles sit at +0.2/+0.4/+0.6 inside it.
 */
export function PercentileChart(props: {
  report: KpiReport;
  /** One label per metric, in `kpiMetrics` order; then p50, p90, p95, the unit and the x axis's name. */
  labels: readonly string[];
}) {
  const { report } = props;
  const labelsKey = props.labels.join(SEP);
  const options = useMemo((): ChartOptions => {
    const labels = labelsKey.split(SEP);
    const bars = uPlot.paths.bars?.({ size: [0.9, 48], align: 0 });
    const bar = (label: string | undefined, color: string): uPlot.Series => ({
      label: label ?? '',
      fill: color,
      stroke: color,
      points: { show: false },
      ...(bars && { paths: bars }),
    });
    const metricCount = kpiMetrics.length;
    return {
      scales: {
        x: { time: false, range: [-0.1, metricCount] },
        y: { range: (_u, _min, max) => [0, max * 1.1 || 1] },
      },
      cursor: { show: false },
      axes: [
        {
          ...AXIS,
          font: FONT,
          // Interval names are long in every language: slanted, they do not run into each other.
          rotate: -20,
          size: 96,
          splits: () => kpiMetrics.map((_, index) => index + 0.4),
          values: (_u, splits) => splits.map((split) => labels[Math.round(split - 0.4)] ?? ''),
        },
        { ...AXIS, font: FONT, label: labels[metricCount + 3] ?? '', labelFont: FONT },
      ],
      series: [
        { label: labels[metricCount + 4] ?? '' },
        bar(labels[metricCount], COLORS.p50),
        bar(labels[metricCount + 1], COLORS.p90),
        bar(labels[metricCount + 2], COLORS.p95),
      ],
    };
  }, [labelsKey]);
  const data = useMemo((): uPlot.AlignedData => {
    const x: number[] = [];
    const series: [(number | null)[], (number | null)[], (number | null)[]] = [[], [], []];
    kpiMetrics.forEach((metric, index) => {
      const summary = report.total.metrics[metric];
      [summary.p50, summary.p90, summary.p95].forEach((value, slot) => {
        x.push(index + 0.2 * (slot + 1));
        series.forEach((values, which) => values.push(which === slot ? toSeconds(value) : null));
      });
    });
    return [x, ...series];
  }, [report]);
  return <Chart options={options} data={data} testId="kpi-chart-percentiles" />;
}

/** The 90th percentile of answer, processing and total response per hour or day, in the center's zone. */
export function SeriesChart(props: {
  report: KpiReport;
  timeZone: string;
  /** Answer, processing, total response, the unit, then the time axis's name. */
  labels: readonly string[];
  /** A bucket's start as the center reads it (24-hour clock or date, the language's digits). */
  formatTime: (utcMs: number) => string;
}) {
  const { report, timeZone, formatTime } = props;
  const labelsKey = props.labels.join(SEP);
  const options = useMemo((): ChartOptions => {
    const labels = labelsKey.split(SEP);
    const line = (label: string | undefined, color: string): uPlot.Series => ({
      label: label ?? '',
      stroke: color,
      width: 2,
      spanGaps: true,
    });
    return {
      tzDate: (seconds) => uPlot.tzDate(new Date(seconds * 1000), timeZone),
      scales: { x: { time: true }, y: { range: (_u, _min, max) => [0, max * 1.1 || 1] } },
      axes: [
        { ...AXIS, font: FONT, values: (_u, splits) => splits.map((seconds) => formatTime(seconds * 1000)) },
        { ...AXIS, font: FONT, label: labels[3] ?? '', labelFont: FONT },
      ],
      series: [
        { label: labels[4] ?? '', value: (_u, seconds) => formatTime(seconds * 1000) },
        line(labels[0], COLORS.p50),
        line(labels[1], COLORS.p90),
        line(labels[2], COLORS.p95),
      ],
    };
  }, [labelsKey, timeZone, formatTime]);
  const data = useMemo(
    (): uPlot.AlignedData => [
      report.series.map((point) => point.at / 1000),
      report.series.map((point) => toSeconds(point.answerP90)),
      report.series.map((point) => toSeconds(point.answerToDispatchP90)),
      report.series.map((point) => toSeconds(point.totalResponseP90)),
    ],
    [report],
  );
  return <Chart options={options} data={data} testId="kpi-chart-series" />;
}
