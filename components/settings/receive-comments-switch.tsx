'use client';

import { clsx } from 'clsx';
import { Check, LoaderCircle } from 'lucide-react';
import { useTranslations } from '../../lib/ui/intl';
import { useId, useState } from 'react';
import { capabilitiesOf } from '../../channels/capabilities';
import type { ChannelKind, ChannelSettingsFragment } from '../../graphql-client/graphql';
import { doc, userError, useClient } from '../../lib/ui/gql';
import { SetChannelReceiveCommentsMutation } from './queries';

/** Only platforms with posts (Facebook pages, Instagram accounts) have comments that can reach the inbox. */
export const hasPostComments = (kind: ChannelKind) => capabilitiesOf(kind).comments;

/** "Receive post comments in the chat feed": saved the moment it is flipped. */
export function ReceiveCommentsSwitch({ channel, onSaved }: { channel: ChannelSettingsFragment; onSaved(c: ChannelSettingsFragment): void }) {
  const t = useTranslations('settings.chats.comments');
  const client = useClient();
  const ids = { label: useId(), hint: useId() };
  const [on, setOn] = useState(channel.receiveComments);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const flip = async () => {
    if (busy) return;
    const enabled = !on;
    setOn(enabled);
    setBusy(true);
    setSaved(false);
    setError(null);
    const result = await client.mutation(doc(SetChannelReceiveCommentsMutation), { channelId: channel.id, enabled }).toPromise();
    setBusy(false);
    const updated = result.data?.setChannelReceiveComments;
    if (updated) {
      setOn(updated.receiveComments);
      onSaved(updated);
      setSaved(true);
      setTimeout(() => setSaved(false), 2500);
    } else {
      setOn(!enabled);
      const failure = userError(result.error);
      setError(failure?.message ?? (failure?.code === 'NETWORK' ? t('networkError') : t('saveError')));
    }
  };

  return (
    <div className="mt-3 border-t border-slate-100 pt-2.5" data-testid="receive-comments">
      <div className="flex items-start gap-2.5">
        <button
          type="button"
          role="switch"
          aria-checked={on}
          aria-labelledby={ids.label}
          aria-describedby={ids.hint}
          aria-busy={busy || undefined}
          onClick={flip}
          className={clsx(
            'relative mt-0.5 inline-flex h-4 w-7 shrink-0 items-center rounded-full transition-colors focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-500',
            on ? 'bg-brand-600' : 'bg-slate-300',
            busy && 'opacity-70',
          )}
          data-testid="receive-comments-switch"
          data-state={on ? 'on' : 'off'}
        >
          <span className={clsx('inline-block size-3 rounded-full bg-white shadow transition-transform', on ? 'translate-x-3.5' : 'translate-x-0.5')} aria-hidden />
        </button>
        <div className="min-w-0 flex-1">
          <span id={ids.label} className="flex items-center gap-2 text-[13px] font-medium text-slate-800">
            {t('label')}
            {busy && <LoaderCircle className="size-3 animate-spin text-slate-400" aria-hidden />}
            {saved && (
              <span role="status" className="flex items-center gap-1 text-[12px] font-normal text-emerald-700" data-testid="receive-comments-saved">
                <Check className="size-3.5" aria-hidden />
                {on ? t('savedOn') : t('savedOff')}
              </span>
            )}
          </span>
          <p id={ids.hint} className="text-[12px] text-slate-500">
            {t('hint')}
          </p>
          {error && (
            <p role="alert" className="mt-1 text-[12px] text-red-600" data-testid="receive-comments-error">
              {error}
            </p>
          )}
        </div>
      </div>
    </div>
  );
}
