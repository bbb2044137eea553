'use client';

import { useTranslations } from '../../lib/ui/intl';
import { useEffect, useRef, useState, type FormEvent } from 'react';

export type SignInProblem = { kind: 'invalid'; retryAfter?: number } | { kind: 'throttled'; retryAfter: number } | { kind: 'unreachable' };

interface Props {
  next: string;
  /** The e-mail typed before a failed sign-in (the form without JavaScript comes back with it). */
  initialEmail: string;
  initialProblem: SignInProblem | null;
}

/**
 * Signs in without leaving the page: a failure keeps the e-mail, clears the password, and says
 * what went wrong in an alert that screen readers announce. Without JavaScript the same form posts
 * to the same route and comes back to this page.
 */
export function SignInForm({ next, initialEmail, initialProblem }: Props) {
  const t = useTranslations('login');
  const [email, setEmail] = useState(initialEmail);
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState(initialProblem);
  // a new key per answer: the alert is announced again even when the sentence is the same
  const [answers, setAnswers] = useState(0);
  const [busy, setBusy] = useState(false);
  const [waitUntil, setWaitUntil] = useState(0);
  const emailRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    (initialEmail ? passwordRef : emailRef).current?.focus();
  }, [initialEmail]);

  useEffect(() => {
    const wait = problem && 'retryAfter' in problem ? (problem.retryAfter ?? 0) : 0;
    if (wait <= 0) return;
    setWaitUntil(Date.now() + wait * 1000);
    const timer = setTimeout(() => setWaitUntil(0), wait * 1000);
    return () => clearTimeout(timer);
  }, [problem, answers]);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    let answer: SignInProblem;
    try {
      const res = await fetch('/api/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ email, password, next }),
      });
      const body = (await res.json().catch(() => null)) as { redirect?: string; error?: { retryAfter?: number } } | null;
      if (res.ok && body?.redirect) {
        window.location.assign(body.redirect);
        return;
      }
      const retryAfter = body?.error?.retryAfter ?? (Number(res.headers.get('retry-after')) || undefined);
      if (res.status === 429) answer = { kind: 'throttled', retryAfter: retryAfter ?? 1 };
      else if (res.status === 401) answer = { kind: 'invalid', retryAfter };
      else answer = { kind: 'unreachable' };
    } catch {
      answer = { kind: 'unreachable' };
    }
    setBusy(false);
    setPassword('');
    setProblem(answer);
    setAnswers((n) => n + 1);
    passwordRef.current?.focus();
  }

  const waiting = waitUntil > 0;
  const invalid = problem?.kind === 'invalid';
  const fields = [
    { name: 'email', ref: emailRef, value: email, set: setEmail, autoComplete: 'username' },
    { name: 'password', ref: passwordRef, value: password, set: setPassword, autoComplete: 'current-password' },
  ] as const;
  return (
    <form method="post" action="/api/auth/login" onSubmit={submit} className="w-full max-w-sm space-y-4 rounded-xl border border-slate-200 bg-white p-8 shadow-sm">
      <h1 className="text-xl font-semibold">{t('title')}</h1>
      <div role="alert" aria-atomic="true" id="sign-in-problem">
        {problem && (
          <p key={answers} className="rounded-md bg-red-50 p-3 text-red-700" data-testid="sign-in-problem">
            {describe(problem)}
          </p>
        )}
      </div>
      <input type="hidden" name="next" value={next} />
      {fields.map((field) => (
        <label key={field.name} className="block space-y-1">
          <span className="font-medium">{t(field.name)}</span>
          <input
            ref={field.ref}
            name={field.name}
            type={field.name}
            required
            autoComplete={field.autoComplete}
            value={field.value}
            onChange={(e) => field.set(e.target.value)}
            aria-invalid={invalid || undefined}
            aria-describedby={problem ? 'sign-in-problem' : undefined}
            className="w-full rounded-md border border-slate-300 px-3 py-2 focus:border-brand-500 focus:outline-none focus:ring-2 focus:ring-brand-100"
          />
        </label>
      ))}
      <button
        type="submit"
        disabled={busy || waiting}
        className="w-full rounded-md bg-brand-600 px-3 py-2 font-medium text-white hover:bg-brand-700 focus:outline-none focus:ring-2 focus:ring-brand-100 disabled:cursor-not-allowed disabled:opacity-60"
      >
        {t('submit')}
      </button>
    </form>
  );

  function describe(p: SignInProblem): string {
    if (p.kind === 'unreachable') return t('unreachable');
    const wait = p.retryAfter ? duration(p.retryAfter) : null;
    if (p.kind === 'throttled') return t('throttled', { wait: wait ?? duration(1) });
    return wait ? t('errorWait', { wait }) : t('error');
  }

  function duration(seconds: number): string {
    return seconds >= 120 ? t('minutes', { count: Math.ceil(seconds / 60) }) : t('seconds', { count: seconds });
  }
}
