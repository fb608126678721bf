import { useEffect, useState } from 'preact/hooks';
import { Problem, api } from '../api';
import { problemText, t } from '../i18n';
import { live } from '../live';
import type { Page, Pai, PaiSummary } from '../model';
import { navigate } from '../router';
import { CampaignBanners } from './Redpackets';

/** The person's pais with unread counts kept live, and creating or joining one. */
export function PaiList() {
  const [pais, setPais] = useState<PaiSummary[] | null>(null);
  const [newName, setNewName] = useState('');
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);

  async function load() {
    const page = await api<Page<PaiSummary>>('GET', '/api/chat/pais?limit=100');
    setPais(page.items);
  }

  useEffect(() => {
    void load().catch(() => setError(t('error.generic')));
    return live.onFrame((frame) => {
      if (frame.type === 'message') {
        setPais((current) => current && current.map((pai) => pai.id === frame.paiId
          ? { ...pai, lastSeq: frame.seq, unread: pai.unread + 1 } : pai));
      } else if (frame.type === 'member') {
        void load();
      }
    });
  }, []);

  async function create(event: Event) {
    event.preventDefault();
    try {
      const pai = await api<Pai>('POST', '/api/chat/pais', { name: newName.trim() });
      setNewName('');
      navigate(`/pais/${pai.id}`);
    } catch (e) {
      setError(e instanceof Problem ? problemText(e.code, e.message) : t('error.generic'));
    }
  }

  async function join(event: Event) {
    event.preventDefault();
    try {
      const joined = await api<{ paiId: string }>('POST', '/api/chat/pais/join', { inviteCode: code.trim() });
      setCode('');
      navigate(`/pais/${joined.paiId}`);
    } catch (e) {
      setError(e instanceof Problem ? problemText(e.code, e.message) : t('error.generic'));
    }
  }

  return (
    <main class="pais">
      <CampaignBanners />
      <h1>{t('pais.title')}</h1>
      {error && <p class="error" role="alert">{error}</p>}
      <ul data-testid="pai-list" class="pai-list">
        {pais?.length === 0 && <li class="empty">{t('pais.empty')}</li>}
        {pais?.map((pai) => (
          <li key={pai.id}>
            <a data-testid="pai-item" href={`#/pais/${pai.id}`} class="pai-item">
              <span class="avatar">{pai.name.slice(0, 1)}</span>
              <span class="pai-name">{pai.name}</span>
              {pai.unread > 0 && <span class="badge" data-testid="pai-unread">{pai.unread}</span>}
            </a>
          </li>
        ))}
      </ul>
      <form class="row" onSubmit={create}>
        <input data-testid="pai-name" value={newName} placeholder={t('pais.newName')} required maxLength={60}
          onInput={(e) => setNewName(e.currentTarget.value)} />
        <button data-testid="pai-create" type="submit">{t('pais.create')}</button>
      </form>
      <form class="row" onSubmit={join}>
        <input data-testid="pai-join-code" value={code} placeholder={t('pais.joinCode')} required
          onInput={(e) => setCode(e.currentTarget.value)} />
        <button data-testid="pai-join-submit" type="submit">{t('pais.join')}</button>
      </form>
    </main>
  );
}
