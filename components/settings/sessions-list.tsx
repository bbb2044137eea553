'use client';

import { LoaderCircle, LogOut, Monitor } from 'lucide-react';
import { useTranslations } from '../../lib/ui/intl';
import { useState } from 'react';
import type { SessionFieldsFragment } from '../../graphql-client/graphql';
import { doc, useClient } from '../../lib/ui/gql';
import { ghostButton, secondaryButton } from '../ui/form';
import { dangerButton, describeAgent, formError, When } from './admin-parts';
import { RevokeSessionMutation } from './admin-queries';
import { FormProblem } from './form-parts';

type Session = SessionFieldsFragment;

/**
 * Signed-in browsers with when they started and were last seen; each can be signed out after a
 * confirmation. Signing out the current one leaves this page for the login.
 */
export function SessionsList({ sessions: initial, testId = 'sessions', onRevoked }: { sessions: Session[]; testId?: string; onRevoked?(sessionId: string): void }) {
  const t = useTranslations('settings.sessions');
  const client = useClient();
  const [sessions, setSessions] = useState(initial);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const revoke = async (session: Session) => {
    setBusy(true);
    setError(null);
    const result = await client.mutation(doc(RevokeSessionMutation), { sessionId: session.id }).toPromise();
    setBusy(false);
    setConfirming(null);
    if (!result.data?.revokeSession) return setError(formError(result.error, t('revokeError'), t('networkError')).message);
    if (session.current) window.location.assign('/login');
    else {
      setSessions((list) => list.filter((s) => s.id !== session.id));
      onRevoked?.(session.id);
    }
  };

  if (sessions.length === 0) {
    return (
      <p className="rounded-md border border-dashed border-slate-300 px-3 py-4 text-center text-slate-500" data-testid={`${testId}-empty`}>
        {t('empty')}
      </p>
    );
  }

  return (
    <div data-testid={testId}>
      <FormProblem className="mb-2">{error}</FormProblem>
      <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
        {sessions.map((session) => {
          const agent = describeAgent(session.userAgent) ?? t('unknownBrowser');
          return (
            <li key={session.id} className="flex flex-wrap items-center gap-x-3 gap-y-2 px-3 py-2.5" data-testid="session-row">
              <Monitor className="size-4 shrink-0 text-slate-400" aria-hidden />
              <div className="min-w-0 flex-1">
                <p className="flex min-w-0 items-center gap-2 font-medium text-slate-800" title={session.userAgent ?? undefined}>
                  <span className="truncate">{agent}</span>
                  {session.current && <span className="shrink-0 rounded bg-emerald-50 px-1.5 py-0.5 text-[11px] font-normal text-emerald-700">{t('current')}</span>}
                </p>
                <p className="text-[12px] text-slate-500">
                  {t('signedIn')} <When value={session.createdAt} /> · {t('lastSeen')} <When value={session.lastSeenAt} never={t('notYet')} />
                </p>
              </div>
              {confirming === session.id ? (
                <span className="flex items-center gap-1.5" role="group" aria-label={t('confirmLabel', { agent })}>
                  <button type="button" className={secondaryButton} onClick={() => setConfirming(null)} disabled={busy}>
                    {t('cancel')}
                  </button>
                  <button type="button" className={dangerButton} onClick={() => revoke(session)} disabled={busy} data-testid="session-revoke-confirm" autoFocus>
                    {busy && <LoaderCircle className="size-3.5 animate-spin" aria-hidden />}
                    {session.current ? t('confirmCurrent') : t('confirm')}
                  </button>
                </span>
              ) : (
                <button type="button" className={ghostButton} onClick={() => setConfirming(session.id)} aria-label={t('revokeLabel', { agent })} data-testid="session-revoke">
                  <LogOut className="size-3.5" aria-hidden />
                  {t('revoke')}
                </button>
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
