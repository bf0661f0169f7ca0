import { describe, expect, it } from "vitest";
import { paginate, type Page } from "../src/index.ts";

const unexpected = (reason: string) => new Error(`unexpected response: ${reason}`);
const item = (id: number) => ({ id });

/** Counts requests, and ends a walk that would otherwise never stop. */
function counter() {
  let requests = 0;
  return {
    request: () => {
      if (++requests > 50) throw new Error("fetched 50 pages: the walk never stops");
    },
    count: () => requests,
  };
}

async function collect<T>(pages: AsyncIterable<T>): Promise<{ items: T[]; error?: unknown }> {
  const items: T[] = [];
  try {
    for await (const x of pages) items.push(x);
    return { items };
  } catch (error) {
    return { items, error };
  }
}

describe("paginate", () => {
  it("fetches a page only when the consumer needs it, and none after a break", async () => {
    const fetched: number[] = [];
    const pages = paginate(1, async (page: number) => {
      fetched.push(page);
      return {
        items: [item(page * 10), item(page * 10 + 1)],
        next: page < 5 ? page + 1 : undefined,
        unexpected,
      };
    });
    const seen: number[] = [];
    for await (const { id } of pages) {
      seen.push(id);
      if (id === 21) break;
    }
    expect(seen).toEqual([10, 11, 20, 21]);
    expect(fetched).toEqual([1, 2]);
  });

  it("stops after the last page and after maxPages", async () => {
    const page = async (p: number) => ({
      items: [item(p)],
      next: p < 2 ? p + 1 : undefined,
      unexpected,
    });
    expect((await collect(paginate(0, page))).items).toEqual([item(0), item(1), item(2)]);
    const endless = async (p: number) => ({ items: [item(p)], next: p + 1, unexpected });
    expect((await collect(paginate(0, endless, { maxPages: 3 }))).items).toHaveLength(3);
  });

  it("stops with the page's error when next names a page already fetched", async () => {
    const requests = counter();
    const pages = paginate(1, async (p: number): Promise<Page<{ id: number }, number>> => {
      requests.request();
      return { items: [item(requests.count())], next: p, unexpected }; // `next` never moves on
    });
    const { items, error } = await collect(pages);
    expect(items).toEqual([item(1)]);
    expect((error as Error).message).toBe(
      "unexpected response: the next page (1) was already fetched",
    );
    expect(requests.count()).toBe(1);
  });

  it("stops when a page repeats the previous page's items (a server ignoring the page number)", async () => {
    const requests = counter();
    const pages = paginate(1, async (p: number) => {
      requests.request();
      return { items: [item(1), item(2)], next: p + 1, unexpected }; // "10,000 pages in all"
    });
    const { items, error } = await collect(pages);
    expect(items).toEqual([item(1), item(2)]);
    expect((error as Error).message).toBe(
      "unexpected response: the page repeats the previous page's items",
    );
    expect(requests.count()).toBe(2);
  });

  it("stops when an empty page says there is a next page", async () => {
    const requests = counter();
    const pages = paginate(0, async (skip: number) => {
      requests.request();
      return { items: skip === 0 ? [item(1)] : [], next: skip + 1, unexpected };
    });
    const { items, error } = await collect(pages);
    expect(items).toEqual([item(1)]);
    expect((error as Error).message).toBe(
      "unexpected response: an empty page says there is a next page",
    );
    expect(requests.count()).toBe(2);
  });

  it("tells items apart with key, when they have no id", async () => {
    const pages = paginate(
      1,
      async (p: number) => ({ items: [`a${p}`, "b"], next: p < 3 ? p + 1 : undefined, unexpected }),
      { key: (s) => s },
    );
    expect((await collect(pages)).items).toEqual(["a1", "b", "a2", "b", "a3", "b"]);
  });
});
