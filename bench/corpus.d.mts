// Types of corpus.mjs for the tests that reuse its seeded events (test/streaming.e2e.test.ts).
/** A small, fast, seeded PRNG (mulberry32). */
export declare const prng: (seed: number) => () => number;
/** Generates articles until `claims` claims exist: the events an ingest would record, per article stream. */
export declare function articles(claims: number, seed?: number): Generator<{ stream: string; events: any[]; claims: number; articleId: string }>;
