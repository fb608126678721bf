import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { currentSession, onSessionChange, signOut, type Session } from './api';
import { setLanguage, t, useLanguage } from './i18n';
import { live, type LiveState } from './live';
import { useRoute } from './router';
import { Auth } from './screens/Auth';
import { Chat } from './screens/Chat';
import { PaiList } from './screens/PaiList';
import { Profile } from './screens/Profile';
import { Console } from './screens/Console';
import { Wallet } from './screens/Redpackets';
import './styles.css';

function App() {
  const language = useLanguage();
  const [session, setSession] = useState<Session | null>(currentSession());
  const [liveState, setLiveState] = useState<LiveState>('offline');
  const route = useRoute();

  useEffect(() => onSessionChange(setSession), []);
  useEffect(() => live.onState(setLiveState), []);
  useEffect(() => {
    if (!session) return;
    live.start();
    return () => live.stop();
  }, [session?.userId]);

  const languageSwitch = (
    <button class="link lang" data-testid="lang-switch" onClick={() => setLanguage(language === 'zh' ? 'en' : 'zh')}>
      {t('lang.switch')}
    </button>
  );

  if (!session) {
    return <div class="app">{languageSwitch}<Auth /></div>;
  }
  const chat = route.match(/^\/pais\/([^/]+)$/);
  const operator = session.roles.includes('operator');
  return (
    <div class="app">
      <nav class="top">
        <a href="#/" class="brand"><span class="logo">派</span> {t('app.name')}</a>
        {liveState !== 'live' && (
          <span class="live-state" data-testid="live-state">
            {liveState === 'connecting' ? t('live.connecting') : t('live.offline')}
          </span>
        )}
        <span class="spacer" />
        <a href="#/wallet" class="link" data-testid="nav-wallet">{t('wallet.title')}</a>
        {operator && <a href="#/console" class="link" data-testid="nav-console">{t('console.nav')}</a>}
        <a href="#/me" class="me" data-testid="me">{session.displayName}</a>
        {languageSwitch}
        <button class="link" data-testid="signout" onClick={() => void signOut()}>{t('auth.signout')}</button>
      </nav>
      {chat ? <Chat paiId={chat[1]} />
        : route === '/wallet' ? <Wallet />
        : route === '/me' ? <Profile />
        : route === '/console' && operator ? <Console />
        : <PaiList />}
    </div>
  );
}

render(<App />, document.getElementById('app')!);
