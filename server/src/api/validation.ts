import type { z } from 'zod';
import { invalidBody } from './problem.js';

/** `a.b[2].c` from a zod issue path. */
export function fieldPath(path: ReadonlyArray<PropertyKey>, root = 'body'): string {
  if (!path.length) return root;
  return path.map((p, n) => (typeof p === 'number' ? `[${p}]` : `${n ? '.' : ''}${String(p)}`)).join('');
}

/**
 * Validates request input (query, body) with a zod schema; every problem leaves as a 422
 * problem+json naming its field.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, root = 'body'): z.output<S> {
  const r = schema.safeParse(input);
  if (!r.success) {
    throw invalidBody(r.error.issues.map((i) => ({ field: fieldPath(i.path, root), problem: / received undefined$/.test(i.message) ? 'is required' : i.message })));
  }
  return r.data;
}
