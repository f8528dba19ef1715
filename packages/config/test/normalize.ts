/**
 * Brings a config tree to a form gammats and Gammapy agree on, using the schema's value
 * kinds: Gammapy writes quantities as astropy prints them ("5.0 deg"), times as astropy
 * formats them ("2019-12-01 00:00:00.000") and paths as pathlib normalises them.
 */
import { posix } from "node:path";
import { Time } from "@gammats/core";
import { schemaAt } from "@gammats/config";

export function normalize(value: unknown, path: (string | number)[] = []): unknown {
  if (Array.isArray(value)) return value.map((v, i) => normalize(v, [...path, i]));
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, normalize(v, [...path, k])]));
  }
  const kind = schemaAt(path)?.kind;
  if (typeof value !== "string" || !kind) return value;
  if (kind === "angle" || kind === "energy") {
    const m = /^\s*([-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)\s*(.*?)\s*$/.exec(value);
    return m ? `${Number(m[1])} ${m[2]}` : value;
  }
  if (kind === "time") {
    // Gammapy's JSON dump prints a list of times as numpy does: "['2020-01-01T...' '...']".
    const items = value.startsWith("[") ? [...value.matchAll(/'([^']*)'/g)].map((m) => m[1]) : undefined;
    const mjd = (t: string) => Time.parse(t).tt().mjd.toFixed(9);
    return items ? items.map(mjd) : mjd(value);
  }
  if (kind === "path") return posix.normalize(value).replace(/(.)\/$/, "$1");
  return value;
}
