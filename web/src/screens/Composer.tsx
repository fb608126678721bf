import { useEffect, useRef, useState } from 'preact/hooks';
import { Problem, api, newClientMsgId } from '../api';
import { problemText, t } from '../i18n';
import type { Member, Message, Page } from '../model';

/** Who can be @mentioned in the pai: its agents, then its members by the name they sign in with. */
function useMentionable(members: Member[]): { handle: string; label: string }[] {
  const [agents, setAgents] = useState<string[]>([]);
  useEffect(() => {
    void api<Page<{ id: string }>>('GET', '/api/agents/catalog')
      .then((catalog) => setAgents(catalog.items.map((agent) => agent.id))).catch(() => undefined);
  }, []);
  return [
    ...agents.map((id) => ({ handle: id, label: `@${id}` })),
    ...members.map((member) => {
      const handle = member.name ?? member.userId;
      return { handle, label: member.displayName && member.displayName !== handle ? `@${handle} · ${member.displayName}` : `@${handle}` };
    }),
  ];
}

/** The word being typed at the caret when it starts with @, else null. */
function mentionAt(text: string, caret: number): { start: number; prefix: string } | null {
  const match = text.slice(0, caret).match(/(?:^|\s)@([\w.\-]*)$/);
  return match ? { start: caret - match[1].length - 1, prefix: match[1].toLowerCase() } : null;
}

export function Composer({ paiId, members, replyTo, onCancelReply, onSent, onError, onTogglePacket }: {
  paiId: string;
  members: Member[];
  replyTo: Message | null;
  onCancelReply: () => void;
  onSent: (message: Message) => void;
  onError: (text: string) => void;
  onTogglePacket: () => void;
}) {
  const [text, setText] = useState('');
  const [caret, setCaret] = useState(0);
  const [uploading, setUploading] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const file = useRef<HTMLInputElement>(null);
  const mentionable = useMentionable(members);
  const mention = mentionAt(text, caret);
  const suggestions = mention ? mentionable.filter((candidate) => candidate.handle.toLowerCase().startsWith(mention.prefix)
      || candidate.label.toLowerCase().includes(` · ${mention.prefix}`)).slice(0, 6) : [];

  function say(e: unknown) {
    onError(e instanceof Problem ? problemText(e.code, e.message) : t('error.generic'));
  }

  async function post(body: Record<string, unknown>) {
    const sent = await api<Message>('POST', `/api/chat/pais/${paiId}/messages`,
      { clientMsgId: newClientMsgId(), replyToSeq: replyTo?.seq, ...body });
    onSent(sent);
  }

  async function send(event: Event) {
    event.preventDefault();
    const body = text.trim();
    if (!body) return;
    setText('');
    try {
      await post({ kind: 'TEXT', text: body });
    } catch (e) {
      setText(body);
      say(e);
    }
  }

  async function sendImage(chosen: File) {
    setUploading(true);
    try {
      const form = new FormData();
      form.append('file', chosen);
      const media = await api<{ mediaId: string }>('POST', '/api/chat/media', form);
      await post({ kind: 'IMAGE', mediaId: media.mediaId });
    } catch (e) {
      say(e);
    } finally {
      setUploading(false);
      if (file.current) file.current.value = '';
    }
  }

  function complete(name: string) {
    if (!mention) return;
    const next = `${text.slice(0, mention.start)}@${name} ${text.slice(caret)}`;
    setText(next);
    const at = mention.start + name.length + 2;
    setCaret(at);
    requestAnimationFrame(() => input.current?.setSelectionRange(at, at));
    input.current?.focus();
  }

  return (
    <div class="composer-area">
      {replyTo && (
        <div class="replying" data-testid="replying-to">
          <span>{t('chat.replyingTo')}: {replyTo.text ?? t('chat.picture')}</span>
          <button class="link" onClick={onCancelReply}>✕</button>
        </div>
      )}
      {suggestions.length > 0 && (
        <ul class="mentions" data-testid="mention-suggestions">
          {suggestions.map((candidate) => (
            <li key={candidate.handle}><button type="button" class="link" data-testid="mention-suggestion"
              onMouseDown={(e) => { e.preventDefault(); complete(candidate.handle); }}>{candidate.label}</button></li>
          ))}
        </ul>
      )}
      <form class="composer" onSubmit={send}>
        <button type="button" class="packet-toggle" data-testid="send-packet-toggle" title={t('packets.send')}
          onClick={onTogglePacket}>{t('packets.sendShort')}</button>
        <button type="button" class="image-button" data-testid="image-button" title={t('chat.image')} disabled={uploading}
          onClick={() => file.current?.click()}>{t('chat.picture')}</button>
        <input ref={file} type="file" accept="image/png,image/jpeg,image/gif" hidden data-testid="image-input"
          onChange={(e) => { const chosen = e.currentTarget.files?.[0]; if (chosen) void sendImage(chosen); }} />
        <input ref={input} data-testid="composer" value={text} placeholder={t('chat.placeholder')} maxLength={4000}
          onInput={(e) => { setText(e.currentTarget.value); setCaret(e.currentTarget.selectionStart ?? e.currentTarget.value.length); }}
          onKeyUp={(e) => setCaret(e.currentTarget.selectionStart ?? 0)}
          onKeyDown={(e) => { if (e.key === 'Tab' && suggestions.length) { e.preventDefault(); complete(suggestions[0].handle); } }} />
        <button data-testid="composer-send" type="submit" disabled={!text.trim()}>{t('chat.send')}</button>
      </form>
    </div>
  );
}
