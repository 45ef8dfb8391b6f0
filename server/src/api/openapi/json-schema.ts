import { z } from 'zod';
import { isZodSchema, type JsonSchema, type SchemaLike } from './api-doc.js';

export type SchemaIo = 'input' | 'output';

const COMPONENT_PREFIX = '#/components/schemas/';
const PLACEHOLDER = 'ioc-openapi-def:';

/**
 * Converts zod schemas to the JSON Schema dialect of OpenAPI 3.1 (2020-12) and gathers their
 * named parts into `components.schemas`.
 *
 * `z.toJSONSchema` puts schemas that carry `.meta({ id })` (and recursive parts) under the result's
 * own `$defs`, referenced as `#/$defs/Name`; inside an OpenAPI document `#` is the document, so
 * they are moved to `#/components/schemas/Name`. Requests are converted as zod *input* and
 * responses as *output*; when one named schema differs between the two (defaults, strictness),
 * the response keeps `Name` and the request gets `NameInput`.
 */
export class SchemaCollector {
  private readonly defs: Record<SchemaIo, Map<string, JsonSchema>> = { input: new Map(), output: new Map() };
  private anonymous = 0;
  readonly problems: string[] = [];

  /** `fixed`: hand-written components, put first in `components.schemas`. */
  constructor(private readonly fixed: Record<string, JsonSchema> = {}) {}

  /** A JSON Schema for `schema`, with references to shared components as placeholders until {@link finish}. */
  convert(schema: SchemaLike, io: SchemaIo, hint: string): JsonSchema {
    if (!isZodSchema(schema)) return structuredClone(schema);
    let json: JsonSchema;
    try {
      json = z.toJSONSchema(schema as z.ZodType, { target: 'draft-2020-12', io, unrepresentable: 'any', cycles: 'ref', reused: 'inline' }) as JsonSchema;
    } catch (err) {
      this.problems.push(`${hint}: schema cannot be converted to JSON Schema (${(err as Error).message})`);
      return {};
    }
    delete json.$schema;
    const localDefs = (json.$defs ?? {}) as Record<string, JsonSchema>;
    delete json.$defs;
    // Anonymous definitions (recursion without an id) are named per conversion; give them global names.
    const rename = new Map<string, string>();
    for (const name of Object.keys(localDefs)) rename.set(name, /^__schema\d+$/.test(name) ? `${safeName(hint)}_${++this.anonymous}` : safeName(name));
    let rootName: string | undefined;
    const rewrite = (node: unknown): unknown => {
      if (Array.isArray(node)) return node.map(rewrite);
      if (typeof node !== 'object' || node === null) return node;
      const out: JsonSchema = {};
      for (const [k, v] of Object.entries(node)) {
        if (k === '$ref' && typeof v === 'string') {
          if (v === '#') {
            rootName ??= `${safeName(hint)}_${++this.anonymous}`;
            out[k] = PLACEHOLDER + io + ':' + rootName;
          } else if (v.startsWith('#/$defs/')) {
            const local = decodeURIComponent(v.slice('#/$defs/'.length));
            out[k] = PLACEHOLDER + io + ':' + (rename.get(local) ?? local);
          } else out[k] = v;
        } else out[k] = rewrite(v);
      }
      return out;
    };
    for (const [local, def] of Object.entries(localDefs)) this.define(io, rename.get(local)!, rewrite(def) as JsonSchema);
    const root = rewrite(json) as JsonSchema;
    if (rootName) {
      this.define(io, rootName, root);
      return { $ref: PLACEHOLDER + io + ':' + rootName };
    }
    return root;
  }

  /** The schema itself when `schema` is only a reference to a collected one (e.g. a named query object). */
  deref(schema: JsonSchema): JsonSchema {
    const ref = schema.$ref;
    if (typeof ref !== 'string' || !ref.startsWith(PLACEHOLDER) || Object.keys(schema).length !== 1) return schema;
    const { io, name } = parsePlaceholder(ref);
    return this.defs[io].get(name) ?? schema;
  }

  private define(io: SchemaIo, name: string, schema: JsonSchema): void {
    if (name in this.fixed) {
      this.problems.push(`schema id "${name}" is reserved for a shared component; choose another id`);
      return;
    }
    const prev = this.defs[io].get(name);
    if (prev && !sameShape(prev, schema)) this.problems.push(`two different schemas share the id "${name}"`);
    if (!prev) this.defs[io].set(name, schema);
  }

  /**
   * Resolves the placeholders in `doc` (mutated) and returns `components.schemas`: the fixed
   * schemas, then the collected ones sorted by name.
   */
  finish(doc: unknown): Record<string, JsonSchema> {
    // A named schema differs between request and response when its own JSON does, or a schema it
    // references does.
    const differs = new Map<string, boolean>();
    const differ = (name: string): boolean => {
      const known = differs.get(name);
      if (known !== undefined) return known;
      const input = this.defs.input.get(name);
      const output = this.defs.output.get(name);
      if (!input || !output) return false;
      differs.set(name, false); // a cycle is decided by the rest of it
      const d = !sameShape(input, output) || refsOf(input).some(differ);
      differs.set(name, d);
      return d;
    };
    const finalName = (io: SchemaIo, name: string): string => (io === 'input' && differ(name) ? `${name}Input` : name);
    const resolve = (node: unknown): unknown => {
      if (Array.isArray(node)) return node.map(resolve);
      if (typeof node !== 'object' || node === null) return node;
      const o = node as JsonSchema;
      for (const [k, v] of Object.entries(o)) {
        if (k === '$ref' && typeof v === 'string' && v.startsWith(PLACEHOLDER)) {
          const { io, name } = parsePlaceholder(v);
          o[k] = COMPONENT_PREFIX + finalName(io, name);
        } else o[k] = resolve(v);
      }
      return o;
    };
    const collected: Array<[string, JsonSchema]> = [];
    for (const [name, schema] of this.defs.output) collected.push([name, schema]);
    for (const [name, schema] of this.defs.input) {
      if (!this.defs.output.has(name) || differ(name)) collected.push([finalName('input', name), schema]);
    }
    collected.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const schemas: Record<string, JsonSchema> = { ...this.fixed };
    for (const [name, schema] of collected) {
      if (name in schemas) this.problems.push(`schema id "${name}" collides with another component`);
      else schemas[name] = schema;
    }
    resolve(schemas);
    resolve(doc);
    return schemas;
  }
}

function parsePlaceholder(ref: string): { io: SchemaIo; name: string } {
  const rest = ref.slice(PLACEHOLDER.length);
  const colon = rest.indexOf(':');
  return { io: rest.slice(0, colon) as SchemaIo, name: rest.slice(colon + 1) };
}

/** Names of the collected schemas `schema` references. */
function refsOf(schema: unknown, out: string[] = []): string[] {
  if (Array.isArray(schema)) for (const v of schema) refsOf(v, out);
  else if (typeof schema === 'object' && schema !== null) {
    for (const [k, v] of Object.entries(schema)) {
      if (k === '$ref' && typeof v === 'string' && v.startsWith(PLACEHOLDER)) out.push(parsePlaceholder(v).name);
      else refsOf(v, out);
    }
  }
  return out;
}

function safeName(hint: string): string {
  return hint.replace(/[^A-Za-z0-9._-]+/g, '_');
}

/** Equal JSON, ignoring whether references point at the request or the response variant. */
function sameShape(a: unknown, b: unknown): boolean {
  const neutral = (v: unknown) => JSON.stringify(v).replaceAll(`${PLACEHOLDER}input:`, PLACEHOLDER).replaceAll(`${PLACEHOLDER}output:`, PLACEHOLDER);
  return neutral(a) === neutral(b);
}
