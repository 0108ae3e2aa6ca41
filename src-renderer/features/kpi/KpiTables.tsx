import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../../src-shared/contract/schemas';
import {
  kpiMetrics,
  type kpiStandards,
  NO_GROUP,
  type KpiGroup,
  type KpiGrouping,
  type KpiReport,
  type KpiShifts,
} from '../../../src-shared/domain/kpi';
import { areaLabel } from '../../../src-shared/domain/locationNames';
import { formatCount, formatElapsed, intlLocales } from '../../../src-shared/domain/time';
import { currentLanguage } from '../../i18n';
import { localized, useTaxonomyStore } from '../../store/taxonomy/taxonomyStore';

/** A duration for the table: m:ss (h:mm:ss past an hour) in the language's digits; a dash when not measured. */
export function formatDuration(ms: number | null, language: Language): string {
  return ms === null ? '—' : formatElapsed(ms, language);
}

const percentFormatters = new Map<Language, Intl.NumberFormat>();
export function formatShare(share: number | null, language: Language): string {
  if (share === null) return '—';
  const formatter =
    percentFormatters.get(language) ??
    new Intl.NumberFormat(intlLocales[language], { style: 'percent', maximumFractionDigits: 1 });
  percentFormatters.set(language, formatter);
  return formatter.format(share);
}

/** Group keys as the dispatcher reads them: agency, type, governorate, district and shift names in the UI language. */
export function useGroupLabel(shifts: KpiShifts | null): (groupBy: KpiGrouping, key: string) => string {
  const { t } = useTranslation();
  const language = currentLanguage();
  const taxonomy = useTaxonomyStore((state) => state.taxonomy);
  return useCallback(
    (groupBy, key) => {
      if (key === NO_GROUP) return t('kpi.none');
      switch (groupBy) {
        case 'agency':
          return localized(taxonomy?.agencies.find((agency) => agency.code === key)?.name, language, key);
        case 'type':
          return localized(taxonomy?.types.find((type) => type.code === key)?.name, language, key);
        case 'governorate':
          return localized(shifts?.governorates.find((entry) => entry.code === key)?.name, language, key);
        case 'district': {
          const district = shifts?.districts.find((entry) => entry.code === key);
          return (district && areaLabel(district, language)) ?? key;
        }
        case 'shift':
          return localized(shifts?.shifts.find((shift) => shift.code === key)?.name, language, key);
      }
    },
    [t, taxonomy, shifts, language],
  );
}

export function GroupTable(props: { report: KpiReport; label: (key: string) => string }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const rows: KpiGroup[] = [props.report.total, ...props.report.groups];
  const nena = (group: KpiGroup) => group.standards.find((result) => result.standard === 'nena-answer-15s');
  return (
    <table className="kpi-table" data-testid="kpi-groups">
      <thead>
        <tr>
          <th>{t(`kpi.${props.report.groupBy}`)}</th>
          <th>{t('kpi.calls')}</th>
          <th>{t('kpi.unanswered')}</th>
          <th>{t('kpi.incidents')}</th>
          <th>
            {t('kpi.metric.answer')} · {t('kpi.p90')}
          </th>
          <th>
            {t('kpi.metric.answerToDispatch')} · {t('kpi.p90')}
          </th>
          <th>
            {t('kpi.metric.dispatchToArrival')} · {t('kpi.p90')}
          </th>
          <th>
            {t('kpi.metric.totalResponse')} · {t('kpi.p90')}
          </th>
          <th>
            <bdi translate="no">NENA</bdi> · {formatDuration(15_000, language)}
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((group, index) => (
          <tr key={group.key} data-group={index === 0 ? 'total' : group.key} className={index === 0 ? 'kpi-total' : ''}>
            <th scope="row">{index === 0 ? t('kpi.total') : props.label(group.key)}</th>
            <td>{formatCount(group.calls, language)}</td>
            <td>{formatCount(group.unansweredCalls, language)}</td>
            <td>{formatCount(group.incidents, language)}</td>
            <td>{formatDuration(group.metrics.answer.p90, language)}</td>
            <td>{formatDuration(group.metrics.answerToDispatch.p90, language)}</td>
            <td>{formatDuration(group.metrics.dispatchToArrival.p90, language)}</td>
            <td>{formatDuration(group.metrics.totalResponse.p90, language)}</td>
            <td>{formatShare(nena(group)?.share ?? null, language)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Every interval's count and percentiles for the whole selection. */
export function MetricTable(props: { report: KpiReport }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  return (
    <table className="kpi-table" data-testid="kpi-metrics">
      <thead>
        <tr>
          <th>{t('kpi.interval')}</th>
          <th>{t('kpi.count')}</th>
          <th>{t('kpi.p50')}</th>
          <th>{t('kpi.p90')}</th>
          <th>{t('kpi.p95')}</th>
        </tr>
      </thead>
      <tbody>
        {kpiMetrics.map((metric) => {
          const summary = props.report.total.metrics[metric];
          return (
            <tr key={metric} data-metric={metric}>
              <th scope="row">{t(`kpi.metric.${metric}`)}</th>
              <td data-value={summary.count}>{formatCount(summary.count, language)}</td>
              <td data-value={summary.p50 ?? ''}>{formatDuration(summary.p50, language)}</td>
              <td data-value={summary.p90 ?? ''}>{formatDuration(summary.p90, language)}</td>
              <td data-value={summary.p95 ?? ''}>{formatDuration(summary.p95, language)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** The share of calls meeting each published standard, met or not. */
export function StandardCards(props: { group: KpiGroup }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const names: Record<(typeof kpiStandards)[number]['id'], string> = {
    'nena-answer-15s': 'NENA-STA-020.1',
    'nena-answer-20s': 'NENA-STA-020.1',
    'nfpa1225-processing-60s': 'NFPA 1225',
  };
  const seconds = new Intl.NumberFormat(intlLocales[language]);
  return (
    <div className="kpi-standards" data-testid="kpi-standards">
      {props.group.standards.map((result) => (
        <div
          key={result.standard}
          className={`kpi-standard ${result.met === null ? '' : result.met ? 'kpi-met' : 'kpi-not-met'}`}
          data-standard={result.standard}
          data-share={result.share ?? ''}
        >
          <bdi translate="no" className="kpi-standard-name">
            {names[result.standard]}
          </bdi>
          <span>
            {t(`kpi.metric.${result.metric}`)}:{' '}
            {t('kpi.standardText', {
              target: formatShare(result.target, language),
              seconds: seconds.format(result.thresholdMs / 1000),
            })}
          </span>
          <strong>
            {result.share === null
              ? t('kpi.noData')
              : t('kpi.measured', {
                  share: formatShare(result.share, language),
                  within: formatCount(result.within, language),
                  count: formatCount(result.count, language),
                })}
          </strong>
          {result.met !== null && <span className="badge">{result.met ? t('kpi.met') : t('kpi.notMet')}</span>}
        </div>
      ))}
    </div>
  );
}
