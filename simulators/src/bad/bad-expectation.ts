/** What the ingest should do with a bad message. */
export type BadOutcome = 'dead-letter' | 'duplicate-ignored';

/** The broad reason a message is bad; each carries loose keywords to look for in the server's reason. */
export type BadReason =
  | 'json'
  | 'not-object'
  | 'type'
  | 'range'
  | 'metrics'
  | 'unknown-metric'
  | 'unknown-source'
  | 'source-mismatch'
  | 'unknown-sector'
  | 'unknown-kind'
  | 'topic'
  | 'timestamp'
  | 'too-large'
  | 'too-deep'
  | 'event'
  | 'status'
  | 'duplicate';

export interface BadExpectation {
  outcome: BadOutcome;
  reason: BadReason;
  /** Lower-case words, any of which the dead-letter reason or reason code should contain. */
  keywords: string[];
}

const KEYWORDS: Record<BadReason, string[]> = {
  json: ['json', 'parse', 'syntax', 'utf', 'encoding', 'malformed', 'empty'],
  'not-object': ['object', 'json', 'type', 'shape', 'schema'],
  type: ['number', 'numeric', 'type', 'finite', 'invalid'],
  range: ['range', 'min', 'max', 'bound', 'finite'],
  metrics: ['metrics', 'missing', 'empty', 'required', 'object'],
  'unknown-metric': ['metric', 'unknown', 'schema', 'declared'],
  'unknown-source': ['source', 'unknown', 'registered', 'not found'],
  'source-mismatch': ['kind', 'source', 'registered', 'mismatch', 'unknown'],
  'unknown-sector': ['sector', 'unknown', 'module'],
  'unknown-kind': ['kind', 'unknown'],
  topic: ['topic', 'segment', 'identifier', 'channel'],
  timestamp: ['ts', 'timestamp', 'time', 'future', 'old', 'past', 'date'],
  'too-large': ['size', 'large', 'bytes', 'limit', 'long', 'length'],
  'too-deep': ['depth', 'nest', 'deep', 'number', 'type'],
  event: ['event', 'type', 'field', 'unknown', 'missing'],
  status: ['status', 'online', 'boolean', 'type'],
  duplicate: [],
};

export const deadLetter = (reason: Exclude<BadReason, 'duplicate'>): BadExpectation => ({ outcome: 'dead-letter', reason, keywords: KEYWORDS[reason] });
export const duplicateIgnored: BadExpectation = { outcome: 'duplicate-ignored', reason: 'duplicate', keywords: [] };

/** Loose check that a server's dead-letter reason (text or code) fits the expectation. */
export function reasonMatches(expectation: BadExpectation, serverReason: string): boolean {
  const text = serverReason.toLowerCase();
  return expectation.keywords.some((k) => text.includes(k));
}
