/**
 * Splits a migration script into statements at `;` line ends, outside quotes, dollar-quoted
 * bodies and comments. Needed for scripts that must run statement by statement (continuous
 * aggregates cannot be created inside the implicit transaction of a multi-statement query).
 */
export function splitSqlStatements(script: string): string[] {
  const out: string[] = [];
  let current = '';
  let i = 0;
  let dollarTag: string | null = null;
  let inSingle = false;
  while (i < script.length) {
    const ch = script[i]!;
    if (dollarTag) {
      if (script.startsWith(dollarTag, i)) {
        current += dollarTag;
        i += dollarTag.length;
        dollarTag = null;
        continue;
      }
    } else if (inSingle) {
      if (ch === "'") inSingle = false;
    } else if (ch === '-' && script[i + 1] === '-') {
      const end = script.indexOf('\n', i);
      i = end < 0 ? script.length : end;
      continue;
    } else if (ch === "'") {
      inSingle = true;
    } else if (ch === '$') {
      const m = /^\$[A-Za-z_]*\$/.exec(script.slice(i));
      if (m) {
        dollarTag = m[0];
        current += dollarTag;
        i += dollarTag.length;
        continue;
      }
    } else if (ch === ';') {
      if (current.trim()) out.push(current.trim());
      current = '';
      i++;
      continue;
    }
    current += ch;
    i++;
  }
  if (current.trim()) out.push(current.trim());
  return out;
}
