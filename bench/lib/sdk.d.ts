// The ZeroBounce SDK ships no type declarations; this is the part the benchmarks call.
declare module "@zerobounce/zero-bounce-sdk" {
  export default class ZeroBounceSDK {
    init(apiKey: string, apiBaseURL?: string): void;
    getFileStatus(fileId: string): Promise<unknown>;
    sendFile(options: {
      file: Blob;
      email_address_column: number;
      has_header_row?: boolean;
      remove_duplicate?: boolean;
    }): Promise<unknown>;
    getFile(fileId: string): Promise<unknown>;
  }
}
