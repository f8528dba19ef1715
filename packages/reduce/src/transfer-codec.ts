/**
 * Sending gammats objects to worker threads and back. Structured cloning keeps typed
 * arrays byte for byte but drops prototypes, so class instances (RegionGeom, MapAxis,
 * EDispKernel, makers, ...) are sent as their own fields plus a class key, and rebuilt
 * from the prototype of the same class on the other side. Shared and cyclic references
 * are kept; functions cannot be sent (loggers are replaced by the receiver's logger).
 */
import { DataError } from "@gammats/core";
import type { Logger } from "@gammats/core";

/** Classes that can be sent, by key ("package/ClassName"). */
export class TransferRegistry {
  private readonly byKey = new Map<string, Function>();
  private readonly byCtor = new Map<Function, string>();

  /**
   * Registers every exported class of a module namespace under "prefix/Name".
   *
   * @param prefix - e.g. "maps"
   * @param namespace - the module namespace (`import * as maps from "@gammats/maps"`)
   */
  registerModule(prefix: string, namespace: Record<string, unknown>): void {
    for (const [name, value] of Object.entries(namespace)) {
      if (typeof value === "function" && /^[A-Z]/.test(name) && value.prototype !== undefined) this.register(`${prefix}/${name}`, value);
    }
  }

  /**
   * Registers one class.
   *
   * @param key - a key both sides agree on
   * @param ctor - the class
   */
  register(key: string, ctor: Function): void {
    if (!this.byCtor.has(ctor)) this.byCtor.set(ctor, key);
    if (!this.byKey.has(key)) this.byKey.set(key, ctor);
  }

  /** Key of a class, or undefined. */
  keyOf(ctor: Function): string | undefined {
    return this.byCtor.get(ctor);
  }

  /** Class of a key, or undefined. */
  classOf(key: string): Function | undefined {
    return this.byKey.get(key);
  }
}

/** An encoded value: structured-clone safe. */
export type Encoded = unknown;

const isLogger = (v: object): boolean =>
  ["debug", "info", "warning", "error"].every((k) => typeof (v as Record<string, unknown>)[k] === "function");

const isTypedArray = (v: object): boolean => ArrayBuffer.isView(v) || v instanceof ArrayBuffer;

/**
 * Encodes a value for `postMessage`.
 *
 * @param value - anything made of primitives, arrays, typed arrays, plain objects, Maps,
 *   Sets and instances of registered classes
 * @param registry - the classes that may be sent
 * @param what - description for messages (e.g. "the background maker")
 * @returns the encoded value
 * @throws DataError naming the path of a function or of an unregistered class instance
 */
export function encodeTransfer(value: unknown, registry: TransferRegistry, what: string): Encoded {
  const seen = new Map<object, number>();
  const enc = (v: unknown, path: string): Encoded => {
    if (typeof v === "function") {
      throw new DataError(`cannot send ${what} to a worker thread: ${path} is a function`, {
        hint: "worker threads get copies of plain data and gammats classes; use nJobs: 1 for makers holding functions",
      });
    }
    if (typeof v !== "object" || v === null) return v;
    if (isTypedArray(v)) return v;
    const ref = seen.get(v);
    if (ref !== undefined) return { $t: "ref", i: ref };
    if (isLogger(v)) return { $t: "logger" };
    const id = seen.size;
    seen.set(v, id);
    if (Array.isArray(v)) return { $t: "arr", id, v: v.map((x, i) => enc(x, `${path}[${i}]`)) };
    if (v instanceof Map) return { $t: "map", id, v: [...v].map(([k, x], i) => [enc(k, `${path}.key${i}`), enc(x, `${path}.get(${String(k)})`)]) };
    if (v instanceof Set) return { $t: "set", id, v: [...v].map((x, i) => enc(x, `${path}{${i}}`)) };
    const proto = Object.getPrototypeOf(v) as object | null;
    let key: string | null = null;
    if (proto !== null && proto !== Object.prototype) {
      const ctor = (proto as { constructor?: Function }).constructor;
      key = ctor === undefined ? null : (registry.keyOf(ctor) ?? null);
      if (key === null) {
        throw new DataError(`cannot send ${what} to a worker thread: ${path} is a ${ctor?.name ?? "object"}, not a class gammats knows`, {
          hint: "register the class with the worker's TransferRegistry, or use nJobs: 1",
        });
      }
    }
    const fields: Record<string, Encoded> = {};
    const hidden: string[] = [];
    for (const k of Object.getOwnPropertyNames(v)) {
      const d = Object.getOwnPropertyDescriptor(v, k)!;
      if (!("value" in d)) continue;
      fields[k] = enc(d.value, `${path}.${k}`);
      if (!d.enumerable) hidden.push(k);
    }
    return { $t: "obj", id, k: key, f: fields, h: hidden, z: Object.isFrozen(v) };
  };
  return enc(value, what);
}

/**
 * Rebuilds a value encoded by {@link encodeTransfer}.
 *
 * @param encoded - the received value
 * @param registry - the classes known on this side
 * @param logger - stands in for every logger of the original
 * @returns the value, with class instances on this side's prototypes
 * @throws DataError for a class key this side does not know
 */
export function decodeTransfer(encoded: Encoded, registry: TransferRegistry, logger: Logger): unknown {
  const objects = new Map<number, unknown>();
  const dec = (e: Encoded): unknown => {
    if (typeof e !== "object" || e === null || isTypedArray(e)) return e;
    const node = e as { $t: string; id: number; i: number; v: unknown; k: string | null; f: Record<string, Encoded>; h: string[]; z: boolean };
    switch (node.$t) {
      case "ref":
        return objects.get(node.i);
      case "logger":
        return logger;
      case "arr": {
        const out: unknown[] = [];
        objects.set(node.id, out);
        for (const x of node.v as Encoded[]) out.push(dec(x));
        return out;
      }
      case "map": {
        const out = new Map<unknown, unknown>();
        objects.set(node.id, out);
        for (const [k, x] of node.v as [Encoded, Encoded][]) out.set(dec(k), dec(x));
        return out;
      }
      case "set": {
        const out = new Set<unknown>();
        objects.set(node.id, out);
        for (const x of node.v as Encoded[]) out.add(dec(x));
        return out;
      }
      default: {
        let proto: object = Object.prototype;
        if (node.k !== null) {
          const ctor = registry.classOf(node.k);
          if (ctor === undefined) {
            throw new DataError(`worker transfer: class ${node.k} is not known on this side`, { hint: "rebuild packages/reduce/dist (npx tsc -b packages/reduce)" });
          }
          proto = ctor.prototype as object;
        }
        const out = Object.create(proto) as Record<string, unknown>;
        objects.set(node.id, out);
        for (const [k, x] of Object.entries(node.f)) {
          Object.defineProperty(out, k, { value: dec(x), writable: true, enumerable: !node.h.includes(k), configurable: true });
        }
        if (node.z) Object.freeze(out);
        return out;
      }
    }
  };
  return dec(encoded);
}
