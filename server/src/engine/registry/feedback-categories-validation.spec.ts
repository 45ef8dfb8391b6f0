import { describe, expect, it } from 'vitest';
import type { SectorManifest } from '@ioc/sdk';
import citizen from '@ioc/module-citizen';
import { ManifestError, validateManifest, validateModuleSet } from './manifest-validation.js';

const base = { id: 'x', name: { vi: 'X', en: 'X' }, sourceKinds: {} };
const dept = { id: 'phong-a', name: { vi: 'Phòng A', en: 'Office A' } };
const fieldOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (err) {
    if (err instanceof ManifestError) return err.field;
    throw err;
  }
  return undefined;
};

describe('feedbackCategories in manifests', () => {
  it('accepts the citizen module', () => {
    expect(() => validateManifest('citizen', citizen)).not.toThrow();
    expect(Object.keys(citizen.feedbackCategories ?? {})).toHaveLength(6);
  });

  it('names the bad field', () => {
    expect(fieldOf(() => validateManifest('x', { ...base, feedbackCategories: { Bad: { name: { vi: 'a', en: 'a' }, department: dept, deadlineHours: 1 } } }))).toBe('feedbackCategories.Bad');
    expect(fieldOf(() => validateManifest('x', { ...base, feedbackCategories: { a: { name: { vi: 'a' }, department: dept, deadlineHours: 1 } } }))).toBe('feedbackCategories.a.name');
    expect(fieldOf(() => validateManifest('x', { ...base, feedbackCategories: { a: { name: { vi: 'a', en: 'a' }, department: { id: 'A B', name: dept.name }, deadlineHours: 1 } } }))).toBe('feedbackCategories.a.department.id');
    expect(fieldOf(() => validateManifest('x', { ...base, feedbackCategories: { a: { name: { vi: 'a', en: 'a' }, department: dept, deadlineHours: 0 } } }))).toBe('feedbackCategories.a.deadlineHours');
  });

  it('refuses a category declared twice, or one department id with two names, across modules', () => {
    const m = (id: string, deptName: string) => ({ moduleName: id, manifest: { ...base, id, feedbackCategories: { a: { name: { vi: 'a', en: 'a' }, department: { id: 'phong-a', name: { vi: deptName, en: deptName } }, deadlineHours: 1 } } } as SectorManifest });
    expect(fieldOf(() => validateModuleSet([m('one', 'A'), m('two', 'A')]))).toBe('feedbackCategories.a');
    const other = { moduleName: 'three', manifest: { ...base, id: 'three', feedbackCategories: { b: { name: { vi: 'b', en: 'b' }, department: { id: 'phong-a', name: { vi: 'Khác', en: 'Other' } }, deadlineHours: 1 } } } as SectorManifest };
    expect(fieldOf(() => validateModuleSet([m('one', 'A'), other]))).toBe('feedbackCategories.b.department.name');
  });
});
