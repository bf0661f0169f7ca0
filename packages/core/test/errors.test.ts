import { describe, expect, it } from "vitest";
import { ApiError, ConnectionError, providerMessage, UploadNotFoundError } from "../src/index.ts";

const init = { provider: "zerobounce", method: "GET", url: "https://h/v2/filestatus?api_key=***" };

describe("ApiError", () => {
  it("names provider, status, method, URL and the provider's message", () => {
    const error = new ApiError({ ...init, status: 400, providerMessage: "file_id is invalid." });
    expect(error.message).toBe(
      "zerobounce: HTTP 400 from GET https://h/v2/filestatus?api_key=***: file_id is invalid.",
    );
    expect(error.name).toBe("ApiError");
    expect(error).toBeInstanceOf(Error);
  });

  it("serialises to JSON with its fields", () => {
    const error = new ApiError({ ...init, status: 429, body: { success: false }, requestId: "r1" });
    expect(JSON.parse(JSON.stringify(error))).toMatchObject({
      name: "ApiError",
      status: 429,
      requestId: "r1",
    });
  });

  it("is recognised by a brand, across copies of the class, not by instanceof", () => {
    const error = new ApiError({ ...init, status: 500 });
    const foreign = Object.assign(Object.create(null), {
      [Symbol.for("@filestatus/core/error")]: "ApiError",
    });
    expect(ApiError.is(error)).toBe(true);
    expect(ApiError.is(foreign)).toBe(true);
    expect(ApiError.is(new Error("x"))).toBe(false);
    expect(ConnectionError.is(error)).toBe(false);
    expect(ApiError.is(null)).toBe(false);
  });
});

describe("providerMessage", () => {
  it.each([
    [
      "ZeroBounce message string",
      { success: false, message: "file_id is invalid." },
      "file_id is invalid.",
    ],
    ["ZeroBounce message array", { success: false, message: ["a", "b"] }, "a; b"],
    ["ZeroBounce error_message", { success: false, error_message: "bad key" }, "bad key"],
    [
      "HighLevel 422 array",
      { statusCode: 422, message: ["Unprocessable Entity"] },
      "Unprocessable Entity",
    ],
    ["SanitizeEmail detail", { detail: "Invalid API key." }, "Invalid API key."],
    [
      "Constant Contact error list",
      [
        { error_key: "k1", error_message: "one" },
        { error_key: "k2", error_message: "two" },
      ],
      "one; two",
    ],
    ["a short text body", "  Bad Gateway  ", "Bad Gateway"],
    ["nothing usable", { statusCode: 500 }, undefined],
  ])("%s", (_, body, expected) => {
    expect(providerMessage(body)).toBe(expected);
  });
});

describe("providerMessage, field errors", () => {
  it("reads Django REST framework field errors (SanitizeEmail 400)", () => {
    expect(
      providerMessage({
        file_tag: ['Select a valid choice. "x" is not one of the available choices.'],
      }),
    ).toBe('file_tag: Select a valid choice. "x" is not one of the available choices.');
  });
});

describe("UploadNotFoundError", () => {
  it("names the provider and the id, with no HTTP status the server did not send", () => {
    const error = new UploadNotFoundError({
      provider: "highlevel",
      id: "b",
      detail: "is not among the location's latest 1000 uploads",
    });
    expect(error.message).toBe(
      "highlevel: upload b is not among the location's latest 1000 uploads",
    );
    expect(error).toMatchObject({ name: "UploadNotFoundError", provider: "highlevel", id: "b" });
    expect(error).not.toHaveProperty("status");
    expect(new UploadNotFoundError({ provider: "ipqs", id: "7" }).message).toBe(
      "ipqs: upload 7 was not found",
    );
  });

  it("has an is() guard that tells it from the other errors", () => {
    const error = new UploadNotFoundError({ provider: "demo", id: "x" });
    expect(UploadNotFoundError.is(error)).toBe(true);
    expect(ApiError.is(error)).toBe(false);
    expect(UploadNotFoundError.is(new ApiError({ ...init, status: 404 }))).toBe(false);
    expect(JSON.parse(JSON.stringify(error))).toMatchObject({
      name: "UploadNotFoundError",
      id: "x",
    });
  });
});
