/**
 * Draws the Teams app icons into appPackage/:
 *   color.png   192x192, full colour: a dark teal rounded square with a white clipboard and a teal tick.
 *   outline.png  32x32, the same clipboard and tick as white strokes on a fully transparent background
 *               (Teams' rule for outline icons: white and transparent only).
 * Shapes are described in icon pixels, sampled on a finer grid (supersampling) and averaged down, so the
 * edges are anti-aliased. Run with `npx tsx scripts/make-icons.ts`.
 */
import { writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { PNG } from "pngjs";

type Rgb = readonly [number, number, number];
/** A shape is a test "is this point inside?" in icon pixel coordinates (0..size, y down). */
type Shape = (x: number, y: number) => boolean;

const TEAL: Rgb = [0x1f, 0x6f, 0x78];
const TEAL_DARK: Rgb = [0x16, 0x55, 0x5c];
const TEAL_PALE: Rgb = [0xd3, 0xe9, 0xeb];
const LINE_GREY: Rgb = [0xb9, 0xd3, 0xd6];
const WHITE: Rgb = [0xff, 0xff, 0xff];

// ---- geometry -------------------------------------------------------------------------------

/** Signed distance to a rounded rectangle (negative inside). */
function roundedRectDistance(x: number, y: number, x0: number, y0: number, x1: number, y1: number, r: number): number {
  const cx = (x0 + x1) / 2;
  const cy = (y0 + y1) / 2;
  const hx = (x1 - x0) / 2 - r;
  const hy = (y1 - y0) / 2 - r;
  const qx = Math.abs(x - cx) - hx;
  const qy = Math.abs(y - cy) - hy;
  const outside = Math.hypot(Math.max(qx, 0), Math.max(qy, 0));
  const inside = Math.min(Math.max(qx, qy), 0);
  return outside + inside - r;
}

function roundedRect(x0: number, y0: number, x1: number, y1: number, r: number): Shape {
  return (x, y) => roundedRectDistance(x, y, x0, y0, x1, y1, r) <= 0;
}

/** The outline of a rounded rectangle, `width` wide, centred on its edge. */
function roundedRectStroke(x0: number, y0: number, x1: number, y1: number, r: number, width: number): Shape {
  return (x, y) => Math.abs(roundedRectDistance(x, y, x0, y0, x1, y1, r)) <= width / 2;
}

function circle(cx: number, cy: number, r: number): Shape {
  return (x, y) => Math.hypot(x - cx, y - cy) <= r;
}

function segmentDistance(x: number, y: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(x - (ax + t * dx), y - (ay + t * dy));
}

/** A polyline with round caps and joins. */
function polyline(points: ReadonlyArray<readonly [number, number]>, width: number): Shape {
  return (x, y) => {
    for (let i = 1; i < points.length; i++) {
      const [ax, ay] = points[i - 1]!;
      const [bx, by] = points[i]!;
      if (segmentDistance(x, y, ax, ay, bx, by) <= width / 2) return true;
    }
    return false;
  };
}

function verticalGradient(top: Rgb, bottom: Rgb, y0: number, y1: number): (x: number, y: number) => Rgb {
  return (_x, y) => {
    const t = Math.max(0, Math.min(1, (y - y0) / (y1 - y0)));
    return [0, 1, 2].map((i) => top[i]! + (bottom[i]! - top[i]!) * t) as unknown as Rgb;
  };
}

// ---- raster -----------------------------------------------------------------------------------

/** A supersampled RGBA canvas (straight colour, alpha 0..1) that composites shapes with "over". */
class Canvas {
  private readonly n: number;
  private readonly rgba: Float64Array;

  constructor(
    readonly size: number,
    readonly scale: number,
  ) {
    this.n = size * scale;
    this.rgba = new Float64Array(this.n * this.n * 4);
  }

  /** Paints `shape` with `colour` (a fixed colour or a function of position) at `opacity`. */
  fill(shape: Shape, colour: Rgb | ((x: number, y: number) => Rgb), opacity = 1): void {
    this.each(shape, (i, x, y) => {
      const c = typeof colour === "function" ? colour(x, y) : colour;
      const a = this.rgba[i + 3]!;
      const outA = opacity + a * (1 - opacity);
      for (let k = 0; k < 3; k++) {
        this.rgba[i + k] = (c[k]! * opacity + this.rgba[i + k]! * a * (1 - opacity)) / outA;
      }
      this.rgba[i + 3] = outA;
    });
  }

  /** Makes `shape` fully transparent again (used to cut gaps in the outline icon). */
  clear(shape: Shape): void {
    this.each(shape, (i) => {
      this.rgba[i + 3] = 0;
    });
  }

  private each(shape: Shape, paint: (index: number, x: number, y: number) => void): void {
    for (let sy = 0; sy < this.n; sy++) {
      const y = (sy + 0.5) / this.scale;
      for (let sx = 0; sx < this.n; sx++) {
        const x = (sx + 0.5) / this.scale;
        if (shape(x, y)) paint((sy * this.n + sx) * 4, x, y);
      }
    }
  }

  /** Averages each scale x scale block (in premultiplied colour) into one 8-bit RGBA pixel. */
  toPng(): Buffer {
    const png = new PNG({ width: this.size, height: this.size, colorType: 6 });
    const s = this.scale;
    for (let py = 0; py < this.size; py++) {
      for (let px = 0; px < this.size; px++) {
        let r = 0;
        let g = 0;
        let b = 0;
        let a = 0;
        for (let dy = 0; dy < s; dy++) {
          for (let dx = 0; dx < s; dx++) {
            const i = ((py * s + dy) * this.n + (px * s + dx)) * 4;
            const alpha = this.rgba[i + 3]!;
            r += this.rgba[i]! * alpha;
            g += this.rgba[i + 1]! * alpha;
            b += this.rgba[i + 2]! * alpha;
            a += alpha;
          }
        }
        const o = (py * this.size + px) * 4;
        const alpha8 = Math.round((a / (s * s)) * 255);
        // Fully transparent pixels keep a white colour so resampling by a host never darkens the edges.
        png.data[o] = alpha8 === 0 ? 255 : Math.round(r / a);
        png.data[o + 1] = alpha8 === 0 ? 255 : Math.round(g / a);
        png.data[o + 2] = alpha8 === 0 ? 255 : Math.round(b / a);
        png.data[o + 3] = alpha8;
      }
    }
    return PNG.sync.write(png, { colorType: 6 });
  }
}

// ---- the two icons ----------------------------------------------------------------------------

/** 192x192: teal rounded square, white clipboard with a soft shadow, pale clip, teal tick and two text lines. */
function drawColourIcon(): Buffer {
  const c = new Canvas(192, 4);
  c.fill(roundedRect(0, 0, 192, 192, 40), verticalGradient([0x25, 0x80, 0x8a], [0x1a, 0x60, 0x68], 0, 192));

  const board = { x0: 50, y0: 42, x1: 142, y1: 162, r: 12 };
  c.fill(roundedRect(board.x0 + 3, board.y0 + 6, board.x1 + 3, board.y1 + 6, board.r), TEAL_DARK, 0.55); // shadow
  c.fill(roundedRect(board.x0, board.y0, board.x1, board.y1, board.r), WHITE);

  // The clip: a pale teal tab over the top edge of the board, with a hole for the ring.
  c.fill(roundedRect(72, 30, 120, 56, 9), TEAL_DARK);
  c.fill(roundedRect(75, 33, 117, 53, 7), TEAL_PALE);
  c.fill(circle(96, 33, 9), TEAL_DARK);
  c.fill(circle(96, 33, 5), TEAL_PALE);

  // The tick, then two lines of "text" below it.
  c.fill(
    polyline(
      [
        [70, 98],
        [88, 116],
        [122, 80],
      ],
      13,
    ),
    TEAL,
  );
  c.fill(
    polyline(
      [
        [68, 138],
        [124, 138],
      ],
      6,
    ),
    LINE_GREY,
  );
  c.fill(
    polyline(
      [
        [68, 150],
        [106, 150],
      ],
      6,
    ),
    LINE_GREY,
  );
  return c.toPng();
}

/** 32x32: the clipboard outline, its clip and the tick, white on transparent. */
function drawOutlineIcon(): Buffer {
  const c = new Canvas(32, 8);
  // Edges sit on whole pixels where they are straight, so the 2 px strokes stay crisp.
  c.fill(roundedRectStroke(7, 6, 25, 29, 2.5, 2), WHITE);
  // Cut a gap in the board's top edge around the clip, then draw the clip itself.
  c.clear(roundedRect(10, 1, 22, 10, 2.5));
  c.fill(roundedRectStroke(12, 3, 20, 8, 1.5, 2), WHITE);
  c.fill(
    polyline(
      [
        [11.5, 18],
        [14.5, 21],
        [20.5, 14.5],
      ],
      2.5,
    ),
    WHITE,
  );
  return c.toPng();
}

function main(): void {
  const dir = join(dirname(fileURLToPath(import.meta.url)), "..", "appPackage");
  const colour = join(dir, "color.png");
  const outline = join(dir, "outline.png");
  writeFileSync(colour, drawColourIcon());
  writeFileSync(outline, drawOutlineIcon());
  console.log(`wrote ${colour}\nwrote ${outline}`);
}

main();
