export * from './report.service.js';
export { ReportCatalog, type TemplateEntry } from './catalog.js';
export { RegionTree, type RegionNode } from '../registry/region-tree.js';
export { dueAt, periodsCovered, templatePeriod } from './due.js';
