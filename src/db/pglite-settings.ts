// The embedded store's server settings, passed to PGlite as start parameters. PGlite is one process with no
// checkpointer: a checkpoint runs inside the writing statement when the WAL reaches max_wal_size, and only
// then are old WAL files recycled or removed. PostgreSQL's defaults (max_wal_size 1 GB, min_wal_size 80 MB)
// suit a server; they let the embedded store's data directory carry up to a gigabyte of WAL.

/**
 * - shared_buffers: PGlite keeps its buffers inside its WebAssembly heap, all resident from the start: the
 *   default 128 MB was a quarter of Kept's memory. 32 MB holds what the hot reads touch; pages beyond it are
 *   read from the data directory, which the OS caches outside the process. With a million open commitments
 *   the metrics, lists and ingest ran no slower with 32 MB (docs/performance.md).
 * - max_wal_size 64 MB: PostgreSQL checkpoints after about max_wal_size / (1 + checkpoint_completion_target)
 *   of WAL, here 34 MB (some 4,500 ingested events), and then drops the older files, so the WAL on disk stays
 *   under about 64 MB instead of growing towards a gigabyte; each checkpoint writes at most the 32 MB of
 *   dirty buffers.
 * - min_wal_size 32 MB: two 16 MB files are kept for reuse, the least PostgreSQL allows.
 * - wal_compression: full-page images (the first change to a page after each checkpoint) are compressed,
 *   which more frequent checkpoints would otherwise make more of.
 */
export const pgliteSettings: readonly string[] = ['-c', 'shared_buffers=32MB', '-c', 'max_wal_size=64MB', '-c', 'min_wal_size=32MB', '-c', 'wal_compression=on'];
