// The reply composer: free text or a template, a live preview with its findings, and the override.
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { sendReply } from '../api/cases';
import type { Finding, ReplyContent, ReplyResult } from '../api/types';
import { FindingsPanel } from '../components/findings-panel';
import { PromisesList } from '../components/promises-list';
import { ErrorNote } from '../components/query-state';
import { buildReply, overrideState } from '../lib/findings';
import { useDebounced } from '../lib/use-debounced';
import { channelLook } from '../lib/channels';
import { reasonOptions } from '../lib/reason-options';
import { queryKeys, replyPreviewQuery, settingsQuery, templatesQuery } from '../api/queries';

/** `draft` (a suggested reply the agent chose) replaces the text; `at` tells one choice from the next. */
export function Composer({ caseId, authorId, channels, draft }: { caseId: string; authorId: string; channels: string[]; draft?: { body: string; at: number } | null }) {
  const client = useQueryClient();
  const templates = useQuery(templatesQuery());
  const [templateName, setTemplateName] = useState('');
  const [vars, setVars] = useState<Record<string, string>>({});
  const [body, setBody] = useState('');
  const [channel, setChannel] = useState('');
  const [held, setHeld] = useState<Finding[]>([]);
  const [overridden, setOverridden] = useState<string[]>([]);
  const [note, setNote] = useState('');
  const [sent, setSent] = useState<Extract<ReplyResult, { status: 'sent' }> | null>(null);

  useEffect(() => {
    if (!draft) return;
    setTemplateName('');
    setVars({});
    setBody(draft.body);
    setHeld([]);
    setOverridden([]);
    setSent(null);
  }, [draft]);

  const template = templates.data?.find((t) => t.name === templateName);
  const content: ReplyContent | null = useMemo(() => {
    if (template) return { template: template.name, vars };
    return body.trim() ? { body } : null;
  }, [template, vars, body]);
  const settled = useDebounced(content);

  const preview = useQuery(replyPreviewQuery(caseId, settled));

  // Any edit makes an earlier hold stale: the next send is checked afresh.
  function edited() {
    setHeld([]);
    setOverridden([]);
    setSent(null);
  }

  const send = useMutation({
    mutationFn: (reply: ReplyContent) => sendReply(caseId, buildReply({ authorId, content: reply, channel: channel || undefined, held, overridden, note })),
    onSuccess: (result) => {
      if (result.status === 'held') {
        setHeld(result.findings);
        setOverridden((codes) => codes.filter((code) => result.findings.some((f) => f.code === code)));
        return;
      }
      setSent(result);
      setHeld([]);
      setOverridden([]);
      setNote('');
      setBody('');
      setVars({});
      setTemplateName('');
      void client.invalidateQueries({ queryKey: queryKeys.case(caseId) });
      void client.invalidateQueries({ queryKey: queryKeys.timeline });
      void client.invalidateQueries({ queryKey: queryKeys.cases });
    },
  });

  const gate = overrideState({ held, overridden, note });
  const isHeld = held.length > 0;

  function submit(event: FormEvent) {
    event.preventDefault();
    if (content && gate.canSend) send.mutate(content);
  }

  return (
    <form className="composer" onSubmit={submit} aria-labelledby="composer-title">
      <h3 id="composer-title">Reply</h3>
      <div className="row">
        <label htmlFor="template-picker">Template</label>
        <select
          id="template-picker"
          value={templateName}
          onChange={(e) => {
            setTemplateName(e.target.value);
            setVars({});
            edited();
          }}
        >
          <option value="">Free text</option>
          {templates.data?.map((t) => (
            <option key={t.name} value={t.name}>
              {t.name} ({t.channel})
            </option>
          ))}
        </select>
        <label htmlFor="reply-channel">Channel</label>
        <select id="reply-channel" value={channel} onChange={(e) => setChannel(e.target.value)}>
          <option value="">Case default</option>
          {channels.map((c) => (
            <option key={c} value={c}>
              {channelLook(c).name}
            </option>
          ))}
        </select>
      </div>
      {template ? (
        <fieldset className="vars">
          <legend>Values for {template.name}</legend>
          {template.vars.length === 0 && <p className="muted">This template takes no values.</p>}
          {template.vars.map((v) => (
            <div key={v.name} className="var">
              <label htmlFor={`var-${v.name}`}>
                {v.name} <span className="muted">({v.kind})</span>
              </label>
              <VarInput
                id={`var-${v.name}`}
                kind={v.kind}
                value={vars[v.name] ?? ''}
                onChange={(value) => {
                  setVars({ ...vars, [v.name]: value });
                  edited();
                }}
              />
            </div>
          ))}
        </fieldset>
      ) : (
        <>
          <label htmlFor="reply-body">Message</label>
          <textarea
            id="reply-body"
            rows={6}
            value={body}
            onChange={(e) => {
              setBody(e.target.value);
              edited();
            }}
          />
        </>
      )}

      {preview.data && (
        <section className="preview" aria-label="Preview" aria-live="polite">
          <h4>Preview</h4>
          <pre>{preview.data.rendered}</pre>
          {!isHeld && <FindingsPanel findings={preview.data.findings} title="Checks would hold this reply" held={false} />}
          <PromisesList promises={preview.data.promises} title="This reply promises" />
        </section>
      )}
      {preview.isError && <ErrorNote error={preview.error} />}

      {isHeld && (
        <div className="held">
          <FindingsPanel findings={held} title="Reply held — nothing was sent" held />
          <fieldset>
            <legend>Override and send anyway</legend>
            {[...new Set(held.map((f) => f.code))].map((code) => (
              <label key={code} className="check">
                <input type="checkbox" checked={overridden.includes(code)} onChange={(e) => setOverridden(e.target.checked ? [...overridden, code] : overridden.filter((c) => c !== code))} />
                Override <code>{code}</code>
              </label>
            ))}
            <label htmlFor="override-note">Why (recorded with your name)</label>
            <textarea id="override-note" rows={2} value={note} onChange={(e) => setNote(e.target.value)} />
            {!gate.canSend && (
              <p className="muted">
                {gate.missing.length > 0 ? `Tick ${gate.missing.join(', ')} to override. ` : ''}
                {gate.noteMissing ? 'A note is required.' : ''}
              </p>
            )}
          </fieldset>
        </div>
      )}

      {send.isError && <ErrorNote error={send.error} />}
      <div className="row">
        <button type="submit" className="primary" disabled={!content || !gate.canSend || send.isPending}>
          {send.isPending ? 'Sending…' : isHeld ? 'Send with override' : 'Send reply'}
        </button>
      </div>
      {sent && (
        <div className="sent" role="status">
          <p>Reply sent.</p>
          <PromisesList
            promises={sent.promises}
            opened={sent.commitments_opened}
            title="Promises this reply made"
            onChanged={() => {
              void client.invalidateQueries({ queryKey: queryKeys.case(caseId) });
              void client.invalidateQueries({ queryKey: queryKeys.timeline });
            }}
          />
        </div>
      )}
    </form>
  );
}

/** A template value: a Reason is picked from the catalog (its code), anything else is typed. */
function VarInput({ id, kind, value, onChange }: { id: string; kind: string; value: string; onChange: (value: string) => void }) {
  const settings = useQuery({ ...settingsQuery(), enabled: kind === 'Reason' });
  if (kind !== 'Reason') return <input id={id} value={value} onChange={(e) => onChange(e.target.value)} />;
  return (
    <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">Choose a reason…</option>
      {reasonOptions(settings.data?.reasons).map((r) => (
        <option key={r.code} value={r.code}>
          {r.code} — {r.customerText}
        </option>
      ))}
    </select>
  );
}
