/**
 * Ink sketch: outlines from the luminance edges of the flat render, and hatching by
 * tone (one direction for mid-tones, crossed for shadows, a third pass for the
 * darkest) on warm paper. Tones are stretched first, so a night scene still has
 * lights and darks to draw instead of one even cross-hatch.
 */
export function inkSketch(raw: Buffer, width: number, height: number, m: number): Buffer {
  const n = width * height;
  const lum = new Float32Array(n);
  const histogram = new Uint32Array(256);
  for (let p = 0, i = 0; p < n; p++, i += 3) {
    const l = (0.299 * (raw[i] ?? 0) + 0.587 * (raw[i + 1] ?? 0) + 0.114 * (raw[i + 2] ?? 0)) | 0;
    lum[p] = l;
    histogram[l] = (histogram[l] ?? 0) + 1;
  }
  const lo = percentile(histogram, n * 0.03);
  const hi = Math.max(lo + 1, percentile(histogram, n * 0.97));
  for (let p = 0; p < n; p++) {
    const v = ((lum[p] ?? 0) - lo) / (hi - lo);
    lum[p] = v < 0 ? 0 : Math.min(v, 1);
  }

  const out = Buffer.alloc(n * 3);
  const paper = [247, 242, 230] as const;
  const ink = [30, 28, 38] as const;
  const spacing = Math.max(5, Math.round(m / 85));
  const lineW = Math.max(1, Math.round(spacing / 5));
  const half = spacing >> 1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const p = y * width + x;
      const xl = x > 0 ? p - 1 : p;
      const xr = x < width - 1 ? p + 1 : p;
      const yu = y > 0 ? p - width : p;
      const yd = y < height - 1 ? p + width : p;
      const gx = (lum[xr] ?? 0) - (lum[xl] ?? 0);
      const gy = (lum[yd] ?? 0) - (lum[yu] ?? 0);
      const g = gx * gx + gy * gy;
      // Only real edges become lines: soft gradients stay clean.
      const edge = g > 0.02 ? 1 : g > 0.006 ? (g - 0.006) / 0.014 : 0;
      const l = lum[p] ?? 0;
      let hatch = 0;
      if (l < 0.7 && (x + y) % spacing < lineW) hatch = 0.6;
      if (l < 0.45 && (x - y + height * spacing) % spacing < lineW) hatch = 0.8;
      if (l < 0.22 && (x + y + half) % spacing < lineW) hatch = 0.95;
      const k = Math.max(edge, hatch);
      const i = p * 3;
      out[i] = paper[0] + (ink[0] - paper[0]) * k;
      out[i + 1] = paper[1] + (ink[1] - paper[1]) * k;
      out[i + 2] = paper[2] + (ink[2] - paper[2]) * k;
    }
  }
  return out;
}

function percentile(histogram: Uint32Array, count: number): number {
  let seen = 0;
  for (let v = 0; v < 256; v++) {
    seen += histogram[v] ?? 0;
    if (seen >= count) return v;
  }
  return 255;
}
