/**
 * The classes that travel between the main thread and the reduction workers: every
 * exported class of the packages a dataset or a maker is built from. Built on first use
 * (the same code runs on both sides, so both agree on the keys).
 */
import * as core from "@gammats/core";
import * as maps from "@gammats/maps";
import * as irf from "@gammats/irf";
import * as dataStore from "@gammats/data-store";
import * as modeling from "@gammats/modeling";
import * as datasets from "@gammats/datasets";
import * as reduce from "./index.js";
import { TransferRegistry } from "./transfer-codec.js";

let registry: TransferRegistry | undefined;

/**
 * The registry of sendable classes (core, maps, irf, data-store, modeling, datasets,
 * reduce); add your own classes with `register` before starting workers on both sides.
 *
 * @returns the shared registry
 */
export function transferRegistry(): TransferRegistry {
  if (registry === undefined) {
    registry = new TransferRegistry();
    const modules: [string, object][] = [
      ["core", core],
      ["maps", maps],
      ["irf", irf],
      ["data-store", dataStore],
      ["modeling", modeling],
      ["datasets", datasets],
      ["reduce", reduce],
    ];
    for (const [prefix, ns] of modules) registry.registerModule(prefix, ns as Record<string, unknown>);
  }
  return registry;
}
