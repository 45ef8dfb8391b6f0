import { describe, expect, it } from 'vitest';
import { assertValidTopicFilter, sharedSubscriptionFilter, topicMatchesFilter } from './topic-filter.js';

describe('topic filters', () => {
  it.each([
    ['ioc/v1/#', 'ioc/v1/traffic/sensor/s1/telemetry', true],
    ['ioc/v1/#', 'ioc/v1', true],
    ['ioc/v1/#', 'ioc/v2/x', false],
    ['ioc/v1/+/+/+/status', 'ioc/v1/security/camera/c1/status', true],
    ['ioc/v1/+/+/+/status', 'ioc/v1/security/camera/c1/telemetry', false],
    ['ioc/v1/+/+/+/status', 'ioc/v1/security/camera/status', false],
    ['#', '$SYS/broker/uptime', false],
    ['+/x', '$SYS/x', false],
    ['a/b', 'a/b', true],
    ['a/b', 'a/b/c', false],
  ])('%s matches %s: %s', (filter, topic, expected) => {
    expect(topicMatchesFilter(filter, topic)).toBe(expected);
  });

  it('rejects malformed filters', () => {
    expect(() => assertValidTopicFilter('a/#/b')).toThrow(/'#' must be a whole last level/);
    expect(() => assertValidTopicFilter('a/b+')).toThrow(/'\+' must be a whole level/);
    expect(() => assertValidTopicFilter('')).toThrow(/empty/);
  });

  it('builds shared-subscription filters', () => {
    expect(sharedSubscriptionFilter('ioc/v1/#', 'ioc-ingest')).toBe('$share/ioc-ingest/ioc/v1/#');
    expect(sharedSubscriptionFilter('ioc/v1/#', '')).toBe('ioc/v1/#');
    expect(() => sharedSubscriptionFilter('ioc/v1/#', 'a/b')).toThrow(/must not contain/);
  });
});
