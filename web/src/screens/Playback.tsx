import { useEffect, useRef, useState } from 'preact/hooks';
import { Problem, api, currentSession } from '../api';
import { problemText, t } from '../i18n';
import { live } from '../live';

export interface Session {
  sessionId: string;
  paiId: string;
  kind: 'WATCH' | 'LISTEN';
  mediaUrl: string;
  title: string;
  hostId: string;
  controllerId: string;
  playing: boolean;
  positionMs: number;
  serverTimeMs: number;
  ended: boolean;
}

/** Below this the players are together; up to SEEK_MS the rate is nudged, beyond it the player seeks. */
const IN_SYNC_MS = 30;
const SEEK_MS = 500;
const MAX_NUDGE = 0.15;
const PINGS = 5;

/**
 * The server clock's offset from ours, from the best of several pings (the one with the shortest
 * round trip, whose midpoint is the surest guess of when the server read its clock), as Syncplay does.
 */
async function clockOffset(paiId: string): Promise<number> {
  let best = { rtt: Infinity, offset: 0 };
  for (let i = 0; i < PINGS; i++) {
    const sent = performance.now();
    const state = await api<Session>('GET', `/api/chat/pais/${paiId}/sessions`);
    const received = performance.now();
    const rtt = received - sent;
    if (rtt < best.rtt) {
      const localAtServerRead = Date.now() - (received - sent) / 2;
      best = { rtt, offset: state.serverTimeMs - localAtServerRead };
    }
  }
  return best.offset;
}

/** Where the shared player should be now, in ms, by the server's clock. */
export function expectedPositionMs(session: Session, serverNowMs: number): number {
  return session.playing ? session.positionMs + (serverNowMs - session.serverTimeMs) : session.positionMs;
}

/** The rate that closes a drift (ms, ahead positive) in about a second, within ±MAX_NUDGE. */
export function nudgedRate(driftMs: number): number {
  if (Math.abs(driftMs) <= IN_SYNC_MS) return 1;
  return 1 - Math.max(-MAX_NUDGE, Math.min(MAX_NUDGE, driftMs / 1000));
}

/** Watching or listening together: one shared player per pai, kept on the session's clock. */
export function SharedPlayer({ paiId }: { paiId: string }) {
  const [session, setSession] = useState<Session | null>(null);
  const [offset, setOffset] = useState<number | null>(null);
  const [drift, setDrift] = useState(0);
  const [note, setNote] = useState<string | null>(null);
  const [title, setTitle] = useState('');
  const [url, setUrl] = useState('/demo/tone.wav');
  const media = useRef<HTMLMediaElement | null>(null);
  const me = currentSession()?.userId;

  useEffect(() => {
    void api<Session>('GET', `/api/chat/pais/${paiId}/sessions`).then((state) => setSession(state.ended ? null : state))
      .catch(() => setSession(null));
    void clockOffset(paiId).then(setOffset).catch(() => setOffset(0));
    return live.onFrame((frame) => {
      if (frame.type === 'playback' && frame.paiId === paiId) {
        const state = frame as unknown as Session;
        setSession(state.ended ? null : state);
      }
    });
  }, [paiId]);

  // The sync loop: compare the player with where the session says it should be.
  useEffect(() => {
    if (!session || offset === null) return;
    const timer = setInterval(() => {
      const player = media.current;
      if (!player) return;
      const expected = expectedPositionMs(session, Date.now() + offset);
      if (!session.playing) {
        if (!player.paused) player.pause();
        if (Math.abs(player.currentTime * 1000 - expected) > IN_SYNC_MS) player.currentTime = expected / 1000;
        setDrift(0);
        return;
      }
      if (player.paused) void player.play().catch(() => setNote(t('playback.tapToPlay')));
      const driftMs = player.currentTime * 1000 - expected;
      if (Math.abs(driftMs) > SEEK_MS) {
        player.currentTime = expected / 1000;
        player.playbackRate = 1;
      } else {
        player.playbackRate = nudgedRate(driftMs);
      }
      setDrift(driftMs);
    }, 250);
    return () => clearInterval(timer);
  }, [session, offset]);

  async function control(action: 'PLAY' | 'PAUSE' | 'SEEK' | 'END', positionMs?: number) {
    if (!session) return;
    try {
      setSession(await api<Session>('POST', `/api/chat/pais/${paiId}/sessions/${session.sessionId}/control`,
        { action, positionMs: positionMs ?? Math.round((media.current?.currentTime ?? 0) * 1000) }));
    } catch (e) {
      setNote(e instanceof Problem ? problemText(e.code, e.message) : t('error.generic'));
    }
  }

  async function start(event: Event) {
    event.preventDefault();
    try {
      setSession(await api<Session>('POST', `/api/chat/pais/${paiId}/sessions`,
        // The session holds an absolute address, so that every member's player loads the same thing.
        { kind: /\.(mp4|webm)$/i.test(url) ? 'WATCH' : 'LISTEN', mediaUrl: new URL(url.trim(), location.origin).href,
          title: title.trim() || url.trim() }));
    } catch (e) {
      setNote(e instanceof Problem ? problemText(e.code, e.message) : t('error.generic'));
    }
  }

  if (!session) {
    return (
      <form class="player start-session" onSubmit={start}>
        <input data-testid="session-url" value={url} onInput={(e) => setUrl(e.currentTarget.value)} required />
        <input data-testid="session-title" value={title} placeholder={t('playback.title')} onInput={(e) => setTitle(e.currentTarget.value)} />
        <button data-testid="session-start" type="submit">{t('playback.start')}</button>
        {note && <span class="note">{note}</span>}
      </form>
    );
  }
  const controller = session.controllerId === me;
  const attach = (element: HTMLMediaElement | null) => void (media.current = element);
  return (
    <section class="player" data-testid="shared-player">
      <strong>{session.title}</strong>
      {session.kind === 'WATCH'
        ? <video ref={attach} src={session.mediaUrl} preload="auto" playsInline data-testid="shared-media" />
        : <audio ref={attach} src={session.mediaUrl} preload="auto" data-testid="shared-media" />}
      <div class="player-controls">
        {controller ? (
          <>
            <button data-testid="session-play" onClick={() => void control(session.playing ? 'PAUSE' : 'PLAY')}>
              {session.playing ? t('playback.pause') : t('playback.play')}
            </button>
            <button onClick={() => void control('SEEK', Math.max(0, Math.round((media.current?.currentTime ?? 0) * 1000) - 10_000))}>−10s</button>
            <button onClick={() => void control('SEEK', Math.round((media.current?.currentTime ?? 0) * 1000) + 10_000)}>+10s</button>
            <button class="danger" onClick={() => void control('END')}>{t('playback.end')}</button>
          </>
        ) : (
          <span class="muted">{t('playback.following')}</span>
        )}
        <span class="drift" data-testid="session-drift">{Math.abs(Math.round(drift))} ms</span>
      </div>
      {note && <span class="note" role="status" onClick={() => { setNote(null); void media.current?.play(); }}>{note}</span>}
    </section>
  );
}
