// Live delivery over chat-service's WebSocket: authenticated by the subprotocol pair "bearer, <JWT>",
// resumed per pai after every (re)connect from the last seq the app holds, duplicates dropped by seq.
import { liveToken } from './api';
import type { Message } from './model';

export type LiveFrame =
  | { type: 'ready'; userId: string; pais: string[] }
  | { type: 'message'; paiId: string; seq: number } & Message
  | { type: 'recall'; paiId: string; seq: number; messageId: string }
  | { type: 'member'; paiId: string; userId: string; role: string; change: string }
  | { type: 'playback'; paiId: string; [key: string]: unknown }
  | { type: 'resumed'; paiId: string; afterSeq: number; lastSeq: number; hasMore: boolean }
  | { type: 'error'; code: string; paiId?: string; detail?: string };

export type LiveState = 'connecting' | 'live' | 'offline';

type FrameListener = (frame: LiveFrame) => void;
type StateListener = (state: LiveState) => void;

const RETRY_MS = [500, 1000, 2000, 4000, 8000, 15000];

export class LiveConnection {
  private socket: WebSocket | null = null;
  private attempt = 0;
  private closedByUs = false;
  private readonly lastSeq = new Map<string, number>();
  private readonly frameListeners = new Set<FrameListener>();
  private readonly stateListeners = new Set<StateListener>();
  state: LiveState = 'offline';

  /** Starts from these seqs (what the app already shows); a pai not named starts from what arrives. */
  start(seqs: Map<string, number> = new Map()) {
    seqs.forEach((seq, paiId) => this.hold(paiId, seq));
    this.closedByUs = false;
    void this.connect();
  }

  stop() {
    this.closedByUs = true;
    this.socket?.close(1000, 'signed out');
    this.socket = null;
    this.setState('offline');
  }

  /** The app shows a pai up to seq (from history): resumes of it start there, now and after a reconnect. */
  hold(paiId: string, seq: number) {
    const held = this.lastSeq.get(paiId);
    if (held === undefined || seq > held) {
      this.lastSeq.set(paiId, seq);
      this.resume(paiId);
    }
  }

  onFrame(listener: FrameListener): () => void {
    this.frameListeners.add(listener);
    return () => this.frameListeners.delete(listener);
  }

  onState(listener: StateListener): () => void {
    this.stateListeners.add(listener);
    listener(this.state);
    return () => this.stateListeners.delete(listener);
  }

  private setState(state: LiveState) {
    this.state = state;
    this.stateListeners.forEach((listener) => listener(state));
  }

  private async connect() {
    const token = await liveToken();
    if (!token || this.closedByUs) return;
    this.setState('connecting');
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    const socket = new WebSocket(`${scheme}://${location.host}/api/chat/ws`, ['bearer', token]);
    this.socket = socket;
    socket.onmessage = (event) => this.receive(JSON.parse(event.data) as LiveFrame);
    socket.onclose = (event) => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.setState('offline');
      // 4401: the token ran out or is bad; the next connect asks for a fresh one.
      if (!this.closedByUs) this.retryLater(event.code === 4401 ? 0 : undefined);
    };
  }

  private retryLater(delayMs?: number) {
    const wait = delayMs ?? RETRY_MS[Math.min(this.attempt, RETRY_MS.length - 1)];
    this.attempt++;
    setTimeout(() => void this.connect(), wait);
  }

  private resume(paiId: string) {
    if (this.socket?.readyState === WebSocket.OPEN && this.state === 'live') {
      this.socket.send(JSON.stringify({ type: 'resume', paiId, afterSeq: this.lastSeq.get(paiId) ?? 0 }));
    }
  }

  private receive(frame: LiveFrame) {
    if (frame.type === 'ready') {
      this.attempt = 0;
      this.setState('live');
      // Only pais the app holds messages of need what they missed; the others start from now.
      this.lastSeq.forEach((_, paiId) => this.resume(paiId));
    }
    if (frame.type === 'message') {
      const held = this.lastSeq.get(frame.paiId) ?? 0;
      if (frame.seq <= held) return; // a duplicate: replay and live may overlap
      this.lastSeq.set(frame.paiId, frame.seq);
    }
    this.frameListeners.forEach((listener) => listener(frame));
  }
}

export const live = new LiveConnection();
