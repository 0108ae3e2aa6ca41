import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  kpiGroupings,
  kpiMetrics,
  type KpiFilters,
  type KpiGrouping,
  type KpiReport,
  type KpiShifts,
  type ShiftReport as ShiftReportData,
} from '../../../src-shared/domain/kpi';
import type { ShiftWindow } from '../../../src-shared/domain/shifts';
import {
  DEFAULT_TIME_ZONE,
  formatClock,
  formatDate,
  formatDay,
  formatDayMonth,
  intlLocales,
} from '../../../src-shared/domain/time';
import { startOfZonedDay, zonedDate, zonedMidnight } from '../../../src-shared/domain/timeZone';
import { useRemote } from '../../app/RemoteContext';
import { ShortcutKey } from '../../app/ShortcutKey';
import { downloadText } from '../../app/download';
import { currentLanguage } from '../../i18n';
import { useConsoleStore } from '../../store/console/consoleStore';
import { runTask } from '../../store/errors/errorStore';
import { localized, useTaxonomyStore } from '../../store/taxonomy/taxonomyStore';
import { PercentileChart, SeriesChart } from './KpiCharts';
import { GroupTable, MetricTable, StandardCards, useGroupLabel } from './KpiTables';
import { ShiftReport } from './ShiftReport';
import './kpi.css';

const DAY_MS = 86_400_000;
type Preset = 'currentShift' | 'previousShift' | 'today' | 'last7' | 'last30';
const presets: readonly Preset[] = ['currentShift', 'previousShift', 'today', 'last7', 'last30'];

function windowOf(preset: Preset, shifts: KpiShifts, now: number): { from: number; to: number } {
  const todayStart = startOfZonedDay(now, shifts.timeZone);
  switch (preset) {
    case 'currentShift':
      return { from: shifts.current.from, to: shifts.current.to };
    case 'previousShift':
      return { from: shifts.previous.from, to: shifts.previous.to };
    case 'today':
      return { from: todayStart, to: todayStart + DAY_MS };
    case 'last7':
      return { from: todayStart - 6 * DAY_MS, to: todayStart + DAY_MS };
    case 'last30':
      return { from: todayStart - 29 * DAY_MS, to: todayStart + DAY_MS };
  }
}

function KpiContent(props: { onClose: () => void }) {
  const { t } = useTranslation();
  const remote = useRemote();
  const language = currentLanguage();
  const taxonomy = useTaxonomyStore((state) => state.taxonomy);
  const timeZone = useConsoleStore((state) => state.info?.timeZone) ?? DEFAULT_TIME_ZONE;
  const [shifts, setShifts] = useState<KpiShifts | null>(null);
  const [range, setRange] = useState<{ from: number; to: number } | null>(null);
  const [groupBy, setGroupBy] = useState<KpiGrouping>('agency');
  const [filters, setFilters] = useState<KpiFilters>({});
  const [report, setReport] = useState<KpiReport | null>(null);
  const [shiftReport, setShiftReport] = useState<ShiftReportData | null>(null);
  const [printShift, setPrintShift] = useState<ShiftWindow | null>(null);
  const groupLabel = useGroupLabel(shifts);
  const hourly = report?.bucket !== 'day';
  const formatTick = useMemo(() => {
    if (!hourly) return (utcMs: number) => formatDayMonth(utcMs, language, timeZone);
    const format = new Intl.DateTimeFormat(intlLocales[language], {
      timeZone,
      hourCycle: 'h23',
      hour: '2-digit',
      minute: '2-digit',
    });
    return (utcMs: number) => format.format(utcMs);
  }, [language, timeZone, hourly]);

  useEffect(() => {
    runTask(
      remote.kpi.shifts({}).then((loaded) => {
        setShifts(loaded);
        setRange({ from: loaded.current.from, to: loaded.current.to });
      }),
    );
  }, [remote]);

  const args = useMemo(() => (range ? { ...range, groupBy, filters } : null), [range, groupBy, filters]);
  const load = useCallback(() => {
    if (!args) return;
    runTask(remote.kpi.report(args).then(setReport));
  }, [remote, args]);
  useEffect(load, [load]);

  // The shift report is printed once it has rendered.
  useEffect(() => {
    if (!printShift) return;
    runTask(
      remote.kpi
        .shiftReport({ date: printShift.date, shift: printShift.code })
        .then((loaded) => setShiftReport(loaded)),
    );
  }, [remote, printShift]);
  useEffect(() => {
    if (!shiftReport || !printShift) return;
    const frame = requestAnimationFrame(() => {
      window.print();
      setPrintShift(null);
    });
    return () => cancelAnimationFrame(frame);
  }, [shiftReport, printShift]);

  const exportCsv = (): void => {
    if (!args) return;
    runTask(remote.kpi.exportCsv(args).then((file) => downloadText({ ...file, mimeType: 'text/csv' })));
  };
  const setFilter = (key: keyof KpiFilters, value: string): void =>
    setFilters((current) =>
      Object.fromEntries(Object.entries({ ...current, [key]: value }).filter(([, chosen]) => Boolean(chosen))),
    );

  const empty = report !== null && report.total.calls === 0 && report.total.incidents === 0;
  return (
    <>
      <header className="detail-header kpi-header">
        <h2>{t('kpi.title')}</h2>
        <button type="button" className="button" data-testid="kpi-export-csv" onClick={exportCsv} disabled={!report}>
          {t('kpi.exportCsv')}
        </button>
        <button
          type="button"
          className="button"
          data-testid="kpi-print-shift"
          disabled={!shifts}
          onClick={() => {
            if (!shifts) return;
            // The shift the selection starts in (the current one by default).
            const inWindow = range && range.from >= shifts.previous.from && range.from < shifts.previous.to;
            setShiftReport(null);
            setPrintShift(inWindow ? shifts.previous : shifts.current);
          }}
        >
          {t('kpi.printShift')}
        </button>
        <button type="button" className="button" onClick={props.onClose}>
          {t('detail.close')}
        </button>
      </header>
      <div className="kpi-body">
        <form className="kpi-filters" onSubmit={(event) => event.preventDefault()} data-testid="kpi-filters">
          <div className="kpi-presets" role="group">
            {presets.map((preset) => (
              <button
                key={preset}
                type="button"
                className="button"
                data-testid={`kpi-preset-${preset}`}
                disabled={!shifts}
                onClick={() => shifts && setRange(windowOf(preset, shifts, Date.now()))}
              >
                {t(`kpi.preset.${preset}`)}
              </button>
            ))}
          </div>
          <label className="field">
            <span className="field-label">{t('kpi.from')}</span>
            <input
              type="date"
              className="field-input"
              data-testid="kpi-from"
              value={range ? zonedDate(range.from, timeZone) : ''}
              onChange={(event) => {
                const from = zonedMidnight(event.target.value, timeZone);
                if (from !== null && range) setRange({ from, to: Math.max(range.to, from + DAY_MS) });
              }}
            />
            {/* The picker shows the browser's own date format; this is the date in the UI language. */}
            <output className="kpi-date-text" data-testid="kpi-from-text">
              {range ? formatDay(range.from, language, timeZone) : ''}
            </output>
          </label>
          <label className="field">
            <span className="field-label">{t('kpi.to')}</span>
            <input
              type="date"
              className="field-input"
              data-testid="kpi-to"
              value={range ? zonedDate(range.to - 1, timeZone) : ''}
              onChange={(event) => {
                const day = zonedMidnight(event.target.value, timeZone);
                if (day !== null && range) setRange({ from: Math.min(range.from, day), to: day + DAY_MS });
              }}
            />
            <output className="kpi-date-text" data-testid="kpi-to-text">
              {range ? formatDay(range.to - 1, language, timeZone) : ''}
            </output>
          </label>
          <label className="field">
            <span className="field-label">{t('kpi.agency')}</span>
            <select
              className="field-input"
              data-testid="kpi-filter-agency"
              value={filters.agency ?? ''}
              onChange={(event) => setFilter('agency', event.target.value)}
            >
              <option value="">{t('kpi.all')}</option>
              {taxonomy?.agencies.map((agency) => (
                <option key={agency.code} value={agency.code}>
                  {localized(agency.name, language, agency.code)}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span className="field-label">{t('kpi.type')}</span>
            <select
              className="field-input"
              data-testid="kpi-filter-type"
              value={filters.typeCode ?? ''}
              onChange={(event) => setFilter('typeCode', event.target.value)}
            >
              <option value="">{t('kpi.all')}</option>
              {taxonomy?.types.map((type) => (
                <option key={type.code} value={type.code}>
                  {localized(type.name, language, type.code)}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span className="field-label">{t('kpi.governorate')}</span>
            <select
              className="field-input"
              data-testid="kpi-filter-governorate"
              value={filters.governorate ?? ''}
              onChange={(event) => setFilter('governorate', event.target.value)}
            >
              <option value="">{t('kpi.all')}</option>
              {shifts?.governorates.map((governorate) => (
                <option key={governorate.code} value={governorate.code}>
                  {localized(governorate.name, language, governorate.code)}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span className="field-label">{t('kpi.shift')}</span>
            <select
              className="field-input"
              data-testid="kpi-filter-shift"
              value={filters.shift ?? ''}
              onChange={(event) => setFilter('shift', event.target.value)}
            >
              <option value="">{t('kpi.all')}</option>
              {shifts?.shifts.map((shift) => (
                <option key={shift.code} value={shift.code}>
                  {localized(shift.name, language, shift.code)}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span className="field-label">{t('kpi.groupBy')}</span>
            <select
              className="field-input"
              data-testid="kpi-group-by"
              value={groupBy}
              onChange={(event) => setGroupBy(event.target.value as KpiGrouping)}
            >
              {kpiGroupings.map((grouping) => (
                <option key={grouping} value={grouping}>
                  {t(`kpi.${grouping}`)}
                </option>
              ))}
            </select>
          </label>
          <button type="button" className="button" data-testid="kpi-refresh" onClick={load}>
            {t('kpi.refresh')}
          </button>
        </form>
        {range && (
          <p className="option-meta" data-testid="kpi-window">
            {t('kpi.shiftReport.window', {
              from: `${formatDate(range.from, language, timeZone)} ${formatClock(range.from, language, timeZone)}`,
              to: `${formatDate(range.to, language, timeZone)} ${formatClock(range.to, language, timeZone)}`,
            })}
          </p>
        )}
        {!report ? (
          <p className="option-meta">{t('kpi.loading')}</p>
        ) : empty ? (
          <p className="option-meta" data-testid="kpi-empty">
            {t('kpi.empty')}
          </p>
        ) : (
          <div className="kpi-report" data-testid="kpi-report">
            <StandardCards group={report.total} />
            <div className="kpi-grid">
              <section>
                <MetricTable report={report} />
              </section>
              <section className="kpi-charts">
                <h3>{t('kpi.chart.percentiles')}</h3>
                <PercentileChart
                  report={report}
                  labels={[
                    ...kpiMetrics.map((metric) => t(`kpi.metric.${metric}`)),
                    t('kpi.p50'),
                    t('kpi.p90'),
                    t('kpi.p95'),
                    t('kpi.chart.seconds'),
                    t('kpi.interval'),
                  ]}
                />
                <h3>{t('kpi.chart.series')}</h3>
                <SeriesChart
                  report={report}
                  timeZone={timeZone}
                  labels={[
                    t('kpi.metric.answer'),
                    t('kpi.metric.answerToDispatch'),
                    t('kpi.metric.totalResponse'),
                    t('kpi.chart.seconds'),
                    t('kpi.chart.time'),
                  ]}
                  formatTime={formatTick}
                />
              </section>
            </div>
            <GroupTable report={report} label={(key) => groupLabel(report.groupBy, key)} />
            {report.negativeIntervals > 0 && (
              <p className="option-meta">{t('kpi.negative', { count: report.negativeIntervals })}</p>
            )}
          </div>
        )}
      </div>
      {shiftReport && shifts && <ShiftReport data={shiftReport} shifts={shifts} timeZone={timeZone} />}
    </>
  );
}

/** The header's KPI button (Alt+K) and the KPI view it opens over the console. */
export function KpiButton() {
  const { t } = useTranslation();
  const dialog = useRef<HTMLDialogElement>(null);
  const [open, setOpen] = useState(false);

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent): void => {
      if (event.altKey && event.code === 'KeyK') {
        event.preventDefault();
        setOpen(true);
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
  useEffect(() => {
    if (open && !dialog.current?.open) dialog.current?.showModal();
  }, [open]);

  return (
    <>
      <button type="button" className="button kpi-open" data-testid="open-kpi" onClick={() => setOpen(true)}>
        {t('header.kpi')} <ShortcutKey keys="Alt+K" />
      </button>
      <dialog
        ref={dialog}
        className="incident-detail kpi-view"
        data-testid="kpi-view"
        aria-label={t('kpi.title')}
        onClose={() => setOpen(false)}
      >
        {open && <KpiContent onClose={() => dialog.current?.close()} />}
      </dialog>
    </>
  );
}
