/** The contract file could not be linted at all; `file` names it. The CLI exits 2 on these. */
export abstract class ContractLoadError extends Error {
  constructor(
    message: string,
    readonly file: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** The file is missing or unreadable. */
export class ContractReadError extends ContractLoadError {}

/** The file is not YAML/JSON, not a mapping, or not an OpenAPI 3.1 document. */
export class ContractParseError extends ContractLoadError {}
