import { useEffect, useState } from 'react';
import { LiveClient } from './live-client';

/**
 * Widgets that need a topic and got no `live` from their page (WidgetProps.live is optional)
 * share one extra `/live` connection per page, opened on first use and closed when the last
 * widget using it unmounts.
 */
let shared: { client: LiveClient; users: number } | null = null;

export function acquireSharedLive(): { client: LiveClient; release: () => void } {
  shared ??= { client: new LiveClient(), users: 0 };
  const entry = shared;
  entry.users += 1;
  let released = false;
  return {
    client: entry.client,
    release: () => {
      if (released) return;
      released = true;
      entry.users -= 1;
      // A moment's grace: a tile re-mounting (a playlist page) keeps the connection.
      setTimeout(() => {
        if (entry.users === 0 && shared === entry) {
          entry.client.close();
          shared = null;
        }
      }, 5_000);
    },
  };
}

/** The page's live client when it passes one (WidgetProps.live), else the shared one while mounted. */
export function useLiveClient(given: LiveClient | undefined): LiveClient | null {
  const shared = useSharedLive(!given);
  return given ?? shared;
}

/** The shared LiveClient while the component is mounted. */
export function useSharedLive(enabled = true): LiveClient | null {
  const [client, setClient] = useState<LiveClient | null>(null);
  useEffect(() => {
    if (!enabled) return;
    const { client: c, release } = acquireSharedLive();
    setClient(c);
    return () => {
      setClient(null);
      release();
    };
  }, [enabled]);
  return client;
}

/**
 * A counter that moves (at most every `minGapMs`) whenever `topic` changes: a cue to reload over
 * REST. Uses the page's live connection when the widget got one (WidgetProps.live), else the shared one.
 */
export function useTopicChanges(topic: string | null, minGapMs = 2_000, pageLive?: LiveClient): number {
  const shared = useSharedLive(topic !== null && !pageLive);
  const live = pageLive ?? shared;
  const [changes, setChanges] = useState(0);
  useEffect(() => {
    if (!live || !topic) return;
    let last = 0;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const bump = () => {
      timer = null;
      last = Date.now();
      setChanges((n) => n + 1);
    };
    const stop = live.subscribe<null, unknown>(topic, { fromSnapshot: () => null, applyDelta: () => null }, (_state, update) => {
      if (update.kind !== 'delta' || timer) return;
      timer = setTimeout(bump, Math.max(0, last + minGapMs - Date.now()));
    });
    return () => {
      stop();
      if (timer) clearTimeout(timer);
    };
  }, [live, topic, minGapMs]);
  return changes;
}
