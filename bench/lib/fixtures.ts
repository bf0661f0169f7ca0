/**
 * The one request every contender makes per provider, and the fixed bodies the in-process
 * transport and the loopback server answer with. Bodies follow each spec's documented example, so
 * parsing costs what it costs against the real APIs.
 */

export const PROVIDER_NAMES = [
  "zerobounce",
  "ipqs",
  "sanitizeemail",
  "highlevel",
  "constantcontact",
] as const;
export type ProviderName = (typeof PROVIDER_NAMES)[number];

/** Any non-empty credential works against the fixed-body server and the sandbox. */
export const KEY = "bench-key";
export const IDS = {
  zerobounce: "aaaaaaaa-zzzz-xxxx-yyyy-5003727fffff",
  ipqs: 3398874,
  sanitizeemail: 745,
  highlevel: "ve9EPM428h8vShlRW1KT",
  constantcontact: ["9", "8", "18"],
} as const;

/** Path prefix → provider, for the loopback server's one routing decision. */
export const ROUTES: ReadonlyArray<readonly [prefix: string, provider: ProviderName]> = [
  ["/v2/filestatus", "zerobounce"],
  ["/api/json/csv/", "ipqs"],
  ["/v1/api/filesupload/", "sanitizeemail"],
  ["/social-media-posting/", "highlevel"],
  ["/v2/library/", "constantcontact"],
];

const BODY_VALUES: Record<ProviderName, unknown> = {
  zerobounce: {
    success: true,
    file_id: IDS.zerobounce,
    file_name: "customers.csv",
    upload_date: "2023-04-28T15:45:39Z",
    file_status: "Complete",
    complete_percentage: "100%",
    error_reason: null,
    return_url: null,
  },
  ipqs: {
    message: "Success",
    success: true,
    id: IDS.ipqs,
    file_name: "email_2026-06-25 12:05:26",
    type: "email",
    strictness: 0,
    status: "FINISHED",
    aborted: false,
    invalid_records: 1,
    downloads: { pristine: null, clean: null, bad: null, all: null },
    request_id: "ig3VkM6UBU",
    api_version: 1,
  },
  sanitizeemail: {
    id: IDS.sanitizeemail,
    name: "Customer Email List",
    file_name: "customers.csv",
    file_size: "328",
    status: "validated",
    user: { id: 100, username: "asim", email: "cool@gmail.com" },
    file_tag: "validate",
    total_email: 8,
    progress_percentage: 100,
    created_date: "2025-07-13T10:35:04.351377+05:45",
    updated_date: "2025-07-13T10:35:07.923638+05:45",
  },
  highlevel: {
    success: true,
    statusCode: 200,
    message: "Fetched CSV Upload Status",
    results: {
      csvs: {
        _id: IDS.highlevel,
        locationId: "iVrVJ2uoXNF0wzcBzgl5",
        fileName: "sample.csv",
        accountIds: ["aF3KhyL8JIuBwzK3m7Ly_iVrVJ2uoXNF0wzcBzgl5_12554616564525983496"],
        file: "File",
        status: "completed",
        count: 5,
        createdBy: "SDsdfdf45Dgs4w3ssss",
        createdAt: "2023-08-02T00:00:00.000Z",
      },
      count: 6,
    },
  },
  constantcontact: [
    { file_id: "9", status: "Active", description: "Active" },
    { file_id: "8", status: "Uploaded", description: "Uploaded" },
    { file_id: "18", status: "Processing", description: "Processing" },
  ],
};

/** The JSON text each provider answers with. */
export const BODIES: Record<ProviderName, string> = Object.fromEntries(
  PROVIDER_NAMES.map((p) => [p, JSON.stringify(BODY_VALUES[p])]),
) as Record<ProviderName, string>;
