/**
 * Sizes and the seed of the reliability suite. The CI slice (npm test) is small and fixed-seed;
 * `npm run reliability` runs the long version. PLINTH_FUZZ_SEED replays another seed.
 */
export const CI_SEED = Number(process.env.PLINTH_FUZZ_SEED ?? 11_2024);

export const CI = {
  /** Per database: the sweep (every operation × every mutation, ~1,700) plus random requests up to this. */
  fuzzRequests: 2_200,
  fuzzConcurrency: 6,
  killCycles: 2,
  killLoadMs: 600,
  pgRestarts: 3,
  raceNames: 20,
  deleteRounds: 10,
};

export const LONG = {
  fuzzRequests: 100_000,
  fuzzConcurrency: 8,
  killCycles: 10,
  pgRestarts: 30,
  raceNames: 200,
  deleteRounds: 100,
};
