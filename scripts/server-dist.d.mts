// Types of server-dist.mjs, for the tests and benches that import it.
export declare const root: string;
export declare const srcDir: string;
export declare const distDir: string;
export declare const distEntry: string;
export declare const stampFile: string;
export declare function listServerSources(): string[];
export declare function describeSources(sources?: string[]): { count: number; newestMtimeMs: number };
export declare function distIsFresh(): boolean;
