// What the multi-process ingest bench and its kept processes say to each other over IPC.

export interface WorkerReady {
  type: 'ready';
}
export interface WorkerIngested {
  type: 'ingested';
  events: number;
  millis: number;
  cpuMicros: number;
}
export interface WorkerTimersDone {
  type: 'timers-done';
  millis: number;
}
export type WorkerMessage = WorkerReady | WorkerIngested | WorkerTimersDone;
export type ParentMessage = { type: 'ingest' } | { type: 'timers'; to: string } | { type: 'stop' };

export const multiProcessStart = new Date('2026-11-01T08:00:00Z');
