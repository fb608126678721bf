import { useEffect, useState } from 'preact/hooks';
import { Problem, api } from '../api';
import { problemText, t } from '../i18n';
import type { Page } from '../model';

interface AgentSetting {
  agentId: string;
  name: string;
  enabled: boolean;
  settings: Record<string, unknown>;
}

interface Summary {
  summary: string;
  keyPoints: string[];
  fromSeq: number;
  toSeq: number;
}

interface Goal {
  id: string;
  kind: string;
  title: string;
  cadence: string;
}

interface BoardEntry {
  rank: number;
  userId: string;
  streak: number;
  total: number;
  checkedIn: boolean;
}

function say(e: unknown): string {
  return e instanceof Problem ? problemText(e.code, e.message) : t('error.generic');
}

/** A pai's agents: switch them on (owners and admins), ask for a summary, goals with check-ins and their board. */
export function AgentsPanel({ paiId, canConfigure }: { paiId: string; canConfigure: boolean }) {
  const [agents, setAgents] = useState<AgentSetting[]>([]);
  const [summary, setSummary] = useState<Summary | null>(null);
  const [goals, setGoals] = useState<Goal[]>([]);
  const [note, setNote] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const base = `/api/agents/pais/${paiId}`;

  useEffect(() => {
    void api<Page<AgentSetting>>('GET', `${base}/agents`).then((page) => setAgents(page.items)).catch((e) => setNote(say(e)));
    void api<Page<Goal>>('GET', `${base}/goals?limit=20`).then((page) => setGoals(page.items)).catch(() => undefined);
  }, [paiId]);

  async function toggle(agent: AgentSetting) {
    try {
      const updated = await api<AgentSetting>('PUT', `${base}/agents/${agent.agentId}`,
        { enabled: !agent.enabled, settings: agent.settings });
      setAgents((current) => current.map((a) => (a.agentId === updated.agentId ? { ...a, ...updated } : a)));
    } catch (e) {
      setNote(say(e));
    }
  }

  async function summarize() {
    setBusy(true);
    setNote(null);
    try {
      setSummary(await api<Summary>('POST', `${base}/summary`, { lastN: 200 }));
    } catch (e) {
      setNote(say(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <aside class="agents-panel" data-testid="agents-panel">
      <h2>{t('agents.title')}</h2>
      {note && <p class="error" role="alert">{note}</p>}
      <ul class="agent-list">
        {agents.map((agent) => (
          <li key={agent.agentId}>
            <label class="switch">
              <input type="checkbox" data-testid={`agent-toggle-${agent.agentId}`} checked={agent.enabled}
                disabled={!canConfigure} onChange={() => void toggle(agent)} />
              <span>{agent.name}</span>
            </label>
          </li>
        ))}
      </ul>
      <button data-testid="summary-button" disabled={busy} onClick={() => void summarize()}>{t('agents.summarize')}</button>
      {summary && (
        <div class="summary" data-testid="summary">
          <p>{summary.summary}</p>
          <ul>{summary.keyPoints.map((point, i) => <li key={i}>{point}</li>)}</ul>
        </div>
      )}
      <Goals paiId={paiId} goals={goals} onCreated={(goal) => setGoals((current) => [goal, ...current])} />
    </aside>
  );
}

function Goals({ paiId, goals, onCreated }: { paiId: string; goals: Goal[]; onCreated: (goal: Goal) => void }) {
  const [title, setTitle] = useState('');
  const [kind, setKind] = useState('FITNESS');
  const [note, setNote] = useState<string | null>(null);

  async function create(event: Event) {
    event.preventDefault();
    try {
      const goal = await api<Goal>('POST', `/api/agents/pais/${paiId}/goals`, {
        kind, title: title.trim(), cadence: 'DAILY', timezone: Intl.DateTimeFormat().resolvedOptions().timeZone,
      });
      setTitle('');
      onCreated(goal);
    } catch (e) {
      setNote(say(e));
    }
  }

  return (
    <section class="goals">
      <h3>{t('goals.title')}</h3>
      {goals.map((goal) => <GoalCard key={goal.id} goal={goal} />)}
      <form class="row" onSubmit={create}>
        <select value={kind} onChange={(e) => setKind(e.currentTarget.value)}>
          <option value="FITNESS">{t('goals.fitness')}</option>
          <option value="READING">{t('goals.reading')}</option>
          <option value="CUSTOM">{t('goals.custom')}</option>
        </select>
        <input data-testid="goal-title" value={title} required maxLength={80} placeholder={t('goals.newTitle')}
          onInput={(e) => setTitle(e.currentTarget.value)} />
        <button data-testid="goal-create" type="submit">{t('goals.create')}</button>
      </form>
      {note && <p class="note" role="status">{note}</p>}
    </section>
  );
}

function GoalCard({ goal }: { goal: Goal }) {
  const [board, setBoard] = useState<BoardEntry[]>([]);
  const [note, setNote] = useState<string | null>(null);

  async function loadBoard() {
    setBoard((await api<Page<BoardEntry>>('GET', `/api/agents/goals/${goal.id}/board?limit=10`)).items);
  }
  useEffect(() => void loadBoard().catch(() => undefined), [goal.id]);

  async function checkIn() {
    try {
      const done = await api<{ streak: number }>('POST', `/api/agents/goals/${goal.id}/checkins`, {});
      setNote(`${t('goals.streak')}: ${done.streak}`);
      await loadBoard();
    } catch (e) {
      setNote(say(e));
    }
  }

  return (
    <div class="goal" data-testid="goal">
      <div class="goal-head">
        <strong>{goal.title}</strong>
        <button data-testid="goal-checkin" onClick={() => void checkIn()}>{t('goals.checkin')}</button>
      </div>
      {note && <span class="note" role="status">{note}</span>}
      <ol class="board">
        {board.map((entry) => (
          <li key={entry.userId}>
            <span>{entry.rank}. {entry.userId.slice(0, 8)}</span>
            <span>🔥 {entry.streak} · {entry.total}</span>
          </li>
        ))}
      </ol>
    </div>
  );
}
