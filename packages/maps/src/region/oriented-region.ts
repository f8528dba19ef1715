/**
 * OrientedSkyRegion: what ellipses and rectangles share — a centre, full `width` and
 * `height` and a rotation `angle` counter-clockwise from the longitude axis (from west
 * towards north on a standard sky image), with the same checks, pixel conversion and
 * frame change. Subclasses add the shape's DS9 text and build copies of themselves.
 */
import { parseFrame, transformFrame } from "@gammats/core";
import type { FrameName, LonLat } from "@gammats/core";
import type { PixelRegion } from "./pixel-region.js";
import type { RegionWcs } from "./region-wcs.js";
import { SkyRegionBase, checkAngle, checkPosition, checkSize, northAngleBetween } from "./sky-region.js";

/** Shape names of the oriented regions. */
export type OrientedKind = "ellipse" | "rectangle";

const CLASS_NAMES: Record<OrientedKind, string> = { ellipse: "EllipseSkyRegion", rectangle: "RectangleSkyRegion" };

/** Centre, rotation and frame of an oriented region after a frame change. */
export interface OrientedPlacement {
  /** Centre longitude in `frame` [deg]. */
  lon: number;
  /** Centre latitude in `frame` [deg]. */
  lat: number;
  /** Rotation from the longitude axis of `frame` [deg]. */
  angle: number;
  /** The new frame. */
  frame: FrameName;
}

/**
 * Base of {@link EllipseSkyRegion} and {@link RectangleSkyRegion}.
 *
 * @example
 * ```ts
 * new EllipseSkyRegion(83.633, 22.014, 0.4, 0.2, 30, "icrs").toPixel(wcs).kind; // "ellipse"
 * ```
 */
export abstract class OrientedSkyRegion<K extends OrientedKind> extends SkyRegionBase {
  readonly kind: K;
  readonly frame: FrameName;
  readonly center: LonLat;
  /** Full size along longitude before rotation [deg]. */
  readonly width: number;
  /** Full size along latitude before rotation [deg]. */
  readonly height: number;
  /** Rotation counter-clockwise from the longitude axis [deg]. */
  readonly angle: number;

  /**
   * @param kind - "ellipse" or "rectangle"
   * @param lon - centre longitude [deg]
   * @param lat - centre latitude [deg]
   * @param width - full width [deg], > 0
   * @param height - full height [deg], > 0
   * @param angle - rotation [deg]
   * @param frame - "icrs", "galactic" or "fk5"
   * @throws DataError for a bad position, size, angle or frame
   */
  protected constructor(kind: K, lon: number, lat: number, width: number, height: number, angle: number, frame: FrameName | string) {
    super();
    const what = CLASS_NAMES[kind];
    checkPosition(what, lon, lat);
    checkSize(what, "width", width);
    checkSize(what, "height", height);
    checkAngle(what, angle);
    this.kind = kind;
    this.frame = parseFrame(frame);
    this.center = { lon, lat };
    this.width = width;
    this.height = height;
    this.angle = angle;
  }

  toPixel(wcs: RegionWcs): Extract<PixelRegion, { kind: K }> {
    const p = wcs.pixelScaleAngle(this.center.lon, this.center.lat, this.frame);
    // Sky angles are relative to the longitude axis; in pixels add the tilt of north.
    const pixel = { kind: this.kind, x: p.x, y: p.y, width: this.width / p.scale, height: this.height / p.scale, angle: this.angle + p.northAngle - 90 };
    return pixel as Extract<PixelRegion, { kind: K }>;
  }

  /**
   * Centre and rotation in another frame (the rotation turns with the local north).
   *
   * @param frame - target frame
   * @returns the placement for the copy in `frame`
   */
  protected placementIn(frame: FrameName | string): OrientedPlacement {
    const f = parseFrame(frame);
    const c = transformFrame(this.center.lon, this.center.lat, this.frame, f);
    const turn = northAngleBetween(this.center.lon, this.center.lat, this.frame, f);
    return { lon: c.lon, lat: c.lat, angle: this.angle - turn, frame: f };
  }
}
