/**
 * Structural checks of an OpenAPI 3.1 document — the mistakes a generator can make, not a full
 * validator: version, info, operations with responses, path parameters matching the template,
 * unique operationIds, every local `$ref` resolving, errors as problem+json.
 */
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
const COMPONENT_NAME = /^[A-Za-z0-9._-]+$/;

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The value at a local JSON pointer (`#/components/schemas/Problem`), or undefined. */
export function resolvePointer(doc: unknown, ref: string): unknown {
  if (ref === '#') return doc;
  if (!ref.startsWith('#/')) return undefined;
  let node: unknown = doc;
  for (const raw of ref.slice(2).split('/')) {
    const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(node)) node = node[Number(key)];
    else if (isObject(node) && Object.hasOwn(node, key)) node = node[key];
    else return undefined;
  }
  return node;
}

/** Problems found; empty when the document passes. */
export function validateOpenApiDocument(doc: unknown): string[] {
  const problems: string[] = [];
  if (!isObject(doc)) return ['the document is not an object'];
  if (doc.openapi !== '3.1.0') problems.push(`openapi is ${JSON.stringify(doc.openapi)}, expected "3.1.0"`);
  const info = doc.info;
  if (!isObject(info) || typeof info.title !== 'string' || !info.title || typeof info.version !== 'string' || !info.version) problems.push('info needs a title and a version');
  if (!isObject(doc.paths)) problems.push('paths is missing');
  const components = isObject(doc.components) ? doc.components : {};
  for (const [kind, entries] of Object.entries(components)) {
    if (!isObject(entries)) continue;
    for (const name of Object.keys(entries)) if (!COMPONENT_NAME.test(name)) problems.push(`components.${kind} name "${name}" has characters OpenAPI does not allow`);
  }

  // Every $ref anywhere resolves inside the document.
  const walk = (node: unknown, at: string): void => {
    if (Array.isArray(node)) node.forEach((v, i) => walk(v, `${at}/${i}`));
    else if (isObject(node)) {
      for (const [k, v] of Object.entries(node)) {
        if (k === '$ref' && typeof v === 'string') {
          if (!v.startsWith('#')) problems.push(`${at}: $ref "${v}" is not local`);
          else if (resolvePointer(doc, v) === undefined) problems.push(`${at}: $ref "${v}" does not resolve`);
        } else walk(v, `${at}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`);
      }
    }
  };
  walk(doc, '#');

  const deref = (v: unknown): unknown => (isObject(v) && typeof v.$ref === 'string' ? resolvePointer(doc, v.$ref) : v);
  const operationIds = new Map<string, string>();
  for (const [path, item] of Object.entries(isObject(doc.paths) ? doc.paths : {})) {
    if (!path.startsWith('/')) problems.push(`path "${path}" does not start with /`);
    if (!isObject(item)) {
      problems.push(`${path}: not an object`);
      continue;
    }
    const templated = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
    let operations = 0;
    for (const [method, op] of Object.entries(item)) {
      if (!METHODS.includes(method)) continue;
      operations++;
      const name = `${method.toUpperCase()} ${path}`;
      if (!isObject(op)) {
        problems.push(`${name}: not an object`);
        continue;
      }
      if (typeof op.operationId === 'string') {
        const prev = operationIds.get(op.operationId);
        if (prev) problems.push(`${name}: operationId "${op.operationId}" is also used by ${prev}`);
        operationIds.set(op.operationId, name);
      }
      const params = (Array.isArray(op.parameters) ? op.parameters : []).map(deref).filter(isObject);
      const pathParams = params.filter((p) => p.in === 'path');
      for (const t of templated) {
        const p = pathParams.find((x) => x.name === t);
        if (!p) problems.push(`${name}: path parameter {${t}} is not described`);
        else if (p.required !== true) problems.push(`${name}: path parameter {${t}} must be required`);
      }
      for (const p of pathParams) if (!templated.includes(String(p.name))) problems.push(`${name}: path parameter "${String(p.name)}" is not in the path`);
      const seen = new Set<string>();
      for (const p of params) {
        const key = `${String(p.in)}:${String(p.name)}`;
        if (seen.has(key)) problems.push(`${name}: parameter ${key} is listed twice`);
        seen.add(key);
        if (!('schema' in p) && !('content' in p)) problems.push(`${name}: parameter ${key} has no schema`);
      }
      if (op.requestBody !== undefined) {
        const body = deref(op.requestBody);
        if (!isObject(body) || !isObject(body.content) || !Object.keys(body.content).length) problems.push(`${name}: requestBody has no content`);
      }
      const responses = op.responses;
      if (!isObject(responses) || !Object.keys(responses).length) {
        problems.push(`${name}: no responses`);
        continue;
      }
      if (!Object.keys(responses).some((s) => /^[23]/.test(s))) problems.push(`${name}: no 2xx/3xx response`);
      for (const [status, raw] of Object.entries(responses)) {
        const r = deref(raw);
        if (!/^([1-5]\d\d|[1-5]XX|default)$/.test(status)) problems.push(`${name}: response key "${status}" is not a status`);
        if (!isObject(r) || typeof r.description !== 'string') {
          problems.push(`${name} ${status}: a response needs a description`);
          continue;
        }
        if (/^[45]/.test(status)) {
          if (!isObject(r.content) || !Object.keys(r.content).length) problems.push(`${name} ${status}: an error response needs content`);
          else {
            // Every error leaves through ProblemFilter; only a 5xx a handler writes itself (the
            // health report's 503) may carry another body.
            const pj = r.content['application/problem+json'];
            if (pj === undefined && status.startsWith('4')) problems.push(`${name} ${status}: a 4xx is application/problem+json`);
            if (pj !== undefined && !(isObject(pj) && isObject(pj.schema) && pj.schema.$ref === '#/components/schemas/Problem')) {
              problems.push(`${name} ${status}: application/problem+json must use #/components/schemas/Problem`);
            }
          }
        }
      }
    }
    if (!operations) problems.push(`${path}: no operations`);
  }
  return problems;
}
