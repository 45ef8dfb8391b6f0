/** MQTT topic-filter matching (3.1.1 §4.7), for deciding which PUBLISHes go to the ingest sink. */

/** The topics the ingest consumes. */
export const INGEST_TOPIC_FILTER = 'ioc/v1/#';

/** True when `topic` (no wildcards) matches `filter` (may hold `+` and a trailing `#`). */
export function topicMatchesFilter(filter: string, topic: string): boolean {
  // [MQTT-4.7.2-1]: '$'-topics ($SYS/...) never match filters starting with a wildcard.
  if (topic.startsWith('$') && (filter.startsWith('+') || filter.startsWith('#'))) return false;
  const f = filter.split('/');
  const t = topic.split('/');
  for (let i = 0; i < f.length; i++) {
    if (f[i] === '#') return true; // also matches the parent level: 'a/#' matches 'a'
    if (i >= t.length) return false;
    if (f[i] !== '+' && f[i] !== t[i]) return false;
  }
  return f.length === t.length;
}

/** Throws a readable Error when `filter` is not a valid MQTT topic filter. */
export function assertValidTopicFilter(filter: string): void {
  if (filter.length === 0) throw new Error('topic filter is empty');
  const levels = filter.split('/');
  levels.forEach((level, i) => {
    if (level.includes('#') && (level !== '#' || i !== levels.length - 1)) {
      throw new Error(`topic filter "${filter}": '#' must be a whole last level`);
    }
    if (level.includes('+') && level !== '+') {
      throw new Error(`topic filter "${filter}": '+' must be a whole level`);
    }
  });
}

/**
 * The filter to SUBSCRIBE to at an external broker: `$share/<group>/<filter>` so that several
 * ingest processes split the stream, or the plain filter when no group is given.
 */
export function sharedSubscriptionFilter(filter: string, shareGroup: string | undefined): string {
  assertValidTopicFilter(filter);
  if (!shareGroup) return filter;
  if (/[/+#]/.test(shareGroup)) {
    throw new Error(`share group "${shareGroup}" must not contain '/', '+' or '#'`);
  }
  return `$share/${shareGroup}/${filter}`;
}
