/**
 * The observations step (Gammapy's `Analysis.get_observations`): the `observations`
 * section handed to the data store's selection, which already follows Gammapy step by
 * step (ids or obs_file, cone, required IRFs, time intervals).
 */
import { selectObservations } from "@gammats/data-store";
import type { ObservationSelection } from "@gammats/data-store";
import type { StepContext } from "./context.js";

/**
 * Selects the observations the config asks for.
 *
 * @param ctx - config, logger, working folder
 * @returns the data store and the observations, in Gammapy's order
 * @throws ConfigError / DataError / IoError from the selection, naming the key or file
 * @example
 * ```ts
 * const { observations } = runObservationsStep({ config, logger, cwd: process.cwd() });
 * observations.map((o) => o.obsId); // [23592, 23559]
 * ```
 */
export function runObservationsStep(ctx: StepContext): ObservationSelection {
  const selection = selectObservations(ctx.config.data.observations, {
    logger: ctx.logger,
    cwd: ctx.cwd,
    ...(ctx.env === undefined ? {} : { env: ctx.env }),
  });
  for (const obs of selection.observations) ctx.logger.debug(String(obs));
  return selection;
}
