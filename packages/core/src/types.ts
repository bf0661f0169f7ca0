/**
 * Type-level helpers over openapi-typescript's `paths`.
 */

type OptionalKeys<T> = { [K in keyof T]-?: {} extends Pick<T, K> ? K : never }[keyof T];
type HasRequiredKeys<T> = Exclude<keyof T, OptionalKeys<T>> extends never ? false : true;

/** `header` with the names in `Name` made optional, and itself optional once nothing in it is required. */
type SoftenHeader<Params, Name extends string> = Params extends { header: infer Header }
  ? Omit<Params, "header"> &
      (HasRequiredKeys<Omit<Header, Name>> extends true
        ? { header: Omit<Header, Name> & Partial<Pick<Header, Extract<keyof Header, Name>>> }
        : { header?: Omit<Header, Name> & Partial<Pick<Header, Extract<keyof Header, Name>>> })
  : Params;

type SoftenOperation<Op, Name extends string> = Op extends { parameters: infer Params }
  ? Omit<Op, "parameters"> & { parameters: SoftenHeader<Params, Name> }
  : Op;

/**
 * `Paths` with required header parameters that the client always sends (HighLevel's `Version`)
 * made optional at every call; the spec keeps them required because the server does.
 */
export type WithDefaultHeaders<Paths, Name extends string> = {
  [P in keyof Paths]: { [M in keyof Paths[P]]: SoftenOperation<Paths[P][M], Name> };
};

type ErrorBody = { success: false | "False" };
type SuccessStatus = 200 | 201 | 202 | 203 | 204 | 206 | "2XX";

type WithoutErrorBodies<Responses> = {
  [S in keyof Responses]: S extends SuccessStatus
    ? Responses[S] extends { content: infer Content }
      ? Omit<Responses[S], "content"> & {
          content: { [M in keyof Content]: Exclude<Content[M], ErrorBody> };
        }
      : Responses[S]
    : Responses[S];
};

/**
 * `Paths` as the client returns them when the provider answers errors with HTTP 200 (ZeroBounce,
 * IPQS): `success: false` bodies are moved to `error`, so `data` never holds one.
 */
export type SuccessFalseAsError<Paths> = {
  [P in keyof Paths]: {
    [M in keyof Paths[P]]: Paths[P][M] extends { responses: infer R }
      ? Omit<Paths[P][M], "responses"> & { responses: WithoutErrorBodies<R> }
      : Paths[P][M];
  };
};
