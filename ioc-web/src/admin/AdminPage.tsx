import { useEffect, useState } from 'react';
import { SessionBadge } from '../auth/SessionBadge';
import { useI18n } from '../i18n/i18n-context';
import type { MessageKey } from '../i18n';
import { SourcesTab } from './SourcesTab';
import { RulesTab } from './RulesTab';
import { KpisTab } from './KpisTab';
import { WallsTab } from './WallsTab';
import { GrantsTab } from './GrantsTab';
import { AuditTab } from './AuditTab';
import './admin.css';

const TABS = ['sources', 'rules', 'kpis', 'walls', 'grants', 'audit'] as const;
type Tab = (typeof TABS)[number];

function tabFromSearch(search: string): Tab {
  const t = new URLSearchParams(search).get('tab');
  return (TABS as readonly string[]).includes(t ?? '') ? (t as Tab) : 'sources';
}

/** `/admin`: sources, alert rules, KPI targets, wall layouts (`?tab=`). */
export default function AdminPage() {
  const { t } = useI18n();
  const [tab, setTab] = useState<Tab>(() => tabFromSearch(window.location.search));
  useEffect(() => {
    const onPop = () => setTab(tabFromSearch(window.location.search));
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);
  const open = (next: Tab) => {
    const params = new URLSearchParams(window.location.search);
    params.set('tab', next);
    window.history.pushState(null, '', `/admin?${params}`);
    setTab(next);
  };
  return (
    <div className="admin">
      <header className="admin-header">
        <h1>{t('admin.title')}</h1>
        <nav className="admin-tabs" role="tablist">
          {TABS.map((id) => (
            <button key={id} type="button" role="tab" aria-selected={tab === id} data-tab={id} className={`admin-tab${tab === id ? ' admin-tab--on' : ''}`} onClick={() => open(id)}>
              {t(`admin.tab.${id}` as MessageKey)}
            </button>
          ))}
        </nav>
        <SessionBadge />
      </header>
      <main className="admin-main">
        {tab === 'sources' && <SourcesTab />}
        {tab === 'rules' && <RulesTab />}
        {tab === 'kpis' && <KpisTab />}
        {tab === 'walls' && <WallsTab />}
        {tab === 'grants' && <GrantsTab />}
        {tab === 'audit' && <AuditTab />}
      </main>
    </div>
  );
}
