/** A filter that cannot be read or compiled; the message says where (AD-L5: 400 00000107). */
export class FilterError extends Error {
  constructor(
    readonly reason: string,
    /** 1-based character position in the filter. */
    readonly position: number,
  ) {
    super(`Invalid filter at position ${position}: ${reason}`);
  }
}
