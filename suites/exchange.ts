/** Why a response breaks the contract, one kind per post-pass check. */
export type IssueKind = 'server-error' | 'status' | 'content-type' | 'schema' | 'headers';

export interface ContractIssue {
  kind: IssueKind;
  message: string;
}

/** One request and its response as the client recorded them. */
export interface Exchange {
  /** Order of sending within the run. */
  seq: number;
  /** Check that sent it ('setup' / 'cleanup' for the run's own requests). */
  check: string;
  /** Contract operation the request hits; undefined for routes the contract does not have. */
  operationId: string | undefined;
  method: string;
  /** Absolute URL, query string included. */
  url: string;
  /** Path and query, as sent. */
  path: string;
  /** Request headers other than Authorization. */
  requestHeaders: Record<string, string>;
  /** The Authorization header as a shell expression (no secret), when one was sent. */
  authShell: string | undefined;
  authLabel: string;
  /** Raw body sent. */
  requestBody: string | undefined;
  /** 0 when no response came (connection error, timeout). */
  status: number;
  headers: Record<string, string>;
  text: string;
  /** The body parsed as JSON; undefined when empty or not JSON. */
  body: unknown;
  /** Transport error, when no response came. */
  error: string | undefined;
  issues: ContractIssue[];
  durationMs: number;
}
