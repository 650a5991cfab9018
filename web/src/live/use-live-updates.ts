// Keeps what the console shows fresh: server-sent events invalidate the queries they touch.
import { useEffect } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { openStream } from '../api/stream';

export function useLiveUpdates(token: string | null): void {
  const client = useQueryClient();
  useEffect(() => {
    if (!token) return;
    return openStream(token, (event) => {
      const caseId = event.case_id;
      void client.invalidateQueries({ queryKey: ['cases'] });
      void client.invalidateQueries({ queryKey: ['reports'] });
      if (caseId) void client.invalidateQueries({ queryKey: ['case', caseId] });
      if (event.type === 'commitment.updated') void client.invalidateQueries({ queryKey: ['commitments'] });
      // Timelines are keyed by customer; a case event may add to any open one.
      void client.invalidateQueries({ queryKey: ['timeline'] });
    });
  }, [token, client]);
}
