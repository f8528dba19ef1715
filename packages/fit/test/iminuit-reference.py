"""Reference numbers from iminuit (MIGRAD, HESSE, MINOS) for the fit tests.

Reads a JSON problem on stdin: a binned power-law Poisson fit with the statistic
cash = 2 sum(mu - n ln mu), in Gammapy's factor space (amplitude = factor * scale),
with Gammapy's Minuit settings (errordef 1, strategy 1, initial errors 1).
Prints JSON: values, errors, covariance (factor space), fval, MINOS errors.
"""
import json
import sys

import numpy as np
from iminuit import Minuit
from scipy.stats import norm

p = json.load(sys.stdin)
edges = np.array(p["edges"])
counts = np.array(p["counts"], dtype=float)
exposure = p["exposure"]
scale = p["amplitude_scale"]


reference = p["reference"]


def npred(amplitude, index):
    # integral of amplitude * (E / reference)^-index over each bin
    g = 1 - index
    return amplitude * reference**index / g * (edges[1:] ** g - edges[:-1] ** g) * exposure


def cash(amp_factor, index):
    mu = npred(amp_factor * scale, index)
    return float(2 * np.sum(mu - counts * np.log(mu)))


def fit(tol):
    m = Minuit(cash, amp_factor=p["start"][0], index=p["start"][1])
    m.errordef = 1
    m.strategy = 1
    m.tol = tol
    m.errors["amp_factor"] = 1
    m.errors["index"] = 1
    m.limits["amp_factor"] = (p["amplitude_min"], None)
    m.limits["index"] = (p["index_min"], p["index_max"])
    m.migrad()
    return m


m = fit(p["tol"])
exact = fit(1e-6)
m.hesse()
out = {
    "valid": bool(m.valid),
    "values": list(m.values),
    "exact_values": list(exact.values),
    "errors": list(m.errors),
    "covariance": np.array(m.covariance).ravel().tolist(),
    "fval": m.fval,
    "nfcn": m.nfcn,
    "minos": {},
}
for sigma in p["minos_sigma"]:
    # Gammapy passes the two-sided probability of sigma.
    m.minos(cl=2 * norm.cdf(sigma) - 1)
    out["minos"][str(sigma)] = {
        name: [-m.merrors[name].lower, m.merrors[name].upper] for name in ("amp_factor", "index")
    }
print(json.dumps(out))
