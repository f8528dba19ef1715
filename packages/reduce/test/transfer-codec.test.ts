import { describe, expect, test } from "vitest";
import { silentLogger } from "@gammats/core";
import { EDispKernel } from "@gammats/irf";
import { MapAxis, RegionGeom, RegionNDMap } from "@gammats/maps";
import { SafeMaskMaker, TransferRegistry, decodeTransfer, encodeTransfer, transferRegistry, workerExecArgv } from "@gammats/reduce";

/** What postMessage does to the encoded value. */
const clone = <T>(v: T): T => structuredClone(v);

describe("transfer codec", () => {
  const registry = transferRegistry();
  const energy = MapAxis.fromEnergyBounds(1, 10, 3);
  const geom = RegionGeom.create("icrs;circle(83.633,22.014,0.1)", { axes: [energy] });

  test("class instances come back on their prototypes, arrays byte for byte, shared objects shared", () => {
    const counts = new RegionNDMap(geom, [1, 2.5, Math.PI]);
    const kernel = EDispKernel.fromDiagonalResponse(energy.rename("energy_true"), energy);
    const value = { counts, again: counts, kernel, masks: new Map([["safe", Uint8Array.of(1, 0, 1)]]), tags: new Set(["a"]) };
    const back = decodeTransfer(clone(encodeTransfer(value, registry, "test")), registry, silentLogger) as typeof value;
    expect(back.counts).toBeInstanceOf(RegionNDMap);
    expect(back.again).toBe(back.counts);
    expect(back.counts.geom).toBeInstanceOf(RegionGeom);
    expect(back.counts.geom.solidAngle()).toBe(geom.solidAngle());
    expect(Array.from(back.counts.data)).toEqual([1, 2.5, Math.PI]);
    expect(back.kernel).toBeInstanceOf(EDispKernel);
    expect(Array.from(back.kernel.getBias([2]))).toEqual(Array.from(kernel.getBias([2])));
    expect(Array.from(back.masks.get("safe")!)).toEqual([1, 0, 1]);
    expect(back.tags.has("a")).toBe(true);
  });

  test("cycles survive; frozen objects stay frozen; loggers are replaced by the receiver's", () => {
    const a: { self?: unknown; spec: object } = { spec: Object.freeze({ tag: "x" }) };
    a.self = a;
    const back = decodeTransfer(clone(encodeTransfer(a, registry, "test")), registry, silentLogger) as typeof a;
    expect(back.self).toBe(back);
    expect(Object.isFrozen(back.spec)).toBe(true);
    const logs: string[] = [];
    const mine = { debug: () => {}, info: () => {}, warning: (m: string) => logs.push(m), error: () => {} };
    const sent = decodeTransfer(clone(encodeTransfer({ logger: { debug() {}, info() {}, warning() {}, error() {} } }, registry, "t")), registry, mine) as {
      logger: typeof mine;
    };
    sent.logger.warning("hello");
    expect(logs).toEqual(["hello"]);
    const maker = decodeTransfer(clone(encodeTransfer(new SafeMaskMaker({ methods: ["aeff-max"], aeffPercent: 20 }), registry, "m")), registry, silentLogger);
    expect(maker).toBeInstanceOf(SafeMaskMaker);
    expect((maker as SafeMaskMaker).aeffPercent).toBe(20);
  });

  test("functions and unknown classes are refused with the path", () => {
    expect(() => encodeTransfer({ maker: { run: () => 1 } }, registry, "the makers")).toThrow(/the makers\.maker\.run is a function/);
    class Mine {
      x = 1;
    }
    expect(() => encodeTransfer({ m: new Mine() }, registry, "the makers")).toThrow(/the makers\.m is a Mine, not a class gammats knows/);
    const other = new TransferRegistry();
    other.register("test/Mine", Mine);
    const back = decodeTransfer(clone(encodeTransfer(new Mine(), other, "m")), other, silentLogger);
    expect(back).toBeInstanceOf(Mine);
    expect(() => decodeTransfer({ $t: "obj", id: 0, k: "test/Nope", f: {}, h: [], z: false }, other, silentLogger)).toThrow(/class test\/Nope is not known/);
  });

  test("workers do not inherit the source-files condition", () => {
    expect(workerExecArgv(["--conditions", "@gammats/source", "--conditions", "node", "--conditions=@gammats/source", "-C", "x"])).toEqual([
      "--conditions",
      "node",
      "-C",
      "x",
    ]);
  });
});
