import { useEffect, useRef, useState } from 'preact/hooks';
import { Problem, api, currentSession, newClientMsgId } from '../api';
import { problemText, t } from '../i18n';
import { live } from '../live';
import type { Message, Page, Pai } from '../model';
import { AgentsPanel } from './Agents';
import { PacketCard, SendPacket } from './Redpackets';

const HISTORY = 50;

/** Inserts by seq, once: history, the answer to a send and the live frame may bring the same message. */
function merge(messages: Message[], incoming: Message[]): Message[] {
  const bySeq = new Map(messages.map((message) => [message.seq, message]));
  incoming.forEach((message) => bySeq.set(message.seq, message));
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}

/** One pai's conversation: its history, live messages in seq order, and the composer. */
export function Chat({ paiId }: { paiId: string }) {
  const [pai, setPai] = useState<Pai | null>(null);
  const [messages, setMessages] = useState<Message[]>([]);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [sendingPacket, setSendingPacket] = useState(false);
  const [showAgents, setShowAgents] = useState(false);
  const [role, setRole] = useState<string | null>(null);
  const list = useRef<HTMLOListElement>(null);
  const me = currentSession()?.userId;

  useEffect(() => {
    let active = true;
    setMessages([]);
    void (async () => {
      try {
        const [info, history] = await Promise.all([
          api<Pai>('GET', `/api/chat/pais/${paiId}`),
          api<Page<Message>>('GET', `/api/chat/pais/${paiId}/messages?limit=${HISTORY}`),
        ]);
        if (!active) return;
        setPai(info);
        setRole(info.ownerId === me ? 'OWNER' : (info as Pai & { role?: string }).role ?? null);
        setMessages((current) => merge(current, history.items));
        live.hold(paiId, history.items.reduce((max, message) => Math.max(max, message.seq), 0));
      } catch (e) {
        setError(e instanceof Problem ? problemText(e.code, e.message) : t('error.generic'));
      }
    })();
    const stop = live.onFrame((frame) => {
      if (frame.type === 'message' && frame.paiId === paiId) {
        const { type: _frameType, ...message } = frame;
        setMessages((current) => merge(current, [message as Message]));
      } else if (frame.type === 'recall' && frame.paiId === paiId) {
        setMessages((current) => current.map((message) => message.seq === frame.seq
          ? { ...message, kind: 'RECALLED', text: null } : message));
      }
    });
    return () => {
      active = false;
      stop();
    };
  }, [paiId]);

  const lastSeq = messages.length ? messages[messages.length - 1].seq : 0;
  useEffect(() => {
    list.current?.lastElementChild?.scrollIntoView({ block: 'end' });
    if (lastSeq > 0) void api('POST', `/api/chat/pais/${paiId}/read`, { seq: lastSeq }).catch(() => undefined);
  }, [lastSeq, paiId]);

  async function send(event: Event) {
    event.preventDefault();
    const body = text.trim();
    if (!body) return;
    setText('');
    try {
      const sent = await api<Message>('POST', `/api/chat/pais/${paiId}/messages`,
        { clientMsgId: newClientMsgId(), kind: 'TEXT', text: body });
      setMessages((current) => merge(current, [sent]));
    } catch (e) {
      setText(body);
      setError(e instanceof Problem ? problemText(e.code, e.message) : t('error.generic'));
    }
  }

  return (
    <main class="chat">
      <header class="chat-header">
        <a href="#/" class="back">‹ {t('chat.back')}</a>
        <h1>{pai?.name ?? '…'}</h1>
        {pai?.inviteCode && <span class="invite" title={t('chat.invite')} data-testid="invite-code">{pai.inviteCode}</span>}
        <button class="link" data-testid="agents-toggle" onClick={() => setShowAgents(!showAgents)}>{t('agents.open')}</button>
      </header>
      {showAgents && <AgentsPanel paiId={paiId} canConfigure={role === 'OWNER' || role === 'ADMIN'} />}
      {error && <p class="error" role="alert">{error}</p>}
      <ol class="messages" ref={list}>
        {messages.length === 0 && <li class="empty">{t('chat.empty')}</li>}
        {messages.map((message) => (
          <li key={message.seq} data-testid="message" data-seq={message.seq}
            class={`message ${message.senderId === me ? 'mine' : ''} ${message.senderKind.toLowerCase()}`}>
            {message.senderId !== me && <span class="sender">{shortName(message.senderId)}</span>}
            {message.kind === 'PACKET' && message.attachment ? (
              <PacketCard packetId={String(message.attachment.packetId)} greeting={message.text ?? undefined}
                totalCents={Number(message.attachment.totalCents)} count={Number(message.attachment.count)} />
            ) : (
              <span class="text">{message.kind === 'RECALLED' ? '—' : message.text}</span>
            )}
          </li>
        ))}
      </ol>
      {sendingPacket && <SendPacket paiId={paiId} onDone={() => setSendingPacket(false)} />}
      <form class="composer" onSubmit={send}>
        <button type="button" class="packet-toggle" data-testid="send-packet-toggle" title={t('packets.send')}
          onClick={() => setSendingPacket(!sendingPacket)}>{t('packets.sendShort')}</button>
        <input data-testid="composer" value={text} placeholder={t('chat.placeholder')} maxLength={4000}
          onInput={(e) => setText(e.currentTarget.value)} />
        <button data-testid="composer-send" type="submit" disabled={!text.trim()}>{t('chat.send')}</button>
      </form>
    </main>
  );
}

function shortName(userId: string): string {
  return /^[0-9a-f-]{36}$/.test(userId) ? userId.slice(0, 8) : userId;
}
