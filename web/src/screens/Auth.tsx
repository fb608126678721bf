import { useState } from 'preact/hooks';
import { Problem, signIn, signUp } from '../api';
import { problemText, t } from '../i18n';

/** Sign in, or sign up with a name and a password; the refusal's field is named next to it. */
export function Auth() {
  const [mode, setMode] = useState<'signin' | 'signup'>('signin');
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: Event) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      if (mode === 'signin') await signIn(name.trim(), password);
      else await signUp(name.trim(), password, displayName.trim());
    } catch (e) {
      setError(e instanceof Problem ? problemText(e.code, e.message) : t('error.generic'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <main class="auth">
      <div class="brand">
        <span class="logo">派</span>
        <span>Pai</span>
      </div>
      <form class="card" onSubmit={submit}>
        <h1>{mode === 'signin' ? t('auth.title') : t('auth.signupTitle')}</h1>
        <label>
          {t('auth.name')}
          <input data-testid="signin-name" autocomplete="username" value={name} required minLength={3} maxLength={32}
            onInput={(e) => setName(e.currentTarget.value)} />
        </label>
        <label>
          {t('auth.password')}
          <input data-testid="signin-password" type="password" value={password} required minLength={8} maxLength={128}
            autocomplete={mode === 'signin' ? 'current-password' : 'new-password'}
            onInput={(e) => setPassword(e.currentTarget.value)} />
        </label>
        {mode === 'signup' && (
          <label>
            {t('auth.displayName')}
            <input value={displayName} maxLength={40} onInput={(e) => setDisplayName(e.currentTarget.value)} />
          </label>
        )}
        {error && <p class="error" role="alert">{error}</p>}
        {mode === 'signin' ? (
          <button data-testid="signin-submit" type="submit" disabled={busy}>{t('auth.signin')}</button>
        ) : (
          <button data-testid="signup-submit" type="submit" disabled={busy}>{t('auth.signup')}</button>
        )}
        <button type="button" class="link" data-testid={mode === 'signin' ? 'to-signup' : 'to-signin'}
          onClick={() => { setMode(mode === 'signin' ? 'signup' : 'signin'); setError(null); }}>
          {mode === 'signin' ? t('auth.toSignup') : t('auth.toSignin')}
        </button>
      </form>
    </main>
  );
}
