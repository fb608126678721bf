import { useEffect, useState } from 'preact/hooks';
import { api } from '../api';
import { t } from '../i18n';
import { shownName } from '../members';
import type { Member, Message } from '../model';
import { PacketCard } from './Redpackets';

interface MediaUrls {
  url: string;
  thumbnailUrl: string;
}

const STYLES = ['CARTOON', 'SKETCH', 'PIXEL', 'MEME'] as const;

/** The remixer's styles for an image; the new picture goes into the pai as a reply to it. */
function RemixMenu({ mediaId, onRemixed }: { mediaId: string; onRemixed: (newMediaId: string) => void }) {
  const [busy, setBusy] = useState(false);
  async function remix(style: (typeof STYLES)[number]) {
    setBusy(true);
    try {
      const made = await api<{ mediaId: string }>('POST', '/api/agents/remix', { mediaId, style });
      onRemixed(made.mediaId);
    } finally {
      setBusy(false);
    }
  }
  return (
    <span class="remix" data-testid="remix-menu">
      {STYLES.map((style) => (
        <button key={style} class="link" disabled={busy} data-testid={`remix-${style.toLowerCase()}`}
          onClick={() => void remix(style).catch(() => undefined)}>{t(`remix.${style}`)}</button>
      ))}
    </span>
  );
}

/** An image of the pai: the thumbnail from fresh signed URLs (they expire), the full picture on a tap. */
function ChatImage({ paiId, mediaId }: { paiId: string; mediaId: string }) {
  const [urls, setUrls] = useState<MediaUrls | null>(null);
  const [full, setFull] = useState(false);
  useEffect(() => {
    void api<MediaUrls>('GET', `/api/chat/pais/${paiId}/media/${mediaId}`).then(setUrls).catch(() => undefined);
  }, [paiId, mediaId]);
  if (!urls) return <span class="image-placeholder" />;
  return (
    <>
      <img class="thumbnail" data-testid="message-image" src={urls.thumbnailUrl} alt="" loading="lazy" onClick={() => setFull(true)} />
      {full && <div class="opened" onClick={() => setFull(false)}><img class="full-image" src={urls.url} alt="" /></div>}
    </>
  );
}

/** Text with its @mentions marked. */
function MentionedText({ text, mentions }: { text: string; mentions?: string[] }) {
  if (!mentions?.length) return <>{text}</>;
  const parts = text.split(/(@[\w.\-]+)/g);
  return <>{parts.map((part, i) => (part.startsWith('@') && mentions.includes(part.slice(1))
    ? <span key={i} class="mention">{part}</span> : part))}</>;
}

export function MessageItem({ message, sender, paiId, mine, repliedTo, canRecall, onReply, onRecall, onRemixed }: {
  message: Message;
  sender?: Member;
  paiId: string;
  mine: boolean;
  repliedTo?: Message;
  canRecall: boolean;
  onReply: () => void;
  onRecall: () => void;
  onRemixed: (newMediaId: string) => void;
}) {
  const classes = ['message', mine ? 'mine' : '', message.senderKind.toLowerCase(), message.kind.toLowerCase()].join(' ');
  return (
    <li data-testid="message" data-seq={message.seq} class={classes}>
      {!mine && (
        <span class="sender" data-testid="message-sender">
          {sender?.avatarUrl && <img class="sender-avatar" src={sender.avatarUrl} alt="" />}
          {shownName(message.senderId, sender)}
        </span>
      )}
      {repliedTo && (
        <span class="quoted" data-testid="message-quote">{repliedTo.kind === 'RECALLED' ? t('chat.recalled') : repliedTo.text ?? t('chat.picture')}</span>
      )}
      {message.kind === 'RECALLED' ? (
        <span class="text recalled">{t('chat.recalled')}</span>
      ) : message.kind === 'PACKET' && message.attachment ? (
        <PacketCard packetId={String(message.attachment.packetId)} greeting={message.text ?? undefined}
          totalCents={Number(message.attachment.totalCents)} count={Number(message.attachment.count)} />
      ) : message.kind === 'IMAGE' && message.mediaId ? (
        <ChatImage paiId={paiId} mediaId={message.mediaId} />
      ) : (
        <span class="text"><MentionedText text={message.text ?? ''} mentions={message.mentions} /></span>
      )}
      {message.kind !== 'RECALLED' && message.senderKind !== 'SYSTEM' && (
        <span class="message-actions">
          <button class="link" data-testid="message-reply" onClick={onReply}>{t('chat.reply')}</button>
          {canRecall && <button class="link" data-testid="message-recall" onClick={onRecall}>{t('chat.recall')}</button>}
          {message.kind === 'IMAGE' && message.mediaId && <RemixMenu mediaId={message.mediaId} onRemixed={onRemixed} />}
        </span>
      )}
    </li>
  );
}
