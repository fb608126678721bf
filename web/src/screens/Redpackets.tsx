import { useEffect, useState } from 'preact/hooks';
import { Problem, api } from '../api';
import { problemText, t } from '../i18n';
import { centsOf, yuan } from '../money';
import { ShareButton } from './Share';

interface LiveDrop {
  id: string;
  packetCount: number;
  amountCents: number;
  startsAt: string;
  endsAt: string;
  status: string;
}

interface LiveCampaign {
  id: string;
  name: string;
  remainingChances: number;
  drops: LiveDrop[];
}

interface Grab {
  amountCents: number;
  replayed: boolean;
}

/** The amount won, opened like a red envelope; tap to close. */
export function OpenedPacket({ cents, onClose }: { cents: number; onClose: () => void }) {
  return (
    <div class="opened" role="dialog" onClick={onClose}>
      <div class="envelope">
        <span class="seal">福</span>
        <span class="amount" data-testid="packet-amount">{yuan(cents)}</span>
      </div>
    </div>
  );
}

function refusalText(e: unknown): string {
  return e instanceof Problem ? problemText(e.code, e.message) : t('error.generic');
}

/** Every phone asks /live every 10 s; only around a drop's opening more often. */
const POLL_MS = 10_000;
const SOON_POLL_MS = 1_500;
const SOON_MS = 15_000;

/**
 * The live campaigns, each with its open drop and a one-tap grab, or its next drop's countdown, on
 * the server's clock (the offset from /live's serverTime), so that every phone counts down alike.
 */
export function CampaignBanners() {
  const [campaigns, setCampaigns] = useState<LiveCampaign[]>([]);
  const [offsetMs, setOffsetMs] = useState(0);
  const [now, setNow] = useState(Date.now());

  /** Loads /live; says whether a drop is about to open (or opening), when it is worth asking again soon. */
  async function load(): Promise<boolean> {
    const sent = Date.now();
    const live = await api<{ serverTime: string; items: LiveCampaign[] }>('GET', '/api/redpackets/live');
    const received = Date.now();
    const serverNow = Date.parse(live.serverTime);
    setOffsetMs(serverNow - (sent + received) / 2);
    setCampaigns(live.items);
    return live.items.some((campaign) => campaign.drops.some((drop) => drop.status === 'SCHEDULED'
      && Date.parse(drop.startsAt) - serverNow < SOON_MS));
  }

  useEffect(() => {
    let poll: ReturnType<typeof setTimeout>;
    const again = () => void load().catch(() => false)
        .then((soon) => void (poll = setTimeout(again, soon ? SOON_POLL_MS : POLL_MS)));
    again();
    const tick = setInterval(() => setNow(Date.now()), 1000);
    return () => {
      clearTimeout(poll);
      clearInterval(tick);
    };
  }, []);

  return (
    <div class="banners">
      {campaigns.map((campaign) => (
        <CampaignBanner key={campaign.id} campaign={campaign} serverNow={now + offsetMs} onGrabbed={() => void load()} />
      ))}
    </div>
  );
}

function CampaignBanner({ campaign, serverNow, onGrabbed }:
  { campaign: LiveCampaign; serverNow: number; onGrabbed: () => void }) {
  const [won, setWon] = useState<number | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const open = campaign.drops.find((drop) => drop.status === 'ACTIVE'
    && Date.parse(drop.startsAt) <= serverNow && serverNow < Date.parse(drop.endsAt));
  // Due but not yet opened by the service (it opens a drop within a moment of its start): say so.
  const opening = !open && campaign.drops.some((drop) => drop.status === 'SCHEDULED'
    && Date.parse(drop.startsAt) <= serverNow && serverNow < Date.parse(drop.endsAt));
  const next = campaign.drops.filter((drop) => Date.parse(drop.startsAt) > serverNow)
    .sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt))[0];
  if (!open && !opening && !next) return null;

  async function grab(drop: LiveDrop) {
    setNote(null);
    try {
      const grabbed = await api<Grab>('POST', `/api/redpackets/drops/${drop.id}/grab`);
      setWon(grabbed.amountCents);
      onGrabbed();
    } catch (e) {
      setNote(refusalText(e));
    }
  }

  return (
    <section class="banner" data-testid="campaign-banner">
      <div class="banner-text">
        <strong>{campaign.name}</strong>
        <span>{t('packets.chances')}: {campaign.remainingChances}</span>
        {open && <span>{t('packets.open')} · {yuan(open.amountCents)}</span>}
        {opening && <span data-testid="drop-opening">{t('packets.opening')}</span>}
        {!open && !opening && next && (
          <span data-testid="next-drop-countdown">
            {t('packets.nextIn')} {countdown(Date.parse(next.startsAt) - serverNow)}
          </span>
        )}
        {note && <span class="note" role="status">{note}</span>}
      </div>
      <ShareButton targetType="CAMPAIGN" targetId={campaign.id} />
      {open && (
        <button class="grab" data-testid="grab-button" onClick={() => void grab(open)}>{t('packets.grab')}</button>
      )}
      {won !== null && <OpenedPacket cents={won} onClose={() => setWon(null)} />}
    </section>
  );
}

function countdown(ms: number): string {
  const seconds = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return (h ? `${h}:` : '') + `${String(m).padStart(h ? 2 : 1, '0')}:${String(s).padStart(2, '0')}`;
}

/** A lucky packet's card in the chat: open it to grab a share. */
export function PacketCard({ packetId, greeting, totalCents, count }:
  { packetId: string; greeting?: string; totalCents: number; count: number }) {
  const [won, setWon] = useState<number | null>(null);
  const [note, setNote] = useState<string | null>(null);

  async function open() {
    setNote(null);
    try {
      const grabbed = await api<Grab>('POST', `/api/redpackets/packets/${packetId}/grab`);
      setWon(grabbed.amountCents);
    } catch (e) {
      setNote(refusalText(e));
    }
  }

  return (
    <div class="packet-card" data-testid="packet-card">
      <span class="seal">福</span>
      <div>
        <div class="greeting">{greeting || t('packets.defaultGreeting')}</div>
        <div class="packet-meta">{yuan(totalCents)} · {count}</div>
        {note && <div class="note" role="status">{note}</div>}
      </div>
      <button data-testid="packet-open" onClick={() => void open()}>{t('packets.openPacket')}</button>
      {won !== null && <OpenedPacket cents={won} onClose={() => setWon(null)} />}
    </div>
  );
}

/** Sending a lucky packet into a pai from one's wallet. */
export function SendPacket({ paiId, onDone }: { paiId: string; onDone: () => void }) {
  const [amount, setAmount] = useState('');
  const [count, setCount] = useState('3');
  const [greeting, setGreeting] = useState('');
  const [note, setNote] = useState<string | null>(null);

  async function send(event: Event) {
    event.preventDefault();
    const totalCents = centsOf(amount);
    if (totalCents === null || totalCents <= 0) {
      setNote(t('packets.badAmount'));
      return;
    }
    try {
      await api('POST', `/api/redpackets/pais/${paiId}/packets`,
        { totalCents, count: Number(count), split: 'RANDOM', greeting: greeting.trim() || undefined });
      onDone();
    } catch (e) {
      setNote(refusalText(e));
    }
  }

  return (
    <form class="send-packet" data-testid="send-packet" onSubmit={send}>
      <input data-testid="send-packet-amount" inputMode="decimal" placeholder={t('packets.amount')} value={amount}
        onInput={(e) => setAmount(e.currentTarget.value)} required />
      <input data-testid="send-packet-count" type="number" min={1} max={200} value={count}
        onInput={(e) => setCount(e.currentTarget.value)} required />
      <input data-testid="send-packet-greeting" placeholder={t('packets.defaultGreeting')} maxLength={60} value={greeting}
        onInput={(e) => setGreeting(e.currentTarget.value)} />
      <button data-testid="send-packet-submit" type="submit">{t('packets.send')}</button>
      {note && <span class="note" role="status">{note}</span>}
    </form>
  );
}

function entryText(kind: string): string {
  switch (kind) {
    case 'GRAB': return t('wallet.grab');
    case 'SEND': return t('wallet.send');
    case 'REFUND': return t('wallet.refund');
    default: return kind;
  }
}

interface WalletEntry {
  id: number;
  amountCents: number;
  kind: string;
  createdAt: string;
}

/** The wallet: balance, what is still on its way to the ledger, and the entries. */
export function Wallet() {
  const [wallet, setWallet] = useState<{ balanceCents: number; pendingCents: number; entries: WalletEntry[] } | null>(null);
  useEffect(() => {
    void api<typeof wallet>('GET', '/api/redpackets/wallet?limit=50').then(setWallet);
  }, []);
  return (
    <main class="wallet">
      <h1>{t('wallet.title')}</h1>
      <div class="balance" data-testid="wallet-balance">{wallet ? yuan(wallet.balanceCents) : '…'}</div>
      {wallet && wallet.pendingCents > 0 && <p class="muted">{t('wallet.pending')}: {yuan(wallet.pendingCents)}</p>}
      <ul class="entries">
        {wallet?.entries.map((entry) => (
          <li key={entry.id}>
            <span>{entryText(entry.kind)}</span>
            <span class={entry.amountCents < 0 ? 'out' : 'in'}>{yuan(entry.amountCents)}</span>
          </li>
        ))}
      </ul>
    </main>
  );
}
