import type { SectorManifest, SourceKindSchema } from '@ioc/sdk';
import { dashboards } from './dashboards.js';
import { feedbackCategories, incidentTypes } from './feedback-categories.js';
import { kpis } from './kpis.js';
import { reports } from './reports.js';
import { rules } from './rules.js';
import { simulator } from './simulator.js';

const REPORTS = { vi: 'phản ánh', en: 'reports' };

const feedbackInbox: SourceKindSchema = {
  name: { vi: 'Hộp tiếp nhận phản ánh của xã, phường', en: 'Commune field-report inbox' },
  expectedIntervalS: 300,
  // The commune's ticketing system: counters since local midnight and its open backlog now.
  metrics: {
    received_today: { name: { vi: 'Phản ánh tiếp nhận trong ngày', en: 'Reports received today' }, unit: REPORTS, min: 0, max: 5000 },
    closed_today: { name: { vi: 'Phản ánh xử lý xong trong ngày', en: 'Reports closed today' }, unit: REPORTS, min: 0, max: 5000 },
    closed_in_time_today: { name: { vi: 'Phản ánh xử lý đúng hạn trong ngày', en: 'Reports closed in time today' }, unit: REPORTS, min: 0, max: 5000 },
    open_reports: { name: { vi: 'Phản ánh đang xử lý', en: 'Open reports' }, unit: REPORTS, min: 0, max: 100000 },
    overdue_open: { name: { vi: 'Phản ánh quá hạn chưa xử lý', en: 'Overdue open reports' }, unit: REPORTS, min: 0, max: 100000 },
  },
  events: {
    // `channel`: 1022 | hotline | portal | app | zalo; `ward`: the commune region id; `category`: security, environment, urban-order, traffic, public-service, other.
    report_received: {
      name: { vi: 'Tiếp nhận phản ánh', en: 'Report received' },
      fields: { category: 'string', channel: 'string', ward: 'string' },
    },
    report_closed: {
      name: { vi: 'Hoàn thành xử lý phản ánh', en: 'Report closed' },
      fields: { category: 'string', ward: 'string', department: 'string', within_deadline: 'boolean' },
    },
    report_overdue: {
      name: { vi: 'Phản ánh quá hạn xử lý', en: 'Report overdue' },
      fields: { category: 'string', ward: 'string', department: 'string' },
    },
  },
};

/**
 * Citizen interaction: field reports from the 1022 hotline, other hotlines, the national portal
 * and the citizen app, handled by the communes and departments (002 #36 District 7 panel,
 * 004 E1.9, 003): received, processed, in time, overdue, by ward, day and department.
 */
export const manifest: SectorManifest = {
  id: 'citizen',
  name: { vi: 'Phản ánh hiện trường', en: 'Citizen field reports' },
  sourceKinds: { 'feedback-inbox': feedbackInbox },
  kpis,
  reports,
  rules,
  incidentTypes,
  feedbackCategories,
  dashboards,
  simulator,
};
export default manifest;
