/**
 * Slot for the config validator generated at build time. Here (source, tsc output) it is
 * empty and `validate.ts` compiles the schema with ajv on first use; the CLI bundle script
 * (`apps/cli/scripts/bundle.mjs`) replaces this module with ajv standalone code of the
 * same schema and options, which saves that compile (~50–90 ms) at every CLI start.
 */
import type { ValidateFunction } from "ajv/dist/2020.js";

/** The precompiled validator, or undefined when running unbundled. */
export const precompiledValidator: ValidateFunction | undefined = undefined;
