import { useEffect, useRef, useState } from 'preact/hooks';
import { Problem, api } from '../api';
import { problemText, t } from '../i18n';
import { centsOf, yuan } from '../money';

interface Campaign {
  id: string;
  name: string;
  status: string;
  budgetCents: number;
  reservedCents: number;
  grantedCents: number;
  refundedCents: number;
  remainingCents: number;
  grabs: number;
  startsAt: string;
  endsAt: string;
}

interface Drop {
  id: string;
  packetCount: number;
  amountCents: number;
  split: string;
  startsAt: string;
  endsAt: string;
  status: string;
}

interface StatsSecond {
  second: string;
  outcomes: Record<string, number>;
  /** null in a second without a grab */
  p99Ms: number | null;
}

interface Stats {
  windowSeconds: number;
  grabsPerSecond: Record<string, number>;
  /** null while the window holds no grab of the campaign (a new one has none) */
  latencyMs: { p50: number | null; p99: number | null; max: number | null };
  series: StatsSecond[];
  remainingCents?: number;
}

interface Funnel {
  shares: number;
  clicks: number;
  accepts: number;
  rewards: number;
  bonusGrabs: number;
}

interface Reconciliation {
  ok: boolean;
  claimedCents: number;
  ledgerCents: number;
  redisCents: number;
  pending: number;
  differences: unknown[];
}

function say(e: unknown): string {
  return e instanceof Problem ? problemText(e.code, e.message) : t('error.generic');
}

/** The operator's console: campaigns, their drops, and what the grab path does right now. */
export function Console() {
  const [campaigns, setCampaigns] = useState<Campaign[]>([]);
  const [selected, setSelected] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);

  async function load() {
    const page = await api<{ items: Campaign[] }>('GET', '/api/redpackets/campaigns?limit=20');
    setCampaigns(page.items);
    setSelected((current) => current ?? page.items[0]?.id ?? null);
  }
  useEffect(() => void load().catch((e) => setNote(say(e))), []);

  return (
    <main class="console">
      <h1>{t('console.title')}</h1>
      {note && <p class="error" role="alert">{note}</p>}
      <CreateCampaign onCreated={(id) => { setSelected(id); void load(); }} />
      <div class="campaign-tabs">
        {campaigns.map((campaign) => (
          <button key={campaign.id} class={campaign.id === selected ? 'tab active' : 'tab'} data-testid="console-campaign"
            onClick={() => setSelected(campaign.id)}>{campaign.name}</button>
        ))}
      </div>
      {selected && <CampaignPanel key={selected} campaignId={selected} onChanged={() => void load()} />}
    </main>
  );
}

function CreateCampaign({ onCreated }: { onCreated: (id: string) => void }) {
  const [name, setName] = useState('');
  const [budget, setBudget] = useState('10000');
  const [hours, setHours] = useState('24');
  const [perUser, setPerUser] = useState('3');
  const [note, setNote] = useState<string | null>(null);

  async function create(event: Event) {
    event.preventDefault();
    const budgetCents = centsOf(budget);
    if (budgetCents === null) return setNote(t('packets.badAmount'));
    const now = Date.now();
    try {
      const campaign = await api<Campaign>('POST', '/api/redpackets/campaigns', {
        name: name.trim(), budgetCents, startsAt: new Date(now).toISOString(),
        endsAt: new Date(now + Number(hours) * 3_600_000).toISOString(), timezone: 'Asia/Shanghai',
        maxGrabsPerUser: Number(perUser), shareBonusGrabs: 1, maxBonusGrabsPerUser: 3,
      });
      setName('');
      setNote(null);
      onCreated(campaign.id);
    } catch (e) {
      setNote(say(e));
    }
  }

  return (
    <form class="panel form-grid" onSubmit={create}>
      <label>{t('console.name')}<input data-testid="console-campaign-name" value={name} required maxLength={100}
        onInput={(e) => setName(e.currentTarget.value)} /></label>
      <label>{t('console.budget')}<input data-testid="console-campaign-budget" value={budget} inputMode="decimal"
        onInput={(e) => setBudget(e.currentTarget.value)} /></label>
      <label>{t('console.hours')}<input type="number" min={1} value={hours} onInput={(e) => setHours(e.currentTarget.value)} /></label>
      <label>{t('console.perUser')}<input type="number" min={1} value={perUser} onInput={(e) => setPerUser(e.currentTarget.value)} /></label>
      <button data-testid="console-campaign-create" type="submit">{t('console.create')}</button>
      {note && <span class="note" role="status">{note}</span>}
    </form>
  );
}

function CampaignPanel({ campaignId, onChanged }: { campaignId: string; onChanged: () => void }) {
  const [campaign, setCampaign] = useState<Campaign | null>(null);
  const [drops, setDrops] = useState<Drop[]>([]);
  const [stats, setStats] = useState<Stats | null>(null);
  const [funnel, setFunnel] = useState<Funnel | null>(null);
  const [reconciliation, setReconciliation] = useState<Reconciliation | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const dropsAsked = useRef(0);
  const base = `/api/redpackets/campaigns/${campaignId}`;

  /** The drops as the latest request for them answers: an older answer (a tick's, sent before a launch) is dropped. */
  async function loadDrops() {
    const request = ++dropsAsked.current;
    const page = await api<{ items: Drop[] }>('GET', `${base}/drops?limit=20`);
    if (request === dropsAsked.current) setDrops(page.items);
  }

  async function load() {
    const [info] = await Promise.all([api<Campaign>('GET', base), loadDrops()]);
    setCampaign(info);
  }

  useEffect(() => {
    void load().catch((e) => setNote(say(e)));
    void api<Funnel>('GET', `/api/shares/campaigns/${campaignId}/funnel`).then(setFunnel).catch(() => undefined);
    let ticks = 0;
    const tick = setInterval(() => {
      void api<Stats>('GET', `${base}/stats`).then(setStats).catch(() => undefined);
      void api<Campaign>('GET', base).then(setCampaign).catch(() => undefined);
      // Drops change state (scheduled, active, ended) more slowly than the figures move.
      if (++ticks % 5 === 0) void loadDrops().catch(() => undefined);
    }, 1000);
    return () => clearInterval(tick);
  }, [campaignId]);

  async function act(action: 'pause' | 'resume' | 'cancel') {
    try {
      setCampaign(await api<Campaign>('POST', `${base}/${action}`));
      onChanged();
    } catch (e) {
      setNote(say(e));
    }
  }

  async function reconcile() {
    try {
      setReconciliation(await api<Reconciliation>('GET', `${base}/reconciliation`));
    } catch (e) {
      setNote(say(e));
    }
  }

  if (!campaign) return note ? <p class="error" role="alert">{note}</p> : <p class="muted">…</p>;
  const rate = stats ? Object.values(stats.grabsPerSecond).reduce((sum, n) => sum + n, 0) : 0;
  return (
    <section class="panel">
      <header class="panel-head">
        <h2>{campaign.name} <span class={`status ${campaign.status.toLowerCase()}`}>{campaign.status}</span></h2>
        <div class="actions">
          <button data-testid="console-pause" onClick={() => void act('pause')}>{t('console.pause')}</button>
          <button data-testid="console-resume" onClick={() => void act('resume')}>{t('console.resume')}</button>
          <button class="danger" data-testid="console-cancel" onClick={() => void act('cancel')}>{t('console.cancel')}</button>
        </div>
      </header>
      {note && <p class="error" role="alert">{note}</p>}
      <div class="figures">
        <Figure label={t('console.remaining')} value={yuan(campaign.remainingCents)} testid="console-remaining" />
        <Figure label={t('console.granted')} value={yuan(campaign.grantedCents)} />
        <Figure label={t('console.grabs')} value={String(campaign.grabs)} testid="console-grabs" />
        <Figure label={t('console.rate')} value={rate.toFixed(1)} testid="console-grabs-rate" />
        <Figure label="p99" value={!stats ? '…' : stats.latencyMs.p99 === null ? '–' : `${stats.latencyMs.p99.toFixed(1)} ms`}
          testid="console-p99" />
      </div>
      <BudgetBar campaign={campaign} />
      {stats && <Outcomes stats={stats} />}
      {stats && <Sparkline series={stats.series} />}
      <LaunchDrop campaignId={campaignId} onLaunched={() => void load()} />
      <table class="drops">
        <thead><tr><th>{t('console.packets')}</th><th>{t('console.amount')}</th><th>{t('console.window')}</th><th /></tr></thead>
        <tbody>
          {drops.map((drop) => (
            <tr key={drop.id} data-testid="console-drop">
              <td>{drop.packetCount} · {drop.split}</td>
              <td>{yuan(drop.amountCents)}</td>
              <td>{new Date(drop.startsAt).toLocaleTimeString()}–{new Date(drop.endsAt).toLocaleTimeString()}</td>
              <td><span class={`status ${drop.status.toLowerCase()}`}>{drop.status}</span></td>
            </tr>
          ))}
        </tbody>
      </table>
      {funnel && (
        <div class="funnel" data-testid="console-funnel">
          <h3>{t('console.funnel')}</h3>
          {(['shares', 'clicks', 'accepts', 'rewards'] as const).map((step) => (
            <div class="funnel-step" key={step}>
              <span>{t(`console.funnel.${step}`)}</span>
              <span class="funnel-bar" style={{ width: `${funnel.shares ? Math.max(4, (100 * funnel[step]) / funnel.shares) : 4}%` }} />
              <span>{funnel[step]}</span>
            </div>
          ))}
        </div>
      )}
      <div class="reconcile">
        <button data-testid="console-reconcile" onClick={() => void reconcile()}>{t('console.reconcile')}</button>
        {reconciliation && (
          <span data-testid="console-reconciliation" class={reconciliation.ok ? 'ok' : 'bad'}>
            {reconciliation.ok ? t('console.reconciled') : `${reconciliation.differences.length} ${t('console.differences')}`}
            {' '}· {t('console.ledger')} {yuan(reconciliation.ledgerCents)} · Redis {yuan(reconciliation.redisCents)}
            {reconciliation.pending > 0 && ` · ${reconciliation.pending} ${t('console.pending')}`}
          </span>
        )}
      </div>
    </section>
  );
}

function Figure({ label, value, testid }: { label: string; value: string; testid?: string }) {
  return (
    <div class="figure">
      <span class="figure-label">{label}</span>
      <span class="figure-value" data-testid={testid}>{value}</span>
    </div>
  );
}

/** Granted, still reserved by open drops, refunded and free, as one bar. */
function BudgetBar({ campaign }: { campaign: Campaign }) {
  const part = (cents: number) => `${(100 * cents) / Math.max(1, campaign.budgetCents)}%`;
  const reservedOpen = Math.max(0, campaign.reservedCents - campaign.grantedCents - campaign.refundedCents);
  return (
    <div class="budget-bar" title={yuan(campaign.budgetCents)}>
      <span class="granted" style={{ width: part(campaign.grantedCents) }} />
      <span class="reserved" style={{ width: part(reservedOpen) }} />
    </div>
  );
}

function Outcomes({ stats }: { stats: Stats }) {
  const entries = Object.entries(stats.grabsPerSecond).filter(([, rate]) => rate > 0);
  return (
    <ul class="outcomes">
      {entries.map(([outcome, rate]) => <li key={outcome}><b>{outcome}</b> {rate.toFixed(1)}/s</li>)}
    </ul>
  );
}

/** Grabs per second over the last minute, one bar per second. */
function Sparkline({ series }: { series: StatsSecond[] }) {
  const totals = series.map((second) => Object.values(second.outcomes).reduce((sum, n) => sum + n, 0));
  const top = Math.max(1, ...totals);
  return (
    <svg class="sparkline" viewBox={`0 0 ${Math.max(1, totals.length)} 40`} preserveAspectRatio="none" role="img">
      {totals.map((total, i) => <rect key={i} x={i + 0.1} width={0.8} y={40 - (40 * total) / top} height={(40 * total) / top} />)}
    </svg>
  );
}

function LaunchDrop({ campaignId, onLaunched }: { campaignId: string; onLaunched: () => void }) {
  const [packets, setPackets] = useState('100');
  const [amount, setAmount] = useState('100');
  const [split, setSplit] = useState('RANDOM');
  const [inSeconds, setInSeconds] = useState('0');
  const [minutes, setMinutes] = useState('10');
  const [note, setNote] = useState<string | null>(null);

  async function launch(event: Event) {
    event.preventDefault();
    const amountCents = centsOf(amount);
    if (amountCents === null) return setNote(t('packets.badAmount'));
    const starts = Date.now() + Number(inSeconds) * 1000;
    try {
      await api('POST', `/api/redpackets/campaigns/${campaignId}/drops`, {
        packetCount: Number(packets), amountCents, split, startsAt: new Date(starts).toISOString(),
        endsAt: new Date(starts + Number(minutes) * 60_000).toISOString(),
      });
      setNote(null);
      onLaunched();
    } catch (e) {
      setNote(say(e));
    }
  }

  return (
    <form class="form-grid" onSubmit={launch}>
      <label>{t('console.packets')}<input data-testid="console-drop-packets" type="number" min={1} max={1000000} value={packets}
        onInput={(e) => setPackets(e.currentTarget.value)} /></label>
      <label>{t('console.amount')}<input data-testid="console-drop-amount" inputMode="decimal" value={amount}
        onInput={(e) => setAmount(e.currentTarget.value)} /></label>
      <label>{t('console.split')}
        <select value={split} onChange={(e) => setSplit(e.currentTarget.value)}>
          <option value="RANDOM">RANDOM</option>
          <option value="EVEN">EVEN</option>
        </select>
      </label>
      <label>{t('console.startsIn')}<input type="number" min={0} value={inSeconds} onInput={(e) => setInSeconds(e.currentTarget.value)} /></label>
      <label>{t('console.minutes')}<input type="number" min={1} value={minutes} onInput={(e) => setMinutes(e.currentTarget.value)} /></label>
      <button data-testid="console-drop-launch" type="submit">{t('console.launch')}</button>
      {note && <span class="note" role="status">{note}</span>}
    </form>
  );
}
