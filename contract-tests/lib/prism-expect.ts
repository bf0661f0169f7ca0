/**
 * Assertions of the Prism contract tests. Each compares an object that carries the operationId,
 * so a failure names the operation in its diff as well as in the test name.
 */
import { ApiError, type UploadStatus } from "@filestatus/core";
import { expect, it } from "vitest";
import { violations } from "./prism.ts";
import { operations, type Provider } from "./spec.ts";

interface Sent {
  error?: unknown;
  response: Response;
}

/**
 * Prism answered 2xx and listed no violation in `sl-violations`: none about the request, and none
 * about its own answer (Prism also checks the example it returns against the response schema).
 */
export async function expectAccepted(operationId: string, call: Promise<Sent>): Promise<void> {
  const { response } = await call;
  const { ok, status } = response;
  expect({ operationId, status, ok, violations: violations(response) }).toEqual({
    operationId,
    status,
    ok: true,
    violations: [],
  });
}

/**
 * Prism refused with `status`, and what it said matches `names`: its `sl-violations`, or the body
 * when the spec documents no such response and Prism generates an `application/problem+json` one.
 */
export async function expectRejected(
  operationId: string,
  call: Promise<Sent>,
  status: number,
  names: RegExp,
): Promise<void> {
  const { error, response } = await call;
  const said = [...violations(response).map((v) => v.message), JSON.stringify(error ?? null)];
  expect({ operationId, status: response.status, said }).toEqual({
    operationId,
    status,
    said: expect.arrayContaining([expect.stringMatching(names)]),
  });
}

/** Registers a test that `calls` has exactly one entry per operation of the provider's spec. */
export function expectCovers(
  provider: Provider,
  calls: readonly (readonly [string, unknown])[],
): void {
  it(`calls every operation of specs/${provider}.yaml`, () => {
    const ids = (list: string[]) => [...list].sort();
    expect(ids(calls.map(([id]) => id))).toEqual(
      ids(operations(provider).map((o) => o.operationId)),
    );
  });
}

const KNOWN_STATES = ["queued", "processing", "complete", "failed", "deleted"];

/** A normalised status: the provider, a non-empty id, a documented state and the raw object. */
export function expectWellFormed(provider: Provider, status: UploadStatus): void {
  expect(status).toMatchObject({
    provider,
    id: expect.stringMatching(/\S/),
    raw: expect.any(Object),
  });
  expect(KNOWN_STATES, `${provider} upload ${status.id}: state`).toContain(status.state);
  if (status.progress !== undefined) expect(status.progress).toBeGreaterThanOrEqual(0);
  if (status.createdAt !== undefined)
    expect(Number.isNaN(Date.parse(status.createdAt))).toBe(false);
}

/** `call` rejects with an ApiError carrying the HTTP status and the provider's message. */
export async function expectApiError(
  call: Promise<unknown>,
  status: number,
  message: string,
): Promise<void> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(ApiError.is(error), `expected an ApiError, got ${String(error)}`).toBe(true);
  expect(error).toMatchObject({ status, providerMessage: message });
}

/** The first item of an async iterable; breaking out stops any further page requests. */
export async function first<T>(items: AsyncIterable<T>): Promise<T> {
  for await (const item of items) return item;
  throw new Error("no items");
}
