import type { SectorManifest, SourceKindSchema } from '@ioc/sdk';
import { dashboards } from './dashboards.js';
import { kpis } from './kpis.js';
import { reports } from './reports.js';
import { rules } from './rules.js';
import { simulator } from './simulator.js';

const DOSSIERS = { vi: 'hồ sơ', en: 'dossiers' };
const DOCUMENTS = { vi: 'văn bản', en: 'documents' };

const oneStopDesk: SourceKindSchema = {
  name: { vi: 'Bộ phận tiếp nhận và trả kết quả (một cửa)', en: 'One-stop public-service desk' },
  expectedIntervalS: 900,
  // From the provincial administrative-procedure system: counters since local midnight and the overdue backlog now.
  metrics: {
    dossiers_received_today: { name: { vi: 'Hồ sơ tiếp nhận trong ngày', en: 'Dossiers received today' }, unit: DOSSIERS, min: 0, max: 20000 },
    dossiers_resolved_today: { name: { vi: 'Hồ sơ giải quyết trong ngày', en: 'Dossiers resolved today' }, unit: DOSSIERS, min: 0, max: 20000 },
    dossiers_resolved_in_time_today: { name: { vi: 'Hồ sơ giải quyết đúng hạn trong ngày', en: 'Dossiers resolved in time today' }, unit: DOSSIERS, min: 0, max: 20000 },
    dossiers_overdue_open: { name: { vi: 'Hồ sơ quá hạn đang giải quyết', en: 'Overdue dossiers open' }, unit: DOSSIERS, min: 0, max: 100000 },
  },
};

const documentSystem: SourceKindSchema = {
  name: { vi: 'Hệ thống quản lý văn bản và điều hành', en: 'Document management system' },
  expectedIntervalS: 900,
  metrics: {
    documents_in_today: { name: { vi: 'Văn bản đến trong ngày', en: 'Documents received today' }, unit: DOCUMENTS, min: 0, max: 50000 },
    documents_out_today: { name: { vi: 'Văn bản đi trong ngày', en: 'Documents issued today' }, unit: DOCUMENTS, min: 0, max: 50000 },
    documents_signed_digitally_today: { name: { vi: 'Văn bản đi ký số trong ngày', en: 'Documents signed digitally today' }, unit: DOCUMENTS, min: 0, max: 50000 },
  },
};

/**
 * Commune and ward administration: population, households, poor and near-poor households,
 * military-service age and gender structure (000, 001, 002 #25); administrative procedures
 * (1,916 procedures) and the document system of 188 units (REQUIREMENTS §3).
 */
export const manifest: SectorManifest = {
  id: 'administration',
  name: { vi: 'Hành chính xã/phường', en: 'Commune administration' },
  sourceKinds: { 'one-stop-desk': oneStopDesk, 'document-system': documentSystem },
  kpis,
  reports,
  rules,
  dashboards,
  simulator,
};
export default manifest;
