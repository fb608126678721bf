import { useEffect, useState } from 'preact/hooks';
import { Problem, api } from '../api';
import { problemText, t } from '../i18n';

interface Me {
  userId: string;
  name: string;
  displayName: string;
  avatarMediaId?: string | null;
  roles: string[];
}

/** One's display name and avatar (an image one uploads here). */
export function Profile() {
  const [me, setMe] = useState<Me | null>(null);
  const [displayName, setDisplayName] = useState('');
  const [avatarUrl, setAvatarUrl] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);

  async function showAvatar(mediaId: string) {
    const urls = await api<{ thumbnailUrl: string }>('GET', `/api/chat/media/${mediaId}/urls`);
    setAvatarUrl(urls.thumbnailUrl);
  }

  useEffect(() => {
    void api<Me>('GET', '/api/auth/me').then((found) => {
      setMe(found);
      setDisplayName(found.displayName ?? '');
      if (found.avatarMediaId) void showAvatar(found.avatarMediaId).catch(() => undefined);
    });
  }, []);

  async function save(body: { displayName?: string; avatarMediaId?: string }) {
    try {
      setMe(await api<Me>('PUT', '/api/auth/me', body));
      setNote(t('me.saved'));
    } catch (e) {
      setNote(e instanceof Problem ? problemText(e.code, e.message) : t('error.generic'));
    }
  }

  async function upload(file: File) {
    const form = new FormData();
    form.append('file', file);
    try {
      const media = await api<{ mediaId: string; thumbnailUrl: string }>('POST', '/api/chat/media', form);
      setAvatarUrl(media.thumbnailUrl);
      await save({ avatarMediaId: media.mediaId });
    } catch (e) {
      setNote(e instanceof Problem ? problemText(e.code, e.message) : t('error.generic'));
    }
  }

  if (!me) return <main class="wallet"><p class="muted">…</p></main>;
  return (
    <main class="wallet profile">
      <h1>{t('me.title')}</h1>
      <div class="profile-head">
        {avatarUrl ? <img class="avatar-image" src={avatarUrl} alt="" data-testid="profile-avatar" /> : <span class="avatar big">{me.displayName.slice(0, 1)}</span>}
        <div><strong>{me.displayName}</strong><div class="muted">@{me.name}</div></div>
      </div>
      <form class="card" onSubmit={(e) => { e.preventDefault(); void save({ displayName: displayName.trim() }); }}>
        <label>{t('me.displayName')}
          <input data-testid="profile-display-name" value={displayName} maxLength={40} required
            onInput={(e) => setDisplayName(e.currentTarget.value)} /></label>
        <label>{t('me.avatar')}
          <input type="file" accept="image/png,image/jpeg,image/gif" data-testid="profile-avatar-input"
            onChange={(e) => { const file = e.currentTarget.files?.[0]; if (file) void upload(file); }} /></label>
        <button data-testid="profile-save" type="submit">{t('me.save')}</button>
        {note && <span class="note" role="status">{note}</span>}
      </form>
    </main>
  );
}
