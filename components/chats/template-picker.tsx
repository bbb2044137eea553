'use client';

import { useTranslations } from '../../lib/ui/intl';
import { useEffect, useId, useMemo, useState } from 'react';
import type { MessageTemplateFieldsFragment as TemplateFragment, TemplateInput } from '../../graphql-client/graphql';
// written in templates.graphql
import { ChatTemplatesDocument as ChatTemplatesQuery } from '../../graphql-client/inbox/graphql';
import { doc, useClient } from '../../lib/ui/gql';
import { inputClass, labelClass } from '../ui/form';
import { Select } from '../ui/select';

type Template = TemplateFragment;

const PLACEHOLDER = /\{\{\s*(\d+)\s*\}\}/g;

/** The distinct placeholder numbers of a body, ascending: "{{2}} {{1}} {{1}}" → [1, 2]. */
export function placeholders(body: string | null | undefined): number[] {
  if (!body) return [];
  const seen = new Set<number>();
  for (const match of body.matchAll(PLACEHOLDER)) seen.add(Number(match[1]));
  return [...seen].sort((a, b) => a - b);
}

/** The body with each {{n}} replaced by its value; empty values stay visible as {{n}}. */
export function fillTemplate(body: string, params: string[]): string {
  const numbers = placeholders(body);
  return body.replace(PLACEHOLDER, (whole, n: string) => {
    const value = params[numbers.indexOf(Number(n))];
    return value && value.trim() ? value : whole;
  });
}

const keyOf = (t: Template) => `${t.name}\u0000${t.language}`;

/** Which template and which values; `input` is null until a template is chosen and every placeholder filled. */
export function useTemplateChoice(templates: Template[] | null) {
  const [key, setKey] = useState('');
  const [params, setParams] = useState<string[]>([]);
  const template = useMemo(() => templates?.find((t) => keyOf(t) === key) ?? null, [templates, key]);
  const numbers = useMemo(() => placeholders(template?.body), [template]);
  const complete = template !== null && numbers.every((_, i) => (params[i] ?? '').trim().length > 0);
  const input: TemplateInput | null = template && complete ? { name: template.name, language: template.language, params: numbers.map((_, i) => params[i]!.trim()) } : null;
  return {
    key,
    select(next: string) {
      setKey(next);
      setParams([]);
    },
    params,
    setParam(index: number, value: string) {
      setParams((list) => {
        const next = [...list];
        next[index] = value;
        return next;
      });
    },
    reset() {
      setKey('');
      setParams([]);
    },
    template,
    numbers,
    input,
  };
}

export type TemplateChoice = ReturnType<typeof useTemplateChoice>;

/** Loads a chat's channel templates (WhatsApp fetches them from Meta, so only when needed). */
export function useChatTemplates(chatId: string, enabled: boolean): { templates: Template[] | null; failed: boolean } {
  const client = useClient();
  const [state, setState] = useState<{ chatId: string; templates: Template[] | null; failed: boolean } | null>(null);
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    void client
      .query(doc(ChatTemplatesQuery), { id: chatId }, { requestPolicy: 'network-only' })
      .toPromise()
      .then((result) => {
        if (!live) return;
        const templates = result.data?.chat?.channel.templates ?? null;
        setState({ chatId, templates: templates ?? [], failed: templates === null });
      });
    return () => {
      live = false;
    };
  }, [client, chatId, enabled]);
  if (!state || state.chatId !== chatId) return { templates: null, failed: false };
  return { templates: state.templates, failed: state.failed };
}

/** Template select, one field per placeholder and a live preview. */
export function TemplateFields({ templates, choice, disabled }: { templates: Template[] | null; choice: TemplateChoice; disabled?: boolean }) {
  const t = useTranslations('templates');
  const selectId = useId();
  const paramId = useId();

  if (templates === null) return <p className="text-[12.5px] text-slate-500">{t('loading')}</p>;
  if (templates.length === 0)
    return (
      <p className="text-[12.5px] text-slate-600" data-testid="templates-empty">
        {t('empty')}
      </p>
    );

  const { template, numbers } = choice;
  return (
    <div className="space-y-2" data-testid="template-picker">
      <div>
        <label htmlFor={selectId} className={labelClass}>
          {t('label')}
        </label>
        <Select
          id={selectId}
          value={choice.key}
          disabled={disabled}
          onChange={(key) => choice.select(key)}
          placeholder={t('placeholder')}
          options={templates.map((tpl) => ({ value: keyOf(tpl), label: t('option', { name: tpl.name, language: tpl.language }), hint: tpl.category ?? undefined }))}
          className="w-full"
          testId="template-select"
        />
      </div>
      {template && numbers.length > 0 && (
        <div className="grid gap-2 sm:grid-cols-2">
          {numbers.map((n, i) => (
            <div key={n}>
              <label htmlFor={`${paramId}-${n}`} className={labelClass}>
                {t('param', { n: String(n) })}
              </label>
              <input
                id={`${paramId}-${n}`}
                value={choice.params[i] ?? ''}
                disabled={disabled}
                onChange={(e) => choice.setParam(i, e.target.value)}
                autoComplete="off"
                className={inputClass}
                data-testid="template-param"
              />
            </div>
          ))}
        </div>
      )}
      {template && (
        <div>
          <p className={labelClass}>{t('preview')}</p>
          <p className="rounded-md border border-slate-200 bg-white px-3 py-2 text-[13px] whitespace-pre-wrap text-slate-800" data-testid="template-preview" aria-live="polite">
            {template.body ? fillTemplate(template.body, choice.params) : <span className="text-slate-500">{t('noBody')}</span>}
          </p>
        </div>
      )}
    </div>
  );
}
