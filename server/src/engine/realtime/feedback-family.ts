import type { FeedbackDelta, FeedbackRecord, FeedbackSnapshot } from '@ioc/sdk';
import { deadlineFlags } from '../feedback/deadline.js';
import type { Clock } from '../time/clock.js';
import type { TopicFamily, TopicHub } from './topic-hub.js';

type Today = FeedbackSnapshot['today'];

/** Screens on the wall subscribe without identity: the reporter's contact never travels on the topic. */
const withoutContact = (r: FeedbackRecord): FeedbackRecord => (r.contact === null ? r : { ...r, contact: null });

/**
 * `feedback`: the field reports not yet done, nearest deadline first, with today's District 7
 * figures; every change of a report is a delta of its own (never coalesced: a desk must see each
 * new report). The overdue flags of the open reports are recomputed at each snapshot against the
 * runtime's clock, since time alone makes a report overdue. Today's figures come from the
 * database (`refreshToday`), refreshed one at a time after changes so a burst costs one query.
 * The reporter's contact is left out (REST `GET /api/v1/feedback/:id` has it for officials).
 */
export class FeedbackFamily implements TopicFamily {
  static readonly TOPIC = 'feedback';
  private readonly open = new Map<string, FeedbackRecord>();
  private today: Today = { day: '', received: 0, processed: 0, inTime: 0, overdue: 0 };
  private refreshing?: Promise<void>;
  private again = false;

  constructor(
    private readonly hub: TopicHub,
    private readonly clock: Clock,
    private readonly loadToday: () => Promise<Today>,
    private readonly onError: (err: Error) => void = () => undefined,
  ) {}

  async warm(open: FeedbackRecord[]): Promise<void> {
    for (const r of open) if (r.state !== 'done') this.open.set(r.id, withoutContact(r));
    await this.refreshToday();
  }

  accepts(topic: string): boolean {
    return topic === FeedbackFamily.TOPIC;
  }

  snapshot(): FeedbackSnapshot {
    const now = this.clock.now();
    const open = [...this.open.values()].map((r) => ({ ...r, ...deadlineFlags({ state: r.state, dueAt: new Date(r.dueAt), doneAt: null }, now) }));
    return { open: open.sort((a, b) => a.dueAt.localeCompare(b.dueAt) || a.id.localeCompare(b.id)), today: { ...this.today } };
  }

  apply(delta: FeedbackDelta): void {
    const d = { ...delta, report: withoutContact(delta.report) };
    if (d.report.state === 'done') this.open.delete(d.report.id);
    else this.open.set(d.report.id, d.report);
    this.hub.publish(FeedbackFamily.TOPIC, d);
    void this.refreshToday();
  }

  /** Re-reads today's figures; calls during a read make one more read after it. */
  refreshToday(): Promise<void> {
    if (this.refreshing) {
      this.again = true;
      return this.refreshing;
    }
    this.refreshing = (async () => {
      do {
        this.again = false;
        try {
          this.today = await this.loadToday();
        } catch (err) {
          this.onError(err as Error);
        }
      } while (this.again);
      this.refreshing = undefined;
    })();
    return this.refreshing;
  }
}
