/* The private PostgreSQL cluster of a suite: the same starter the benchmarks use. */
export { startPostgres, type RunningPostgres } from '../../scripts/postgres.ts';
