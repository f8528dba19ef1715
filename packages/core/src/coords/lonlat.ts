/**
 * Result records of the coords functions: one direction, or one direction per element.
 */

/** One direction on the sphere. */
export interface LonLat {
  /** Longitude (ra, glon, fov_lon, ...) [deg]. */
  lon: number;
  /** Latitude (dec, glat, fov_lat, ...) [deg]. */
  lat: number;
}

/** Many directions on the sphere, as two parallel arrays (no per-element objects). */
export interface LonLatArrays {
  /** Longitudes [deg]. */
  lon: Float64Array;
  /** Latitudes [deg]. */
  lat: Float64Array;
}
