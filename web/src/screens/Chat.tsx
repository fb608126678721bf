import { useEffect, useRef, useState } from 'preact/hooks';
import { Problem, api, currentSession, newClientMsgId } from '../api';
import { problemText, t } from '../i18n';
import { live } from '../live';
import { useMembers } from '../members';
import type { Message, Page, Pai, PaiSummary } from '../model';
import { AgentsPanel } from './Agents';
import { Composer } from './Composer';
import { MessageItem } from './MessageItem';
import { SharedPlayer } from './Playback';
import { SendPacket } from './Redpackets';
import { ShareButton } from './Share';

const HISTORY = 50;

/** Inserts by seq, once: history, the answer to a send and the live frame may bring the same message. */
function merge(messages: Message[], incoming: Message[]): Message[] {
  const bySeq = new Map(messages.map((message) => [message.seq, message]));
  incoming.forEach((message) => bySeq.set(message.seq, message));
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}

/** One pai's conversation: its history, live messages in seq order, replies, recall, and the composer. */
export function Chat({ paiId }: { paiId: string }) {
  const [pai, setPai] = useState<Pai | null>(null);
  const [role, setRole] = useState<PaiSummary['role'] | null>(null);
  const [messages, setMessages] = useState<Message[]>([]);
  const [replyTo, setReplyTo] = useState<Message | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [sendingPacket, setSendingPacket] = useState(false);
  const [showAgents, setShowAgents] = useState(false);
  const [showPlayer, setShowPlayer] = useState(false);
  const list = useRef<HTMLOListElement>(null);
  const me = currentSession()?.userId;

  useEffect(() => {
    let active = true;
    setMessages([]);
    void (async () => {
      try {
        const [info, history, mine] = await Promise.all([
          api<Pai>('GET', `/api/chat/pais/${paiId}`),
          api<Page<Message>>('GET', `/api/chat/pais/${paiId}/messages?limit=${HISTORY}`),
          api<Page<PaiSummary>>('GET', '/api/chat/pais?limit=200'),
        ]);
        if (!active) return;
        setPai(info);
        setRole(mine.items.find((summary) => summary.id === paiId)?.role ?? null);
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
          ? { ...message, kind: 'RECALLED', text: null, mediaId: null } : message));
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

  async function recall(message: Message) {
    try {
      const recalled = await api<Message>('POST', `/api/chat/pais/${paiId}/messages/${message.seq}/recall`);
      setMessages((current) => merge(current, [recalled]));
    } catch (e) {
      setError(e instanceof Problem ? problemText(e.code, e.message) : t('error.generic'));
    }
  }

  async function postRemix(original: Message, mediaId: string) {
    try {
      const sent = await api<Message>('POST', `/api/chat/pais/${paiId}/messages`,
        { clientMsgId: newClientMsgId(), kind: 'IMAGE', mediaId, replyToSeq: original.seq });
      setMessages((current) => merge(current, [sent]));
    } catch (e) {
      setError(e instanceof Problem ? problemText(e.code, e.message) : t('error.generic'));
    }
  }

  const bySeq = new Map(messages.map((message) => [message.seq, message]));
  const members = useMembers(paiId, [...new Set(messages.filter((message) => message.senderKind === 'USER')
    .map((message) => message.senderId))]);
  const admin = role === 'OWNER' || role === 'ADMIN';
  return (
    <main class="chat">
      <header class="chat-header">
        <a href="#/" class="back">‹ {t('chat.back')}</a>
        <h1>{pai?.name ?? '…'}</h1>
        {pai?.inviteCode && <span class="invite" title={t('chat.invite')} data-testid="invite-code">{pai.inviteCode}</span>}
        <ShareButton targetType="PAI" targetId={paiId} />
        <button class="link" data-testid="player-toggle" onClick={() => setShowPlayer(!showPlayer)}>{t('playback.open')}</button>
        <button class="link" data-testid="agents-toggle" onClick={() => setShowAgents(!showAgents)}>{t('agents.open')}</button>
      </header>
      {showPlayer && <SharedPlayer paiId={paiId} />}
      {showAgents && <AgentsPanel paiId={paiId} canConfigure={admin} />}
      {error && <p class="error" role="alert" onClick={() => setError(null)}>{error}</p>}
      <ol class="messages" ref={list}>
        {messages.length === 0 && <li class="empty">{t('chat.empty')}</li>}
        {messages.map((message) => (
          <MessageItem key={message.seq} message={message} sender={members.get(message.senderId)} paiId={paiId} mine={message.senderId === me}
            repliedTo={message.replyToSeq ? bySeq.get(message.replyToSeq) : undefined}
            canRecall={message.kind !== 'RECALLED' && message.senderKind === 'USER'
              && (admin || (message.senderId === me && Date.now() - Date.parse(message.createdAt) < 120_000))}
            onReply={() => setReplyTo(message)} onRecall={() => void recall(message)}
            onRemixed={(mediaId) => void postRemix(message, mediaId)} />
        ))}
      </ol>
      {sendingPacket && <SendPacket paiId={paiId} onDone={() => setSendingPacket(false)} />}
      <Composer paiId={paiId} members={[...members.values()]} replyTo={replyTo} onCancelReply={() => setReplyTo(null)}
        onSent={(sent) => { setReplyTo(null); setMessages((current) => merge(current, [sent])); }}
        onError={setError} onTogglePacket={() => setSendingPacket(!sendingPacket)} />
    </main>
  );
}
