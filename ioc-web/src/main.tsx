import { lazy, StrictMode, Suspense, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { resolveRoute } from './app/route';
import { ForbiddenNotice } from './auth/ForbiddenNotice';
import { session } from './auth/session';
import { createI18n, langFromSearch } from './i18n';
import { I18nContext } from './i18n/i18n-context';
import { OcIndexPage } from './oc/OcIndexPage';
import { OcPage } from './oc/OcPage';
import './styles.css';
import { WallPage } from './wall/WallPage';

// Pages other than the wall and the OC pages load on demand, so the wall's first chunk stays small.
const TabletPage = lazy(() => import('./tablet/TabletPage'));
const IncidentsPage = lazy(() => import('./incidents/IncidentsPage'));
const AdminPage = lazy(() => import('./admin/AdminPage'));
const WallConsolePage = lazy(() => import('./wall-console/WallConsolePage'));
const LoginPage = lazy(() => import('./auth/LoginPage'));

function App() {
  const [path, setPath] = useState(() => window.location.pathname);
  useEffect(() => {
    const onPopState = () => setPath(window.location.pathname);
    window.addEventListener('popstate', onPopState);
    return () => window.removeEventListener('popstate', onPopState);
  }, []);

  const route = resolveRoute(path);
  useEffect(() => {
    if (route.kind !== 'redirect') return;
    // Keep ?lang=… across the redirect.
    window.history.replaceState(null, '', `${route.to}${window.location.search}`);
    setPath(route.to);
  }, [route]);

  if (route.kind === 'wall') return <WallPage wallId={route.wallId} />;
  if (route.kind === 'oc-index') return <OcIndexPage />;
  // Keyed so moving to another sector starts a fresh page (its own live topics and readiness).
  if (route.kind === 'oc') return <OcPage key={route.sector} sector={route.sector} />;
  if (route.kind === 'redirect') return null;
  const page =
    route.kind === 'tablet' ? <TabletPage /> :
    route.kind === 'incidents' ? <IncidentsPage /> :
    route.kind === 'admin' ? <AdminPage /> :
    route.kind === 'login' ? <LoginPage /> :
    route.kind === 'wall-console' ? <WallConsolePage wallId={route.wallId} /> : null;
  if (page) return <Suspense fallback={<div className="page-message">…</div>}>{page}</Suspense>;
  return <NotFound path={path} />;
}

function NotFound({ path }: { path: string }) {
  return <div className="page-message">404 · {path}</div>;
}

// Sign in again from the httpOnly refresh cookie (kiosks and tablets stay signed in across
// reloads); API calls wait for this answer (auth/api-fetch.ts). The login page needs no session.
if (resolveRoute(window.location.pathname).kind !== 'login') void session.start();

const i18n = createI18n(langFromSearch(window.location.search));
document.documentElement.lang = i18n.lang;

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <I18nContext.Provider value={i18n}>
      <App />
      <ForbiddenNotice />
    </I18nContext.Provider>
  </StrictMode>,
);
