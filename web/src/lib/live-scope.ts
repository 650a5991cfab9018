// What each page shows, as the live stream's `?show=`: the server sends a console only the changes it shows.
// A case page hears of its case; the inbox and a customer's page of every case (a new case may join them);
// the manager's page and the dashboard of everything; pages with nothing live, of nothing.

/** The `show` value for the page at `pathname` (the hash router's path, e.g. `/cases/cas_1`). */
export function liveScopeOf(pathname: string): string {
  const [section, id] = pathname.split('/').filter((part) => part !== '');
  switch (section) {
    case 'cases':
      return id ? `case:${decodeURIComponent(id)}` : 'cases';
    case 'inbox':
    case 'customers':
      return 'cases';
    case 'manager':
    case 'dashboard':
      return 'all';
    case 'agents':
    case 'settings':
      return 'none';
    default:
      return 'all';
  }
}
