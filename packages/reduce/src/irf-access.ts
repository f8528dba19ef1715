/**
 * Fetching an observation's IRFs with the class a maker needs, with errors that name the
 * observation, the IRF and what to do.
 */
import { DataError } from "@gammats/core";
import type { Observation } from "@gammats/data-store";
import type { Irf } from "@gammats/irf";

/**
 * The observation's IRF of one type, checked against the expected class(es).
 *
 * @param observation - the observation
 * @param type - "aeff", "edisp", "psf", "bkg" or "rad_max"
 * @param accept - the classes (or a predicate) the caller can use
 * @param what - who asks (for the message)
 * @returns the IRF
 * @throws DataError when absent or of another kind
 */
export function requireIrf<T extends Irf>(
  observation: Observation,
  type: "aeff" | "edisp" | "psf" | "bkg" | "rad_max",
  accept: (irf: Irf) => irf is T,
  what: string,
): T {
  const irf = type === "rad_max" ? observation.radMax : observation[type];
  if (irf === undefined) {
    throw new DataError(`${what}: observation ${observation.obsId} has no ${type} IRF`, {
      hint: `add the ${type} HDU to the data store's HDU index, or drop '${what}' from the selection`,
    });
  }
  if (!accept(irf)) {
    throw new DataError(`${what}: observation ${observation.obsId} has a ${irf.tag} ${type} IRF, which this maker cannot use`, {
      hint: "see the README of @gammats/reduce for the IRF classes each maker supports",
    });
  }
  return irf;
}
