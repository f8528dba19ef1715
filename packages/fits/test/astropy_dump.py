"""Dump what astropy reads from FITS files as JSON, for cross-checks of @gammats/fits.

usage: python3 astropy_dump.py FILE [FILE ...]

For each file and HDU: name, version, type, every card (keyword, value, comment) and, for
each image or column, its shape, dtype kind, a few sample values and a SHA-256 digest of
the values in a canonical form that the TypeScript side reproduces exactly:
  floats  -> little-endian float64, NaN replaced by 1.2345e300
  ints    -> little-endian int64 (signed) or uint64 (unsigned)
  bools   -> uint8 0/1
  strings -> latin-1 of the values joined by NUL, trailing spaces removed
  complex -> little-endian float64 (re, im) pairs
  var-len -> per row: the row's canonical bytes, rows joined, plus the lengths
Errors (e.g. astropy refusing a file) are reported per file instead of values.
"""
import hashlib
import json
import sys
import warnings

import numpy as np
from astropy.io import fits

NAN_SENTINEL = 1.2345e300
SAFE = 2**53 - 1


def jsonable(v):
    if isinstance(v, (bool, np.bool_)):
        return bool(v)
    if isinstance(v, (int, np.integer)):
        v = int(v)
        return v if -SAFE <= v <= SAFE else {"bigint": str(v)}
    if isinstance(v, (float, np.floating)):
        v = float(v)
        if v != v:
            return "NaN"
        if v in (float("inf"), float("-inf")):
            return "Infinity" if v > 0 else "-Infinity"
        return v
    if isinstance(v, (complex, np.complexfloating)):
        return {"re": float(v.real), "im": float(v.imag)}
    if isinstance(v, bytes):
        return v.decode("latin-1")
    if v is None or isinstance(v, fits.card.Undefined):
        return None
    return str(v)


def canonical(arr):
    """Canonical bytes and a flat sample list of an array."""
    a = np.asarray(arr)
    kind = a.dtype.kind
    if kind == "f":
        b = a.astype("<f8").ravel()
        b = np.where(np.isnan(b), NAN_SENTINEL, b)
        return kind, b.tobytes(), [jsonable(x) for x in a.ravel()[:5]]
    if kind == "c":
        b = a.astype("<c16").ravel().view("<f8")
        return kind, b.tobytes(), [jsonable(x) for x in a.ravel()[:5]]
    if kind == "i":
        return kind, a.astype("<i8").ravel().tobytes(), [jsonable(x) for x in a.ravel()[:5]]
    if kind == "u":
        return kind, a.astype("<u8").ravel().tobytes(), [jsonable(x) for x in a.ravel()[:5]]
    if kind == "b":
        return kind, a.astype("<u1").ravel().tobytes(), [bool(x) for x in a.ravel()[:5]]
    if kind in "SU":
        vals = []
        for x in a.ravel().tolist():
            s = x.decode("latin-1") if isinstance(x, bytes) else str(x)
            vals.append(s.split("\x00")[0].rstrip(" "))
        return "S", "\x00".join(vals).encode("latin-1"), vals[:5]
    raise TypeError(f"dtype {a.dtype}")


def column_dump(col):
    a = np.asarray(col) if not isinstance(col, np.ndarray) else col
    if a.dtype.kind == "O":
        parts, lengths = [], []
        for row in a:
            r = np.asarray(row)
            if r.dtype.kind in "SU":
                # A PA row is one string: canonical() joins its characters.
                r = np.asarray([b"".join(np.atleast_1d(r).astype("S").tolist())])
            _, b, _ = canonical(r)
            parts.append(b)
            lengths.append(int(r.size))
        blob = b"".join(parts) + np.asarray(lengths, dtype="<i8").tobytes()
        return {"kind": "O", "shape": [len(a)], "digest": hashlib.sha256(blob).hexdigest(), "lengths": lengths[:5]}
    kind, blob, sample = canonical(a)
    return {"kind": kind, "shape": list(a.shape), "digest": hashlib.sha256(blob).hexdigest(), "sample": sample}


def hdu_dump(i, hdu):
    out = {
        "index": i,
        "name": hdu.name,
        "ver": hdu.ver,
        "class": type(hdu).__name__,
        "cards": [[c.keyword, jsonable(c.value), c.comment] for c in hdu.header.cards],
    }
    if isinstance(hdu, (fits.BinTableHDU, fits.TableHDU)):
        data = hdu.data
        out["nrows"] = 0 if data is None else len(data)
        out["columns"] = []
        for k, c in enumerate(hdu.columns):
            entry = {"name": c.name, "format": str(c.format)}
            try:
                values = data[c.name]
                # astropy ignores TNULL once TSCAL/TZERO make the column float; @gammats/fits
                # (following the standard) makes those values NaN, so apply TNULL here too.
                if isinstance(hdu, fits.BinTableHDU) and c.null is not None and np.asarray(values).dtype.kind == "f":
                    raw = np.recarray.field(data, k)
                    values = np.where(raw == c.null, np.nan, values)
                # Likewise astropy reads TNULL fields of ASCII tables as 0; we give NaN.
                if isinstance(hdu, fits.TableHDU) and c.null not in (None, "") and np.asarray(values).dtype.kind in "fi":
                    raw = np.char.strip(np.char.decode(np.recarray.field(data, k), "latin-1"))
                    values = np.where(raw == str(c.null).strip(), np.nan, values)
                entry.update(column_dump(values))
            except Exception as e:  # report, do not stop
                entry["error"] = repr(e)
            out["columns"].append(entry)
    elif hdu.data is not None:
        out["image"] = column_dump(hdu.data)
    else:
        out["image"] = {"shape": []}
    return out


def main(paths):
    files = []
    for p in paths:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                with fits.open(p, memmap=False) as hl:
                    files.append({"path": p, "hdus": [hdu_dump(i, h) for i, h in enumerate(hl)]})
        except Exception as e:
            files.append({"path": p, "error": repr(e)})
    json.dump({"files": files}, sys.stdout)


if __name__ == "__main__":
    main(sys.argv[1:])
