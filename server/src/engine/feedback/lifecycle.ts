import type { FeedbackState } from '@ioc/sdk';

/**
 * received → processing → done. A report may also go straight from received to done (answered at
 * once, e.g. a duplicate); done is final: a wrong result is corrected by a new report.
 */
const MOVES: Record<FeedbackState, FeedbackState[]> = {
  received: ['processing', 'done'],
  processing: ['done'],
  done: [],
};

export const nextFeedbackStates = (from: FeedbackState): FeedbackState[] => MOVES[from];
export const canMoveFeedback = (from: FeedbackState, to: FeedbackState): boolean => MOVES[from].includes(to);
