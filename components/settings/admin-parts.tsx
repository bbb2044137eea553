'use client';

import { Check, Copy, LoaderCircle } from 'lucide-react';
import { useFormatter, useTranslations } from '../../lib/ui/intl';
import { useState } from 'react';
import type { CombinedError } from 'urql';
import { userError } from '../../lib/ui/gql';
import { Dialog } from '../ui/dialog';
import { primaryButton, secondaryButton } from '../ui/form';
import { FormProblem, useSubmit } from './form-parts';

export const dangerButton =
  'inline-flex items-center justify-center gap-1.5 rounded-md bg-red-600 px-3 py-1.5 text-[13px] font-medium text-white hover:bg-red-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-red-500 disabled:bg-slate-200 disabled:text-slate-500';
export const selectClass =
  'w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-[13px] text-slate-900 focus:border-brand-500 focus:ring-2 focus:ring-brand-100 focus:outline-none disabled:bg-slate-50';

export interface FormError {
  message: string;
  field: string | null;
}

/** The server's sentence and the field it is about, or a generic line for network and internal errors. */
export function formError(error: CombinedError | undefined, fallback: string, offline: string): FormError {
  const failure = userError(error);
  const field = error?.graphQLErrors[0]?.extensions?.field;
  return { message: failure?.message ?? (failure?.code === 'NETWORK' ? offline : fallback), field: typeof field === 'string' ? field : null };
}

/** A date and time in the reader's language and time zone; "never" when there is none. */
export function When({ value, never }: { value: string | null | undefined; never?: string }) {
  const format = useFormatter();
  if (!value) return <span className="text-slate-500">{never ?? '—'}</span>;
  return (
    <time dateTime={value} suppressHydrationWarning>
      {format.dateTime(new Date(value), { dateStyle: 'medium', timeStyle: 'short' })}
    </time>
  );
}

/** "Chrome on macOS" from a user agent; the raw string when it is something else. */
export function describeAgent(agent: string | null | undefined): string | null {
  if (!agent) return null;
  const browser = /Edg\//.test(agent)
    ? 'Edge'
    : /OPR\//.test(agent)
      ? 'Opera'
      : /Firefox\//.test(agent)
        ? 'Firefox'
        : /Chrom(e|ium)\//.test(agent)
          ? 'Chrome'
          : /Safari\//.test(agent)
            ? 'Safari'
            : null;
  const os = /iPhone|iPad/.test(agent)
    ? 'iOS'
    : /Android/.test(agent)
      ? 'Android'
      : /Mac OS X|Macintosh/.test(agent)
        ? 'macOS'
        : /Windows/.test(agent)
          ? 'Windows'
          : /Linux|X11/.test(agent)
            ? 'Linux'
            : null;
  if (browser && os) return `${browser} · ${os}`;
  return browser ?? os ?? agent.slice(0, 60);
}

/** Copies a secret shown once; says so for screen readers too. */
export function CopyButton({ value, testId }: { value: string; testId?: string }) {
  const t = useTranslations('settings.common');
  const [copied, setCopied] = useState(false);
  return (
    <button
      type="button"
      className={secondaryButton}
      onClick={async () => {
        try {
          await navigator.clipboard.writeText(value);
          setCopied(true);
        } catch {
          setCopied(false);
        }
      }}
      data-testid={testId}
    >
      {copied ? <Check className="size-3.5 text-emerald-600" aria-hidden /> : <Copy className="size-3.5" aria-hidden />}
      <span aria-live="polite">{copied ? t('copied') : t('copy')}</span>
    </button>
  );
}

/**
 * "Are you sure?" before revoking, deleting or deactivating: `run` does it and answers null when it
 * worked (having closed or updated what it needs) or the sentence to show when it did not.
 */
export function ConfirmDialog({
  title,
  description,
  labels,
  danger = true,
  testId,
  onClose,
  run,
}: {
  title: string;
  description: string;
  labels: { close: string; cancel: string; confirm: string };
  danger?: boolean;
  testId: { dialog: string; confirm: string; error?: string };
  onClose(): void;
  run(): Promise<string | null>;
}) {
  const { busy, error, submit: confirm } = useSubmit(run);

  return (
    <Dialog title={title} description={description} closeLabel={labels.close} onClose={onClose} testId={testId.dialog}>
      <FormProblem className="mb-3" testId={testId.error}>
        {error}
      </FormProblem>
      <div className="flex justify-end gap-2">
        <button type="button" onClick={onClose} className={secondaryButton} data-autofocus>
          {labels.cancel}
        </button>
        <button type="button" onClick={() => confirm()} disabled={busy} className={danger ? dangerButton : primaryButton} data-testid={testId.confirm}>
          {busy && <LoaderCircle className="size-3.5 animate-spin" aria-hidden />}
          {labels.confirm}
        </button>
      </div>
    </Dialog>
  );
}
