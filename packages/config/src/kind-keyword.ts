/**
 * The check behind the schema's custom `kind` keyword (quantities, times, paths, log
 * levels). Its own module, not a closure in `validate.ts`, so that the validator the CLI
 * bundle generates at build time (ajv standalone code) can import it by name.
 */
import type { ErrorObject } from "ajv/dist/2020.js";
import type { ValueKind } from "./schema.js";
import { checkKind } from "./value-kinds.js";

/**
 * Checks one string against its `kind`; ajv reads a function keyword's errors from the
 * function's own `errors` property.
 *
 * @param kind - the value kind named in the schema
 * @param data - the string to check
 * @returns true when valid (then `kindKeywordCheck.errors` is empty)
 * @example
 * ```ts
 * kindKeywordCheck("energy", "1 TeV"); // true
 * ```
 */
export const kindKeywordCheck: ((kind: ValueKind, data: unknown) => boolean) & { errors?: Partial<ErrorObject>[] } = (kind, data) => {
  const problem = checkKind(kind, data as string);
  kindKeywordCheck.errors = problem ? [{ keyword: "kind", message: problem.message, params: { kind, ...problem } }] : [];
  return problem === undefined;
};
