import type { DispatchMessage, IncidentState, IncidentTimelineEntry } from '@ioc/sdk';
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { formatShortDateTime, formatShortTime } from '../format/format';
import { useI18n } from '../i18n/i18n-context';
import type { MessageKey } from '../i18n';
import { regionLabel } from '../regions/region-label';
import type { RegionTree } from '../regions/region-tree';
import { chatLines, formatDistance, formatDuration, isOverdue, slaLeftMs } from './incident-logic';
import { errorText, incidentsApi, type IncidentDetail, type NearbyCamera } from './incidents-api';

export interface DetailPanelProps {
  incidentId: string;
  /** Bumped on every delta of this incident: detail and timeline are fetched again. */
  version: number;
  actor: string;
  /** Dispatch messages the `units` topic delivered since it was subscribed. */
  liveMessages: readonly DispatchMessage[];
  regions: RegionTree | null;
  now: number;
}

const TIMELINE_KINDS: Partial<Record<string, MessageKey>> = {
  created: 'incidents.kind.created',
  note: 'incidents.kind.note',
  'step-done': 'incidents.kind.stepDone',
  'step-undone': 'incidents.kind.stepUndone',
  'sla-breached': 'incidents.kind.slaBreached',
  'unit-acknowledged': 'incidents.assignment.acknowledged',
  'unit-arrived': 'incidents.assignment.arrived',
  'unit-released': 'incidents.assignment.released',
  'unit-cancelled': 'incidents.assignment.cancelled',
  'link-unit': 'incidents.kind.linkUnit',
  'link-alert': 'incidents.link.alert',
  'link-camera': 'incidents.link.camera',
  'link-feedback': 'incidents.link.feedback',
  'from-feedback': 'incidents.link.feedback',
};

/** One incident: state and its next states, checklist, links, nearest cameras, chat and timeline. */
export function DetailPanel({ incidentId, version, actor, liveMessages, regions, now }: DetailPanelProps) {
  const { t, lang, locale } = useI18n();
  const [detail, setDetail] = useState<IncidentDetail | null>(null);
  const [timeline, setTimeline] = useState<IncidentTimelineEntry[]>([]);
  const [messages, setMessages] = useState<DispatchMessage[]>([]);
  const [cameras, setCameras] = useState<NearbyCamera[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState<IncidentState | null>(null);
  const [formText, setFormText] = useState('');
  const [busy, setBusy] = useState(false);
  // A ticked step shows ticked at once; the incident's delta brings the server's word.
  const [ticked, setTicked] = useState<Record<string, boolean>>({});

  useEffect(() => {
    setDetail(null);
    setTimeline([]);
    setMessages([]);
    setCameras(null);
    setPending(null);
    setError(null);
    const abort = new AbortController();
    incidentsApi.cameras(incidentId, abort.signal).then((r) => setCameras(r.items), () => setCameras([]));
    incidentsApi.messages(incidentId, abort.signal).then((r) => setMessages(r.items), () => undefined);
    return () => abort.abort();
  }, [incidentId]);

  useEffect(() => {
    const abort = new AbortController();
    Promise.all([incidentsApi.detail(incidentId, abort.signal), incidentsApi.timeline(incidentId, abort.signal)]).then(
      ([d, tl]) => {
        setDetail(d);
        setTimeline(tl.items);
        setTicked({});
      },
      (e: unknown) => {
        if (!abort.signal.aborted) setError(errorText(e));
      },
    );
    return () => abort.abort();
  }, [incidentId, version]);

  const run = async (action: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await action();
      return true;
    } catch (e) {
      setError(errorText(e));
      return false;
    } finally {
      setBusy(false);
    }
  };

  const move = async (to: IncidentState, text?: string) => {
    const body = { to, actor, ...(to === 'published' && text ? { publicResult: text } : {}), ...(to === 'cancelled' && text ? { comment: text } : {}) };
    if (await run(() => incidentsApi.move(incidentId, body))) {
      setPending(null);
      setFormText('');
    }
  };

  const chat = useMemo(() => chatLines(timeline, [...messages, ...liveMessages], incidentId), [timeline, messages, liveMessages, incidentId]);

  if (!detail) return <div className="inc-detail inc-empty">{error ? t('incidents.error', { message: error }) : t('data.loading')}</div>;

  const left = slaLeftMs(detail, now);
  const overdue = isOverdue(detail, now);
  const place = regions?.path(detail.regionId ?? '').filter((r) => r.level !== 'province') ?? [];
  const needsText = (s: IncidentState) => s === 'published' || s === 'cancelled';

  return (
    <div className="inc-detail" data-testid="incident-detail" data-incident-id={detail.id} data-state={detail.state}>
      <header className="inc-detail__head">
        <div className="inc-detail__title">
          <span className={`inc-badge inc-badge--${detail.severity}`}>{t(`incidents.severity.${detail.severity}`)}</span>
          <span className="inc-detail__code">{detail.code}</span>
          <h2>{detail.title}</h2>
        </div>
        <div className="inc-detail__facts">
          <span className="inc-state inc-state--big" data-testid="incident-state">
            {t(`incidents.state.${detail.state}`)}
          </span>
          <span>{t(`incidents.class.${detail.class}`)}</span>
          {left !== null && (
            <span className={overdue ? 'is-overdue' : ''}>{overdue ? t('incidents.queue.overdue', { time: formatDuration(Math.min(left, 0)) }) : t('incidents.queue.left', { time: formatDuration(left) })}</span>
          )}
          {place.length > 0 && <span>{place.map((r) => regionLabel(r.name[lang])).reverse().join(', ')}</span>}
          {detail.agency && <span className="muted">{detail.agency}</span>}
        </div>
        {detail.description && <p className="inc-detail__desc">{detail.description}</p>}
      </header>

      <div className="inc-actions" data-testid="incident-actions">
        <span className="muted">{t('incidents.moveTo')}</span>
        {detail.nextStates.length === 0 && <span className="muted">{t('incidents.noNext')}</span>}
        {detail.nextStates.map((s) => (
          <button
            key={s}
            type="button"
            className={`btn${s === 'cancelled' ? ' btn--danger' : ''}${pending === s ? ' is-active' : ''}`}
            disabled={busy}
            data-testid={`move-${s}`}
            onClick={() => (needsText(s) ? (setPending(s), setFormText('')) : void move(s))}
          >
            {t(`incidents.state.${s}`)}
          </button>
        ))}
      </div>
      {pending && (
        <form
          className="inc-move-form"
          data-testid="move-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (formText.trim()) void move(pending, formText.trim());
          }}
        >
          <label>
            <span>{t(pending === 'published' ? 'incidents.publicResult' : 'incidents.comment')}</span>
            <textarea value={formText} onChange={(e) => setFormText(e.target.value)} rows={2} required autoFocus data-testid="move-text" />
          </label>
          <div>
            <button type="submit" className="btn btn--primary" disabled={busy || !formText.trim()} data-testid="move-confirm">
              {t('incidents.confirm')}
            </button>
            <button type="button" className="btn" onClick={() => setPending(null)}>
              {t('incidents.cancel')}
            </button>
          </div>
        </form>
      )}
      {error && <div className="inc-error">{t('incidents.error', { message: error })}</div>}

      <div className="inc-detail__body">
        <div className="inc-detail__col">
          <section className="inc-section">
            <h3>{t('incidents.checklist')}</h3>
            <ul className="inc-checklist" data-testid="checklist">
              {detail.checklist.map((step) => (
                <li key={step.id} className={step.doneAt ? 'is-done' : ''}>
                  <label>
                    <input
                      type="checkbox"
                      checked={ticked[step.id] ?? step.doneAt !== null}
                      data-testid="checklist-step"
                      data-step-id={step.id}
                      onChange={(e) => {
                        const done = e.target.checked;
                        setTicked((m) => ({ ...m, [step.id]: done }));
                        void run(() => incidentsApi.step(incidentId, step.id, done, actor)).then((ok) => {
                          if (!ok) setTicked((m) => ({ ...m, [step.id]: !done }));
                        });
                      }}
                    />
                    <span>
                      {lang === 'en' ? step.title.en || step.title.vi : step.title.vi}
                      <small className="muted">
                        {' '}
                        · {step.role}
                        {step.doneAt && ` · ${step.doneBy ?? ''} ${formatShortTime(Date.parse(step.doneAt), locale)}`}
                      </small>
                    </span>
                  </label>
                </li>
              ))}
            </ul>
          </section>
          <section className="inc-section">
            <h3>{t('incidents.links')}</h3>
            {detail.links.length === 0 ? (
              <p className="muted">{t('incidents.none')}</p>
            ) : (
              <ul className="inc-links" data-testid="links">
                {detail.links.map((l) => (
                  <li key={`${l.kind}|${l.refId}`}>
                    <span className="inc-link-kind">{t(`incidents.link.${l.kind}`)}</span> {l.refId}
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section className="inc-section">
            <h3>{t('incidents.cameras')}</h3>
            {cameras && cameras.length === 0 && <p className="muted">{t('incidents.none')}</p>}
            <ul className="inc-cameras" data-testid="cameras">
              {cameras?.map((c) => (
                <li key={c.sourceId}>
                  {c.streamUrl || c.snapshotUrl ? (
                    <a href={c.streamUrl ?? c.snapshotUrl ?? '#'} target="_blank" rel="noreferrer">
                      {c.name}
                    </a>
                  ) : (
                    c.name
                  )}{' '}
                  <span className="muted">{formatDistance(c.distanceM, locale)}</span>
                  {c.online === false && <span className="is-overdue"> · {t('incidents.camera.offline')}</span>}
                </li>
              ))}
            </ul>
          </section>
        </div>
        <div className="inc-detail__col inc-detail__col--wide">
          <section className="inc-section inc-chat">
            <h3>{t('incidents.chat')}</h3>
            <ChatBox incidentId={incidentId} actor={actor} lines={chat} />
          </section>
          <section className="inc-section inc-timeline">
            <h3>{t('incidents.timeline')}</h3>
            <ol data-testid="timeline">
              {[...timeline].reverse().map((e, index) => (
                <li key={`${e.at}|${e.kind}|${index}`} data-kind={e.kind}>
                  <time title={formatShortDateTime(e.at, locale)}>{formatShortTime(Date.parse(e.at), locale)}</time>
                  <span className="inc-timeline__kind">{TIMELINE_KINDS[e.kind] ? t(TIMELINE_KINDS[e.kind]!) : describeEntry(e, t)}</span>
                  <span className="inc-timeline__text">{e.text}</span>
                  <span className="muted inc-timeline__actor">{e.actor}</span>
                </li>
              ))}
            </ol>
          </section>
        </div>
      </div>
    </div>
  );
}

function describeEntry(e: IncidentTimelineEntry, t: (key: MessageKey, params?: Record<string, string | number>) => string): string {
  if (e.kind === 'state' && typeof e.data.to === 'string') return `→ ${t(`incidents.state.${e.data.to}` as MessageKey)}`;
  return e.kind;
}

function ChatBox({ incidentId, actor, lines }: { incidentId: string; actor: string; lines: ReturnType<typeof chatLines> }) {
  const { t, locale } = useI18n();
  const [text, setText] = useState('');
  const [toUnits, setToUnits] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const listRef = useRef<HTMLOListElement>(null);
  useEffect(() => {
    const list = listRef.current;
    if (list) list.scrollTop = list.scrollHeight;
  }, [lines.length]);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const message = text.trim();
    if (!message) return;
    setSending(true);
    setError(null);
    try {
      // A note is the coordinators' record on the timeline; "to units" goes to the incident's dispatch group channel.
      if (toUnits) await incidentsApi.sendToUnits(incidentId, actor, message);
      else await incidentsApi.note(incidentId, message, actor);
      setText('');
    } catch (err) {
      setError(errorText(err));
    } finally {
      setSending(false);
    }
  };
  return (
    <>
      <ol className="inc-chat__list" ref={listRef} data-testid="chat">
        {lines.length === 0 && <li className="muted">{t('incidents.chat.empty')}</li>}
        {lines.map((l) => (
          <li key={l.key} className={`inc-chat__line inc-chat__line--${l.channel}`} data-testid="chat-line">
            <span className="inc-chat__author">{l.author}</span>
            {l.channel === 'units' && <span className="inc-chat__tag">{t('incidents.chat.units')}</span>}
            <time className="muted">{formatShortTime(Date.parse(l.at), locale)}</time>
            <span className="inc-chat__text">{l.text}</span>
          </li>
        ))}
      </ol>
      <form className="inc-chat__form" onSubmit={(e) => void submit(e)}>
        <input value={text} onChange={(e) => setText(e.target.value)} placeholder={t('incidents.chat.placeholder')} maxLength={4000} data-testid="chat-input" />
        <button type="submit" className="btn btn--primary" disabled={sending || !text.trim()} data-testid="chat-send">
          {t('incidents.chat.send')}
        </button>
        <label className="inc-chat__units">
          <input type="checkbox" checked={toUnits} onChange={(e) => setToUnits(e.target.checked)} data-testid="chat-to-units" />
          {t('incidents.chat.toUnits')}
        </label>
      </form>
      {error && <div className="inc-error">{t('incidents.error', { message: error })}</div>}
    </>
  );
}
