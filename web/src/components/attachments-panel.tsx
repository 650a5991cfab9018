// The files customers emailed on this case: each can be downloaded, and, while the case's claim still waits
// for a document, accepted as that document (it becomes received and keeps its commitment).
import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { acceptAttachmentAsDocument, downloadAttachment } from '../api/attachments';
import type { CaseAttachment, CaseDetail } from '../api/types';
import { ErrorNote } from './query-state';
import { queryKeys } from '../api/queries';

function sizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

export function AttachmentsPanel({ c }: { c: CaseDetail }) {
  const attachments = c.attachments ?? [];
  if (attachments.length === 0) return null;
  const waiting = c.documents.filter((d) => d.state === 'requested');
  return (
    <section aria-labelledby="attachments-title">
      <h2 id="attachments-title">Attachments</h2>
      <ul className="attachments">
        {attachments.map((a) => (
          <AttachmentItem key={a.id} caseId={c.id} attachment={a} waiting={waiting} />
        ))}
      </ul>
    </section>
  );
}

function AttachmentItem({ caseId, attachment, waiting }: { caseId: string; attachment: CaseAttachment; waiting: CaseDetail['documents'] }) {
  const client = useQueryClient();
  const [failed, setFailed] = useState<Error | null>(null);
  const accept = useMutation({
    mutationFn: (documentId: string) => acceptAttachmentAsDocument(caseId, documentId, attachment.id),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: queryKeys.case(caseId) });
      void client.invalidateQueries({ queryKey: queryKeys.timeline });
    },
  });
  const download = () => {
    setFailed(null);
    downloadAttachment(attachment.id, attachment.filename).catch((error: unknown) => setFailed(error instanceof Error ? error : new Error(String(error))));
  };
  return (
    <li>
      {attachment.stored ? (
        <button type="button" className="link" onClick={download}>
          {attachment.filename}
        </button>
      ) : (
        <span>{attachment.filename}</span>
      )}
      <span className="muted">
        {' '}
        {attachment.content_type}, {sizeText(attachment.size)}
        {!attachment.stored && ' — too large to keep; the customer was asked to send it smaller'}
      </span>
      {attachment.stored &&
        waiting.map((d) => (
          <button key={d.id} type="button" disabled={accept.isPending} onClick={() => accept.mutate(d.id)}>
            Accept as {d.kind}
          </button>
        ))}
      {accept.isError && <ErrorNote error={accept.error} />}
      {failed && <ErrorNote error={failed} />}
    </li>
  );
}
