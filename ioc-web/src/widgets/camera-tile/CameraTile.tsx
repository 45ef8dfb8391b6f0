import { useCallback, useEffect, useRef, useState } from 'react';
import { useNow } from '../../app/use-now';
import { useI18n } from '../../i18n/i18n-context';
import type { WidgetProps } from '../widget-types';
import '../widget-kit/widgets.css';
import { ageParts, cameraAt, cameraPicture, frameTime, isPictureStale } from './camera-picture';
import type { CameraTileOptions } from './index';
import { readMjpeg } from './mjpeg-reader';
import { apiFetch } from '../../auth/api-fetch';

/** A stream silent this long is given up for snapshots. */
const STALL_MS = 6_000;
/** In snapshot mode, try the stream again this often. */
const STREAM_RETRY_MS = 30_000;
/** Nothing drawn after this long: the tile is ready anyway, showing why. */
const GIVE_UP_MS = 15_000;

interface Frame {
  url: string;
  atMs: number;
}

/**
 * A camera's live picture. The MJPEG stream is read frame by frame (so the tile knows each
 * frame's time and sees a stall); when it fails or stalls, the tile refreshes the snapshot every
 * few seconds and says how old it is. A stale badge shows when the picture is older than twice
 * the interval it should arrive at. With `cameras`, the tile tours them.
 */
export default function CameraTile({ options, width, height, data, onReady, onTitleChange }: WidgetProps<CameraTileOptions>) {
  const { t, pick } = useI18n();
  const now = useNow(1_000);
  const current = cameraAt(options.camera, options.cameras, options.cycleS, now);
  const source = data.sources.get(current.id);
  const picture = cameraPicture(source);
  const [mode, setMode] = useState<'stream' | 'snapshot'>('stream');
  const [frame, setFrame] = useState<Frame | null>(null);
  const [failed, setFailed] = useState(false);
  const [retry, setRetry] = useState(0);
  const reported = useRef(false);
  const onReadyRef = useRef(onReady);
  onReadyRef.current = onReady;
  const report = useCallback(() => {
    if (reported.current) return;
    reported.current = true;
    onReadyRef.current();
  }, []);

  // The tile title names the camera shown.
  const name = source ? source.name.replace(/^Camera\s+/i, '') : current.id;
  useEffect(() => onTitleChange(source ? { vi: source.name, en: source.name } : null), [source?.name, onTitleChange]);

  // A new camera starts again from its stream.
  useEffect(() => {
    setMode(picture.streamUrl ? 'stream' : 'snapshot');
    setFailed(false);
    setFrame(null);
  }, [current.id, picture.streamUrl]);

  const show = useCallback((blob: Blob, atMs: number) => {
    const url = URL.createObjectURL(blob);
    setFrame((previous) => {
      // The previous picture is released once the new one has replaced it.
      if (previous) setTimeout(() => URL.revokeObjectURL(previous.url), 1_000);
      return { url, atMs };
    });
    setFailed(false);
  }, []);

  // Stream mode: read frames; a failure or a stall falls back to snapshots.
  useEffect(() => {
    if (mode !== 'stream' || !picture.streamUrl) return;
    const abort = new AbortController();
    let lastFrameAt = Date.now();
    const watchdog = setInterval(() => {
      if (Date.now() - lastFrameAt > Math.max(STALL_MS, 4_000 / picture.fps)) {
        abort.abort();
        setMode('snapshot');
      }
    }, 1_000);
    readMjpeg(picture.streamUrl, abort.signal, (f) => {
      lastFrameAt = Date.now();
      show(new Blob([f.body as BlobPart], { type: 'image/jpeg' }), frameTime(f.headers, lastFrameAt));
    }).then(
      () => !abort.signal.aborted && setMode('snapshot'),
      () => !abort.signal.aborted && setMode('snapshot'),
    );
    return () => {
      clearInterval(watchdog);
      abort.abort();
    };
  }, [mode, picture.streamUrl, picture.fps, retry, show]);

  // Snapshot mode: refresh every few seconds, and now and then try the stream again.
  useEffect(() => {
    if (mode !== 'snapshot' || !picture.snapshotUrl) return;
    const abort = new AbortController();
    const load = () => {
      apiFetch(picture.snapshotUrl!, { signal: abort.signal, cache: 'no-store' })
        .then(async (response) => {
          if (!response.ok) throw new Error(`HTTP ${response.status}`);
          const receivedAt = Date.now();
          show(await response.blob(), frameTime(response.headers, receivedAt));
        })
        .catch(() => !abort.signal.aborted && setFailed(true));
    };
    load();
    const refresh = setInterval(load, Math.max(1, options.snapshotRefreshS) * 1000);
    const back = picture.streamUrl
      ? setTimeout(() => {
          setMode('stream');
          setRetry((n) => n + 1);
        }, STREAM_RETRY_MS)
      : undefined;
    return () => {
      abort.abort();
      clearInterval(refresh);
      if (back) clearTimeout(back);
    };
  }, [mode, picture.snapshotUrl, picture.streamUrl, options.snapshotRefreshS, show]);

  useEffect(() => {
    if (!current.id || (data.status === 'ready' && (!source || (!picture.streamUrl && !picture.snapshotUrl)))) report();
    const timer = setTimeout(report, GIVE_UP_MS);
    return () => clearTimeout(timer);
  }, [current.id, data.status, source, picture.streamUrl, picture.snapshotUrl, report]);

  useEffect(() => () => setFrame((previous) => (previous && URL.revokeObjectURL(previous.url), null)), []);

  if (!current.id) return <div className="tile-message">{t('camera.none')}</div>;
  if (data.status === 'ready' && !source) return <div className="tile-message">{t('camera.unknown', { id: current.id })}</div>;
  if (source && !picture.streamUrl && !picture.snapshotUrl) return <div className="tile-message">{t('camera.noPicture')}</div>;

  const ageMs = frame ? Math.max(0, now - frame.atMs) : 0;
  const stale = frame !== null && isPictureStale(ageMs, mode, picture.fps, options.snapshotRefreshS);
  const age = ageParts(ageMs);
  const state = source?.state ?? 'unknown';
  const stateKey = ({ online: 'camera.state.online', stale: 'camera.state.stale', offline: 'camera.state.offline', unknown: 'camera.state.unknown' } as const)[state];
  const small = width < 360 || height < 200;
  return (
    <div className={`camera-tile${small ? ' camera-tile--small' : ''}`} data-testid="camera-tile" data-camera={current.id} data-mode={mode} data-stale={stale ? 'true' : 'false'}>
      <div className="camera-tile__top">
        <span className={`camera-tile__state camera-tile__state--${state}`} data-testid="camera-state" data-state={state}>
          <span className="state-dot" />
          {t(stateKey)}
        </span>
        {current.count > 1 && <span className="camera-tile__tour">{t('camera.next', { index: current.index + 1, count: current.count })}</span>}
      </div>
      <div className="camera-tile__frame">
        {frame && <img className="camera-tile__picture" src={frame.url} alt={name} onLoad={report} draggable={false} />}
        {!frame && <div className="tile-message">{failed ? t('camera.noSignal') : t('data.loading')}</div>}
      </div>
      <div className="camera-tile__bottom">
        <span className="camera-tile__name num" title={source ? pick({ vi: source.name, en: source.name }) : current.id}>
          {current.id}
        </span>
        {frame && mode === 'stream' && !stale && <span className="camera-tile__live">● {t('camera.live')}</span>}
        {frame && mode === 'snapshot' && (
          <span className="camera-tile__age" data-testid="camera-age">
            {t('camera.snapshot', { age: t(age.unit === 'seconds' ? 'camera.seconds' : 'camera.minutes', { n: age.n }) })}
          </span>
        )}
        {stale && <span className="badge badge--stale" data-testid="camera-stale">{t('camera.stale')}</span>}
        {failed && frame && <span className="camera-tile__nosignal">{t('camera.noSignal')}</span>}
      </div>
    </div>
  );
}
