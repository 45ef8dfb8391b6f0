import type { SectorManifest } from '@ioc/sdk';

/** Category and department ids: lower-case words joined by hyphens (they travel in URLs and filters). */
const ID = /^[a-z][a-z0-9-]{0,62}$/;
/** A deadline longer than a quarter is a backlog, not a deadline. */
const MAX_DEADLINE_HOURS = 24 * 92;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isLocalized = (v: unknown): boolean => isObject(v) && typeof v.vi === 'string' && !!v.vi && typeof v.en === 'string' && !!v.en;

/**
 * Checks `feedbackCategories` of one manifest; `fail(field, problem)` throws the registry's
 * ManifestError. Kept apart from manifest-validation.ts so that file only gains one call.
 */
export function checkFeedbackCategories(v: unknown, fail: (field: string, problem: string) => never): void {
  if (!isObject(v)) fail('feedbackCategories', 'must be an object of category id → { name, department, deadlineHours }');
  for (const [id, c] of Object.entries(v)) {
    const at = `feedbackCategories.${id}`;
    if (!ID.test(id)) fail(at, 'key must be a lower-case identifier (letters, digits, hyphens)');
    if (!isObject(c)) fail(at, 'must be an object');
    if (!isLocalized(c.name)) fail(`${at}.name`, 'must be { vi, en } with both texts non-empty');
    if (!isObject(c.department)) fail(`${at}.department`, 'must be { id, name: { vi, en } }');
    if (typeof c.department.id !== 'string' || !ID.test(c.department.id)) fail(`${at}.department.id`, 'must be a lower-case identifier');
    if (!isLocalized(c.department.name)) fail(`${at}.department.name`, 'must be { vi, en } with both texts non-empty');
    if (typeof c.deadlineHours !== 'number' || !Number.isFinite(c.deadlineHours) || c.deadlineHours <= 0 || c.deadlineHours > MAX_DEADLINE_HOURS) {
      fail(`${at}.deadlineHours`, `must be a positive number of hours up to ${MAX_DEADLINE_HOURS}`);
    }
    if (c.incidentType !== undefined && (typeof c.incidentType !== 'string' || !c.incidentType)) fail(`${at}.incidentType`, 'must name an incident type');
  }
}

/**
 * Across the loaded modules: a category id is declared once, a department id means one department
 * (same names everywhere). A suggested incident type of a module not loaded is not an error: the
 * report then becomes an incident of the generic `field-report` type.
 */
export function checkFeedbackCategorySet(modules: Array<{ moduleName: string; manifest: SectorManifest }>, fail: (moduleName: string, field: string, problem: string) => never): void {
  const owner = new Map<string, string>();
  const departments = new Map<string, string>();
  for (const { moduleName, manifest } of modules) {
    for (const [id, c] of Object.entries(manifest.feedbackCategories ?? {})) {
      const at = `feedbackCategories.${id}`;
      const other = owner.get(id);
      if (other) fail(moduleName, at, `is also declared by module ${other}`);
      owner.set(id, moduleName);
      const names = `${c.department.name.vi}|${c.department.name.en}`;
      const known = departments.get(c.department.id);
      if (known !== undefined && known !== names) fail(moduleName, `${at}.department.name`, `differs from another declaration of department ${c.department.id}`);
      departments.set(c.department.id, names);
    }
  }
}
