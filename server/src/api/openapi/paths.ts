/**
 * Route patterns of Nest on express 5 (path-to-regexp 8: `:name`, `*name`, `{optional}` groups,
 * `\` escapes) to OpenAPI path templates (`{name}`). An optional group yields one path with and
 * one without it.
 */
type Token = { text: string } | { param: string; wildcard: boolean } | { group: Token[] };

function parse(pattern: string): Token[] {
  let i = 0;
  const name = (): string => {
    if (pattern[i] === '"') {
      const end = pattern.indexOf('"', i + 1);
      const n = pattern.slice(i + 1, end < 0 ? undefined : end);
      i = end < 0 ? pattern.length : end + 1;
      return n;
    }
    const m = /^[\p{ID_Start}$_][\p{ID_Continue}$]*/u.exec(pattern.slice(i));
    const n = m?.[0] ?? '';
    i += n.length;
    return n;
  };
  const tokens = (inGroup: boolean): Token[] => {
    const out: Token[] = [];
    let text = '';
    const flush = () => {
      if (text) out.push({ text });
      text = '';
    };
    while (i < pattern.length) {
      const c = pattern[i]!;
      if (c === '\\') {
        text += pattern[i + 1] ?? '';
        i += 2;
      } else if (c === ':' || c === '*') {
        flush();
        i++;
        out.push({ param: name() || (c === '*' ? 'path' : 'param'), wildcard: c === '*' });
      } else if (c === '{') {
        flush();
        i++;
        out.push({ group: tokens(true) });
      } else if (c === '}' && inGroup) {
        i++;
        break;
      } else {
        text += c;
        i++;
      }
    }
    flush();
    return out;
  };
  return tokens(false);
}

function expand(tokens: Token[]): Token[][] {
  let variants: Token[][] = [[]];
  for (const t of tokens) {
    if ('group' in t) {
      const inner = expand(t.group);
      variants = variants.flatMap((v) => [v, ...inner.map((g) => [...v, ...g])]);
    } else variants = variants.map((v) => [...v, t]);
  }
  return variants;
}

export interface OpenApiPath {
  /** e.g. `/api/v1/sources/{id}/series` */
  path: string;
  /** Path parameter names in order. */
  params: string[];
  /** Parameters that match several segments (`*name`). */
  wildcards: string[];
}

export function toOpenApiPaths(pattern: string): OpenApiPath[] {
  const seen = new Set<string>();
  const out: OpenApiPath[] = [];
  for (const variant of expand(parse(pattern))) {
    let path = '';
    const params: string[] = [];
    const wildcards: string[] = [];
    for (const t of variant) {
      if ('text' in t) path += t.text;
      else if ('param' in t) {
        path += `{${t.param}}`;
        params.push(t.param);
        if (t.wildcard) wildcards.push(t.param);
      }
    }
    path = `/${path}`.replace(/\/{2,}/g, '/');
    if (path.length > 1) path = path.replace(/\/$/, '');
    if (!seen.has(path)) {
      seen.add(path);
      out.push({ path, params, wildcards });
    }
  }
  return out;
}
