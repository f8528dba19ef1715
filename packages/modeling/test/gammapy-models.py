"""Models YAML cross-checks with Gammapy 1.0 for the gammats tests; JSON on stdout.

  gammapy-models.py write DIR   writes DIR/models.yaml (+ models_covariance.dat) with Gammapy
  gammapy-models.py read FILE   reads FILE with Models.read and prints its parameters
  gammapy-models.py both DIR FILE   both, printed as {"written": ..., "read": ...}
"""
import json
import sys
import warnings

warnings.simplefilter("ignore")

import numpy as np
from gammapy.modeling.models import (
    CompoundSpectralModel,
    DiskSpatialModel,
    ExpCutoffPowerLawSpectralModel,
    FoVBackgroundModel,
    GaussianSpatialModel,
    LogParabolaSpectralModel,
    Models,
    PointSpatialModel,
    PowerLawSpectralModel,
    SkyModel,
)


def dump(models):
    rows = []
    for name, p in zip(models.parameters_unique_names, models.parameters):
        rows.append(
            {
                "id": name,
                "value": p.value,
                "unit": p.unit.to_string("fits"),
                "min": None if np.isnan(p.min) else p.min,
                "max": None if np.isnan(p.max) else p.max,
                "frozen": bool(p.frozen),
                "error": p.error,
                "is_norm": bool(p.is_norm),
            }
        )
    frames = {}
    for m in models:
        spatial = getattr(m, "spatial_model", None)
        if spatial is not None:
            frames[m.name] = spatial.frame
    return {
        "names": models.names,
        "datasets_names": {m.name: m.datasets_names for m in models},
        "frames": frames,
        "parameters": rows,
        "covariance": np.asarray(models.covariance.data).ravel().tolist(),
        "linked": [
            [i, j]
            for i, p in enumerate(models.parameters)
            for j, q in enumerate(models.parameters)
            if i < j and p is q
        ],
    }


def write(directory):
    pl = PowerLawSpectralModel(index=2.3, amplitude="3e-12 cm-2 s-1 TeV-1", reference="0.5 TeV")
    gauss = GaussianSpatialModel(lon_0="10 deg", lat_0="-5 deg", sigma="0.3 deg", e=0.5, phi="30 deg", frame="galactic")
    m1 = SkyModel(spectral_model=pl, spatial_model=gauss, name="src1", datasets_names=["d1"])
    lp = LogParabolaSpectralModel(amplitude="2e-12 cm-2 s-1 TeV-1", alpha=2.1, beta=0.15)
    lp.alpha.frozen = True
    m2 = SkyModel(spectral_model=lp, name="src2")
    ecpl = ExpCutoffPowerLawSpectralModel(index=1.9, lambda_="0.05 TeV-1")
    point = PointSpatialModel(lon_0="83.6 deg", lat_0="22 deg", frame="icrs")
    point.lon_0.min, point.lon_0.max = 80, 90
    m3 = SkyModel(spectral_model=ecpl, spatial_model=point, name="src3")
    compound = CompoundSpectralModel(
        PowerLawSpectralModel(index=2.0), PowerLawSpectralModel(index=3.0, amplitude="5e-13 cm-2 s-1 TeV-1"), np.add
    )
    disk = DiskSpatialModel(lon_0="1 deg", lat_0="0.5 deg", r_0="0.4 deg", frame="galactic")
    m4 = SkyModel(spectral_model=compound, spatial_model=disk, name="src4")
    m5 = SkyModel(spectral_model=PowerLawSpectralModel(index=2.6), name="src5")
    m5.spectral_model.index = m1.spectral_model.index  # a linked parameter
    bkg = FoVBackgroundModel(dataset_name="d1")
    bkg.spectral_model.tilt.frozen = False
    models = Models([m1, m2, m3, m4, m5, bkg])
    cov = np.asarray(models.covariance.data).copy()
    n = len(models.parameters)
    rng = np.random.default_rng(1)
    for i, p in enumerate(models.parameters):
        if not p.frozen:
            cov[i, i] = (0.05 * abs(p.value) if p.value != 0 else 1e-3) ** 2
    i_index, i_amp = 0, 1
    cov[i_index, i_amp] = cov[i_amp, i_index] = 0.3 * np.sqrt(cov[0, 0] * cov[1, 1])
    models.covariance = cov
    models.write(f"{directory}/models.yaml", overwrite=True)
    return dump(models)


if __name__ == "__main__":
    mode, arg = sys.argv[1], sys.argv[2]
    if mode == "write":
        out = write(arg)
    elif mode == "read":
        out = dump(Models.read(arg))
    else:
        out = {"written": write(arg), "read": dump(Models.read(sys.argv[3]))}
    print(json.dumps(out))
