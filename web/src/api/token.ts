// The session token lives in sessionStorage: it ends with the browser tab, as a desk session should.
const KEY = 'kept.token';

export function readToken(): string | null {
  return sessionStorage.getItem(KEY);
}

export function storeToken(token: string): void {
  sessionStorage.setItem(KEY, token);
}

export function clearToken(): void {
  sessionStorage.removeItem(KEY);
}
