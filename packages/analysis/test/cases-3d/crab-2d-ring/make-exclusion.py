#!/usr/bin/python3
"""Writes exclusion.fits.gz: 0 (excluded) within 0.3 deg of the Crab, 1 elsewhere, on a
6 x 6 deg grid of 0.05 deg pixels (Gammapy 1.0's region_mask, written by Map.write)."""
import astropy.units as u
from astropy.coordinates import SkyCoord
from regions import CircleSkyRegion
from gammapy.maps import WcsGeom

geom = WcsGeom.create(skydir=(83.633, 22.014), binsz=0.05, width=(6, 6), frame="icrs")
region = CircleSkyRegion(SkyCoord(83.633, 22.014, unit="deg", frame="icrs"), 0.3 * u.deg)
geom.region_mask([region], inside=False).write("exclusion.fits.gz", overwrite=True)
