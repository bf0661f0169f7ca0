/**
 * Runs a round trip for every list at once and checks each result against what the list's
 * addresses must give: the scenario behind the ZeroBounce scale test and the bench's section.
 */
import type { Clock } from "./types.ts";
import { csvRows, type ManyList } from "./many-lists.ts";

/** What one round trip gave: its final state and its results body. */
export interface RoundTripResult {
  state: string;
  results: Response;
}

export interface ListOutcome {
  name: string;
  /** The upload's final state, when the round trip resolved. */
  state?: string;
  /** The results file held exactly the expected rows. */
  correct: boolean;
  /** Why it did not resolve (the error's message), if it did not. */
  error?: string;
}

export interface ManyRoundTrips {
  outcomes: ListOutcome[];
  /** Wall-clock milliseconds from the first send to the last result read. */
  realMs: number;
  /** The same span on `clock`. */
  clockMs: number;
}

async function roundTrip(
  list: ManyList,
  send: (list: ManyList) => Promise<RoundTripResult>,
): Promise<ListOutcome> {
  try {
    const { state, results } = await send(list);
    const rows = csvRows(await results.text());
    return {
      name: list.name,
      state,
      correct: JSON.stringify(rows) === JSON.stringify(list.expected),
    };
  } catch (error) {
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return { name: list.name, correct: false, error: message };
  }
}

/** Sends every list at once with `send`, reads every result whole, and says which were right. */
export async function runManyRoundTrips(
  lists: readonly ManyList[],
  clock: Clock,
  send: (list: ManyList) => Promise<RoundTripResult>,
): Promise<ManyRoundTrips> {
  const real = performance.now();
  const started = clock.now();
  const outcomes = await Promise.all(lists.map((list) => roundTrip(list, send)));
  return { outcomes, realMs: performance.now() - real, clockMs: clock.now() - started };
}
