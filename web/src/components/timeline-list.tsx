// A customer's timeline; entries from other cases of the same customer are dimmed.
import type { TimelineItem } from '../api/types';
import { formatTime } from '../lib/format';
import { describeTimelineItem } from '../lib/timeline';

export function TimelineList({ items, caseId }: { items: TimelineItem[]; caseId?: string }) {
  if (items.length === 0) return <p className="muted">Nothing has happened yet.</p>;
  return (
    <ol className="timeline">
      {items.map((item, index) => {
        const { title, detail } = describeTimelineItem(item);
        const other = caseId !== undefined && item.case_id != null && item.case_id !== caseId;
        return (
          <li key={`${item.at}-${index}`} className={`tl tl-${item.type}${other ? ' tl-other' : ''}`}>
            <time dateTime={item.at}>{formatTime(item.at)}</time>
            <span className="tl-title">{title}</span>
            {other && <span className="muted"> (another case)</span>}
            {detail && <p className="tl-detail">{detail}</p>}
          </li>
        );
      })}
    </ol>
  );
}
