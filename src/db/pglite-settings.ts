// The embedded store's server settings, passed to PGlite as start parameters, and when it checkpoints.
// PGlite is one backend with no checkpointer: nothing checkpoints on time or on WAL size, and old WAL files
// go only at a checkpoint, so Kept runs them itself (wal-checkpoints.ts). max_wal_size and min_wal_size
// then decide how many WAL files a checkpoint keeps for reuse; PostgreSQL's server defaults (1 GB, 80 MB)
// would let the embedded store's data directory carry far more than it needs.

/**
 * - shared_buffers: PGlite keeps its buffers inside its WebAssembly heap, all resident from the start: the
 *   default 128 MB was a quarter of Kept's memory. 32 MB holds what the hot reads touch; pages beyond it are
 *   read from the data directory, which the OS caches outside the process. With a million open commitments
 *   the metrics, lists and ingest ran no slower with 32 MB (docs/performance.md).
 * - max_wal_size 64 MB and min_wal_size 32 MB: a checkpoint keeps between two and four 16 MB files for reuse
 *   (measured: 64 MB left after a checkpoint, where the WAL had grown to 128 MB).
 * - wal_compression: full-page images (the first change to a page after each checkpoint) are compressed,
 *   which more frequent checkpoints would otherwise make more of.
 */
export const pgliteSettings: readonly string[] = ['-c', 'shared_buffers=32MB', '-c', 'max_wal_size=64MB', '-c', 'min_wal_size=32MB', '-c', 'wal_compression=on'];

/**
 * Kept checkpoints the embedded store once this much WAL was written since the last checkpoint: what
 * PostgreSQL's checkpointer does at max_wal_size / (1 + checkpoint_completion_target), here 34 MB, about
 * 4,500 ingested events. A checkpoint writes at most the 32 MB of dirty buffers (about 60 ms measured).
 */
export const checkpointAfterWalBytes = 32 * 1024 * 1024;
