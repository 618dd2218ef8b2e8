/** The error every package-file extractor throws when its input is not in the expected format. */

/** The input is not the layout an extractor knows; the message names the package and file. */
export class ExtractError extends Error {
  override name = 'ExtractError';
}
