// Where the one-time link of a new agent lands (`#/set-password/{token}`): choose a password, then log in.
import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { setPassword } from '../api/auth';

/** The server asks for at least this many characters. */
const minLength = 10;

export function SetPasswordPage() {
  const token = useParams()['token'] ?? '';
  const [password, setPasswordText] = useState('');
  const [repeat, setRepeat] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (password !== repeat) return setError('The two passwords differ.');
    setBusy(true);
    setError(null);
    try {
      await setPassword({ token, password });
      setDone(true);
    } catch (err) {
      setError(err instanceof Error ? err.message : 'Could not set the password');
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="login" id="main">
      {done ? (
        <p role="status">
          Your password is set. <Link to="/login">Log in</Link>
        </p>
      ) : (
        <form onSubmit={(e) => void submit(e)} aria-labelledby="setpw-title">
          <h1 id="setpw-title">Kept — choose your password</h1>
          <label htmlFor="setpw-password">New password (at least {minLength} characters)</label>
          <input id="setpw-password" type="password" autoComplete="new-password" required minLength={minLength} value={password} onChange={(e) => setPasswordText(e.target.value)} />
          <label htmlFor="setpw-repeat">Repeat it</label>
          <input id="setpw-repeat" type="password" autoComplete="new-password" required minLength={minLength} value={repeat} onChange={(e) => setRepeat(e.target.value)} />
          {error && (
            <p className="error" role="alert">
              {error}
            </p>
          )}
          <button type="submit" className="primary" disabled={busy}>
            {busy ? 'Saving…' : 'Set password'}
          </button>
        </form>
      )}
    </main>
  );
}
