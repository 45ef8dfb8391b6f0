/**
 * Short form of a metric name for narrow places (table headers, legends): the part in final
 * parentheses when there is one — "Chỉ số chất lượng không khí (VN_AQI)" → "VN_AQI".
 */
export function shortMetricName(name: string): string {
  const inParentheses = /\(([^)]+)\)\s*$/.exec(name);
  return inParentheses ? inParentheses[1]!.trim() : name;
}
