import { useEffect, useMemo, useRef, useState } from 'react';
import { downloadWithAuth } from '../../auth/download';
import { restClient } from '../../api/rest-client';
import type { ReportStatusResponse } from '../../api/types';
import { formatDayMonth, formatNumber } from '../../format/format';
import { useI18n } from '../../i18n/i18n-context';
import type { MessageKey } from '../../i18n';
import { reportTemplate } from '../../kpi/kpi-info';
import { periodKeyLabel } from '../../kpi/kpi-period';
import { regionLabel } from '../../regions/region-label';
import type { WidgetProps } from '../widget-types';
import type { ReportStatusOptions } from './index';
import { STATUS_SEGMENTS, statusPeriod, statusRegion, summariseStatus, type StatusSegment } from './status-summary';

const REFRESH_MS = 60_000;
const SEGMENT_LABELS: Record<StatusSegment, MessageKey> = {
  onTime: 'report.submitted',
  late: 'report.late',
  returned: 'report.returned',
  pending: 'report.notStarted',
  overdue: 'report.overdue',
};
const SEGMENT_COLORS: Record<StatusSegment, string> = {
  onTime: '#2dd4bf',
  late: '#38bdf8',
  returned: '#fb923c',
  pending: '#475569',
  overdue: '#ef4444',
};
/** Heights as styles.css draws them: header, bar with its legend, overdue line, table header and rows. */
const FIXED_PX = 28 + 46 + 26;
const TABLE_HEAD_PX = 28;
const TABLE_ROW_PX = 28;

/**
 * Who has reported a template's current period, per district: submitted on time, late, returned,
 * overdue, not started; the units overdue by name; the consolidated report to download.
 */
export default function ReportStatus({ options, height, data, scope, onReady }: WidgetProps<ReportStatusOptions>) {
  const { t, locale, lang } = useI18n();
  const template = reportTemplate(options.report, data);
  const [answer, setAnswer] = useState<{ key: string; body: ReportStatusResponse } | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  const reported = useRef(false);

  useEffect(() => {
    const timer = setInterval(() => setTick((n) => n + 1), REFRESH_MS);
    return () => clearInterval(timer);
  }, []);

  // Null asks about the province (the server's default).
  const regionId = template ? statusRegion(scope.regions, scope.regionId, template.level) : null;
  const period = template ? statusPeriod(scope.period, template.period, new Date()) : undefined;
  const queryKey = template ? `${options.report}|${regionId ?? ''}|${period ?? ''}` : '';

  useEffect(() => {
    if (!queryKey) return;
    const abort = new AbortController();
    restClient.reportStatus(options.report, { regionId, period }, abort.signal).then(
      (body) => {
        if (abort.signal.aborted) return;
        setLoadError(null);
        setAnswer({ key: queryKey, body });
      },
      (error: unknown) => {
        if (!abort.signal.aborted) setLoadError(error instanceof Error ? error.message : String(error));
      },
    );
    return () => abort.abort();
  }, [queryKey, tick]);

  const current = answer?.key === queryKey ? answer.body : null;
  const summary = useMemo(() => {
    if (!current) return null;
    const nameOf = (id: string, fallback: string) => {
      const node = scope.regions?.get(id);
      return regionLabel(node ? node.name[lang] : fallback);
    };
    return summariseStatus(current, nameOf);
  }, [current, scope.regions, lang]);

  const settled = summary !== null || loadError !== null || (data.status !== 'loading' && !template);
  useEffect(() => {
    if (settled && !reported.current) {
      reported.current = true;
      onReady();
    }
  }, [settled, onReady]);

  if (data.status === 'ready' && !template) return <div className="tile-message">{t('report.unknown', { id: options.report })}</div>;
  if (loadError) return <div className="tile-message tile-message--error">{t('data.error', { message: loadError })}</div>;
  if (!current || !summary) return null;

  const format = (n: number) => formatNumber(n, locale, 0);
  // `dueAt` is the first instant past due: the last day to report is the day before it.
  const lastDue = current.periods.at(-1)?.dueAt;
  // The consolidated report is per template period: a quarter of a monthly report exports its latest month.
  const exportPeriod = current.periods.at(-1)?.key ?? current.period;
  const exportUrl = (format: 'xlsx' | 'csv') => restClient.reportExportUrl(options.report, { format, period: exportPeriod, regionId: current.regionId, lang });
  const tableRows = Math.floor((height - FIXED_PX - TABLE_HEAD_PX) / TABLE_ROW_PX);
  const showTable = summary.groups.length > 1 && tableRows >= 2;
  const groups = showTable ? summary.groups.slice(0, tableRows) : [];
  const { total } = summary;
  const overdueNames = summary.overdueUnits;

  return (
    <div className="report-status" data-testid="report-status" data-template={options.report}>
      <div className="report-status__header">
        <span className="report-status__period">
          {periodKeyLabel(current.period, lang)}
          {lastDue && <span className="muted"> · {t('report.due', { date: formatDayMonth(Date.parse(lastDue) - 1, locale) })}</span>}
          <span className="muted"> · {t('report.submittedOf', { submitted: format(total.onTime + total.late), expected: format(total.expected) })}</span>
        </span>
        <span className="report-status__export">
          {(['xlsx', 'csv'] as const).map((f) => (
            <a key={f} className="chip chip--link" href={exportUrl(f)} download onClick={(e) => { e.preventDefault(); void downloadWithAuth(exportUrl(f), `${options.report}.${f}`); }} title={t('report.export', { format: f.toUpperCase(), period: periodKeyLabel(exportPeriod, lang) })} data-testid={`report-export-${f}`}>
              ⤓ {f.toUpperCase()}
            </a>
          ))}
        </span>
      </div>
      <div className="status-bar" role="img" aria-label={STATUS_SEGMENTS.map((s) => `${t(SEGMENT_LABELS[s])} ${total[s]}`).join(', ')}>
        {STATUS_SEGMENTS.map((s) =>
          total[s] > 0 ? <span key={s} className="status-bar__segment" style={{ flexGrow: total[s], background: SEGMENT_COLORS[s] }} /> : null,
        )}
      </div>
      <div className="status-legend">
        {STATUS_SEGMENTS.map((s) => (
          <span key={s} className={`status-legend__item${s === 'overdue' && total.overdue > 0 ? ' status-legend__item--alert' : ''}`} data-segment={s}>
            <span className="state-dot" style={{ background: SEGMENT_COLORS[s] }} />
            {t(SEGMENT_LABELS[s])} <b className="num">{format(total[s])}</b>
          </span>
        ))}
      </div>
      <div className={`report-status__overdue${overdueNames.length > 0 ? ' is-alert' : ''}`} data-testid="report-overdue" title={overdueNames.join(', ')}>
        {overdueNames.length > 0 ? t('report.overdueUnits', { count: format(overdueNames.length), names: overdueNames.join(', ') }) : t('report.noOverdue')}
      </div>
      {showTable && (
        <table className="report-table">
          <thead>
            <tr>
              <th>{t('report.unit')}</th>
              {STATUS_SEGMENTS.map((s) => (
                <th key={s} className="num">
                  {t(SEGMENT_LABELS[s])}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {groups.map((g) => (
              <tr key={g.regionId} data-region-id={g.regionId}>
                <th scope="row">{g.name}</th>
                {STATUS_SEGMENTS.map((s) => (
                  <td key={s} className={`num${g[s] === 0 ? ' muted' : ''}${s === 'overdue' && g[s] > 0 ? ' state-text--offline' : ''}`}>
                    {format(g[s])}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
