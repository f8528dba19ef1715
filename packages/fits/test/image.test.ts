import { describe, expect, test } from "vitest";
import { encodeFits, imageHdu, readFitsSync } from "@gammats/fits";
import type { NumericArray } from "@gammats/fits";
import { rawFits } from "./helpers.js";

/** Big-endian bytes of values written by hand, independent of the writer. */
function be(size: number, values: number[], signed = true): Uint8Array {
  const b = new Uint8Array(values.length * size);
  const dv = new DataView(b.buffer);
  values.forEach((v, i) => {
    if (size === 1) dv.setUint8(i, v & 0xff);
    else if (size === 2) (signed ? dv.setInt16(i * 2, v) : dv.setUint16(i * 2, v));
    else dv.setInt32(i * 4, v);
  });
  return b;
}

describe("image round trips for every BITPIX and convention", () => {
  const cases: Array<[string, NumericArray, number, string]> = [
    ["uint8", Uint8Array.from([0, 1, 127, 128, 255, 42]), 8, "Uint8Array"],
    ["int8 (BZERO -128)", Int8Array.from([-128, -1, 0, 1, 127, 5]), 8, "Int8Array"],
    ["int16", Int16Array.from([-32768, -1, 0, 1, 32767, 7]), 16, "Int16Array"],
    ["uint16 (BZERO 32768)", Uint16Array.from([0, 1, 32767, 32768, 65535, 9]), 16, "Uint16Array"],
    ["int32", Int32Array.from([-2147483648, -1, 0, 1, 2147483647, 3]), 32, "Int32Array"],
    ["uint32 (BZERO 2^31)", Uint32Array.from([0, 1, 2147483647, 2147483648, 4294967295, 11]), 32, "Uint32Array"],
    ["int64", BigInt64Array.from([-(2n ** 63n), -1n, 0n, 1n, 2n ** 63n - 1n, 2n ** 53n + 1n]), 64, "BigInt64Array"],
    ["uint64 (BZERO 2^63)", BigUint64Array.from([0n, 1n, 2n ** 63n - 1n, 2n ** 63n, 2n ** 64n - 1n, 12n]), 64, "BigUint64Array"],
    ["float32", Float32Array.from([-1.5, 0, 3.4028234663852886e38, 1e-45, NaN, -Infinity]), -32, "Float32Array"],
    ["float64", Float64Array.from([-1.5, 0, Number.MAX_VALUE, 5e-324, NaN, Math.PI]), -64, "Float64Array"],
  ];
  for (const [label, data, bitpix, cls] of cases) {
    test(label, () => {
      const bytes = encodeFits([imageHdu({ data, shape: [2, 3] }), imageHdu({ data, shape: [3, 1, 2], name: "EXT" })]);
      expect(bytes.length % 2880).toBe(0);
      const file = readFitsSync(bytes);
      for (const [hdu, shape] of [[file.primary, [2, 3]], [file.hdu("ext"), [3, 1, 2]]] as const) {
        expect(hdu.header.getNumber("BITPIX")).toBe(bitpix);
        expect(hdu.header.getNumber("NAXIS1")).toBe(shape[shape.length - 1]);
        const img = hdu.readImage();
        expect(img.shape).toEqual(shape);
        expect(img.data.constructor.name).toBe(cls);
        expect(Array.from(img.data as ArrayLike<number>)).toEqual(Array.from(data as ArrayLike<number>));
      }
      expect(file.hdu(1).header.getString("XTENSION")).toBe("IMAGE");
      expect(file.hdu(1).header.getNumber("PCOUNT")).toBe(0);
    });
  }

  test("C order: NAXIS1 is the fastest axis", () => {
    // 3 x 2 image written by hand: rows (NAXIS2) of 3 pixels (NAXIS1).
    const bytes = rawFits([
      {
        cards: ["SIMPLE  =                    T", "BITPIX  =                   16", "NAXIS   =                    2", "NAXIS1  =                    3", "NAXIS2  =                    2"],
        data: be(2, [1, 2, 3, 4, 5, 6]),
      },
    ]);
    const img = readFitsSync(bytes).primary.readImage();
    expect(img.shape).toEqual([2, 3]);
    expect(Array.from(img.data as Int16Array)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(readFitsSync(bytes).primary.shape).toEqual([2, 3]);
  });

  test("BSCALE/BZERO give Float64Array; BLANK gives NaN; raw skips both", () => {
    const head = ["SIMPLE  =                    T", "BITPIX  =                   16", "NAXIS   =                    1", "NAXIS1  =                    4"];
    const scaled = rawFits([{ cards: [...head, "BSCALE  =                  0.5", "BZERO   =                 10.0"], data: be(2, [0, 2, -4, 7]) }]);
    const img = readFitsSync(scaled).primary.readImage();
    expect(img.data).toBeInstanceOf(Float64Array);
    expect(Array.from(img.data as Float64Array)).toEqual([10, 11, 8, 13.5]);
    expect(Array.from(readFitsSync(scaled).primary.readImage({ raw: true }).data as Int16Array)).toEqual([0, 2, -4, 7]);

    const blank = rawFits([{ cards: [...head, "BLANK   =                  -99"], data: be(2, [1, -99, 3, -99]) }]);
    const b = readFitsSync(blank).primary.readImage();
    expect(b.data).toBeInstanceOf(Float64Array);
    expect(Array.from(b.data as Float64Array)).toEqual([1, NaN, 3, NaN]);
    expect(Array.from(b.nulls ?? [])).toEqual([0, 1, 0, 1]);

    const f32 = new Uint8Array(8);
    new DataView(f32.buffer).setFloat32(0, 1.5);
    new DataView(f32.buffer).setFloat32(4, -2);
    const floatScaled = rawFits([
      {
        cards: ["SIMPLE  =                    T", "BITPIX  =                  -32", "NAXIS   =                    1", "NAXIS1  =                    2", "BSCALE  =                  2.0", "BZERO   =                  1.0"],
        data: f32,
      },
    ]);
    expect(Array.from(readFitsSync(floatScaled).primary.readImage().data as Float64Array)).toEqual([4, -3]);
  });

  test("writer options bscale/bzero/blank store raw integers", () => {
    const bytes = encodeFits([imageHdu({ data: Int16Array.from([0, 1, -1]), bscale: 0.25, bzero: 100, blank: -1 })]);
    const hdu = readFitsSync(bytes).primary;
    expect(hdu.header.get("BSCALE")).toBe(0.25);
    expect(Array.from(hdu.readImage().data as Float64Array)).toEqual([100, 100.25, NaN]);
    expect(() => encodeFits([imageHdu({ data: Uint16Array.from([1]), bzero: 5 })])).toThrow(/carry their own BZERO/);
  });

  test("empty primary and header-only extension", () => {
    const file = readFitsSync(encodeFits([imageHdu(), imageHdu({ name: "EMPTY" })]));
    expect(file.primary.readImage().shape).toEqual([]);
    expect(file.primary.readImage().data.length).toBe(0);
    expect(file.hdu("EMPTY").dataSize).toBe(0);
    expect(file.primary.header.get("EXTEND")).toBe(true);
  });

  test("shape errors", () => {
    expect(() => encodeFits([imageHdu({ data: new Float32Array(5), shape: [2, 3] })])).toThrow(/holds 6 values but the data have 5/);
    expect(() => encodeFits([imageHdu({ data: new Float32Array(0), shape: [-1] })])).toThrow(/non-negative/);
  });
});
