// Renders stand-in photographs and avatars for the demo newsroom: SVG scenes rasterised by sharp.
// Everything is drawn from the seed, so the same seed always gives the same picture.
import sharp from 'sharp';
import { createRng } from './random.js';
import type { Rng } from './random.js';

export interface DemoPhotoOptions {
  seed: number;
  width?: number;
  height?: number;
}

export interface DemoAvatarOptions {
  name: string;
  seed: number | string;
  size?: number;
}

interface Palette {
  skyTop: string;
  skyBottom: string;
  sun: string;
  /** Far to near; the last is the foreground. */
  layers: readonly [string, string, string, string];
  haze: string;
}

// Dawn, overcast, dusk, night and winter light.
const palettes: readonly Palette[] = [
  {
    skyTop: '#f3b27a',
    skyBottom: '#fde6c8',
    sun: '#fff4dc',
    layers: ['#b98a7a', '#7e5d5a', '#4d3b3e', '#241c20'],
    haze: '#f6d2b0',
  },
  {
    skyTop: '#8a96a3',
    skyBottom: '#cdd3d8',
    sun: '#eef0f2',
    layers: ['#8e9499', '#666d73', '#43494f', '#22262a'],
    haze: '#c3c9ce',
  },
  {
    skyTop: '#3b3f6b',
    skyBottom: '#e07a5f',
    sun: '#ffd29a',
    layers: ['#8a5a6a', '#5c3d55', '#35263d', '#17121d'],
    haze: '#d98a72',
  },
  {
    skyTop: '#0d1b2a',
    skyBottom: '#3a506b',
    sun: '#e8eef5',
    layers: ['#2c3e55', '#1f2e41', '#14202e', '#0a1119'],
    haze: '#4b627e',
  },
  {
    skyTop: '#9fc4dc',
    skyBottom: '#eef4f7',
    sun: '#ffffff',
    layers: ['#a6b7c2', '#7d909c', '#55636d', '#2d363d'],
    haze: '#dfe8ee',
  },
  {
    skyTop: '#5f7f95',
    skyBottom: '#d9c9a3',
    sun: '#fff1c9',
    layers: ['#8d8a74', '#65644f', '#424334', '#23241b'],
    haze: '#cbbf9c',
  },
];

// Rasterises at half size and scales up: faster, and the softness reads as a photograph.
const RENDER_SCALE = 0.5;

export async function renderDemoPhoto(options: DemoPhotoOptions): Promise<Buffer> {
  const width = options.width ?? 1600;
  const height = options.height ?? 1000;
  const renderWidth = Math.max(16, Math.round(width * RENDER_SCALE));
  const renderHeight = Math.max(16, Math.round(height * RENDER_SCALE));
  const svg = photoSvg(createRng(`photo:${options.seed}`), {
    width: 1000,
    height: Math.round((1000 * height) / width),
    outputWidth: renderWidth,
    outputHeight: renderHeight,
  });
  return sharp(Buffer.from(svg))
    .resize(width, height, { fit: 'fill', kernel: 'cubic' })
    .jpeg({ quality: 80, mozjpeg: false })
    .toBuffer();
}

interface SvgSize {
  /** The drawing's coordinate space. */
  width: number;
  height: number;
  /** The rasterised size. */
  outputWidth: number;
  outputHeight: number;
}

function photoSvg(rng: Rng, size: SvgSize): string {
  const { width, height } = size;
  const palette = rng.pick(palettes);
  const horizon = height * (0.45 + rng.next() * 0.2);
  const sunX = width * (0.15 + rng.next() * 0.7);
  const sunY = horizon - height * (0.05 + rng.next() * 0.3);
  const sunR = height * (0.03 + rng.next() * 0.05);
  // Soft shapes use radial gradients rather than blur filters, which are slow to rasterise.
  const parts: string[] = [
    `<rect width="${width}" height="${height}" fill="url(#sky)"/>`,
    `<circle cx="${f(sunX)}" cy="${f(sunY)}" r="${f(sunR * 4)}" fill="url(#glow)"/>`,
    `<circle cx="${f(sunX)}" cy="${f(sunY)}" r="${f(sunR)}" fill="${palette.sun}" opacity="0.9"/>`,
  ];

  for (let cloud = rng.int(2, 7); cloud > 0; cloud--) {
    const rx = width * (0.08 + rng.next() * 0.18);
    const ry = height * (0.02 + rng.next() * 0.04);
    parts.push(
      `<ellipse cx="${f(rng.next() * width)}" cy="${f(rng.next() * horizon * 0.75)}" rx="${f(rx)}" ry="${f(ry)}" fill="url(#cloud)" opacity="${(0.4 + rng.next() * 0.5).toFixed(2)}"/>`,
    );
  }

  const smokeDepth = rng.chance(0.6) ? rng.int(0, 2) : -1;
  palette.layers.forEach((color, depth) => {
    const base = horizon + (height - horizon) * (depth / 4) * 0.85;
    // Aerial perspective: distant layers fade towards the haze colour.
    const fill = mix(color, palette.haze, [0.45, 0.25, 0.1, 0][depth] ?? 0);
    const isCity = depth >= 1 && depth <= 2 && rng.chance(0.5);
    // Smoke is drawn before its layer so the column rises from behind the roofs or hills.
    if (depth === smokeDepth) parts.push(smoke(rng, width, base));
    parts.push(
      isCity
        ? skyline(rng, width, height, base, fill)
        : hills(rng, width, height, base, fill, depth),
    );
  });

  const smokeColor = rng.chance(0.5) ? '#3b3838' : palette.haze;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${size.outputWidth}" height="${size.outputHeight}" viewBox="0 0 ${width} ${height}" preserveAspectRatio="none">
<defs>
<linearGradient id="sky" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${palette.skyTop}"/><stop offset="1" stop-color="${palette.skyBottom}"/></linearGradient>
<radialGradient id="glow"><stop offset="0" stop-color="${palette.sun}" stop-opacity="0.55"/><stop offset="1" stop-color="${palette.sun}" stop-opacity="0"/></radialGradient>
<radialGradient id="cloud"><stop offset="0" stop-color="${palette.haze}" stop-opacity="0.9"/><stop offset="0.6" stop-color="${palette.haze}" stop-opacity="0.5"/><stop offset="1" stop-color="${palette.haze}" stop-opacity="0"/></radialGradient>
<radialGradient id="smoke"><stop offset="0" stop-color="${smokeColor}" stop-opacity="0.7"/><stop offset="1" stop-color="${smokeColor}" stop-opacity="0"/></radialGradient>
</defs>
${parts.join('\n')}
</svg>`;
}

function f(value: number): string {
  return value.toFixed(1);
}

function mix(from: string, to: string, amount: number): string {
  const a = Number.parseInt(from.slice(1), 16);
  const b = Number.parseInt(to.slice(1), 16);
  const channel = (shift: number): number =>
    Math.round(((a >> shift) & 255) * (1 - amount) + ((b >> shift) & 255) * amount);
  return `#${((channel(16) << 16) | (channel(8) << 8) | channel(0)).toString(16).padStart(6, '0')}`;
}

function hills(
  rng: Rng,
  width: number,
  height: number,
  base: number,
  color: string,
  depth: number,
): string {
  const steps = rng.int(5, 9);
  const amplitude = height * (0.04 + rng.next() * 0.06) * (1 - depth * 0.15);
  let path = `M0 ${height} L0 ${(base - rng.next() * amplitude).toFixed(1)}`;
  for (let step = 1; step <= steps; step++) {
    const x = (width * step) / steps;
    const controlX = x - width / steps / 2;
    const controlY = base - amplitude * (0.5 + rng.next());
    path += ` Q${controlX.toFixed(1)} ${controlY.toFixed(1)} ${x.toFixed(1)} ${(base - rng.next() * amplitude).toFixed(1)}`;
  }
  return `<path d="${path} L${width} ${height} Z" fill="${color}"/>`;
}

function skyline(rng: Rng, width: number, height: number, base: number, color: string): string {
  const rects: string[] = [];
  let x = -rng.next() * 20;
  while (x < width) {
    const buildingWidth = width * (0.02 + rng.next() * 0.06);
    const buildingHeight = height * (0.03 + rng.next() * 0.16);
    const isDamaged = rng.chance(0.15);
    const top = base - buildingHeight;
    if (isDamaged) {
      const notch = buildingWidth * (0.3 + rng.next() * 0.4);
      rects.push(
        `<path d="M${x.toFixed(1)} ${height} V${top.toFixed(1)} H${(x + notch).toFixed(1)} L${(x + buildingWidth).toFixed(1)} ${(top + buildingHeight * 0.35).toFixed(1)} V${height} Z" fill="${color}"/>`,
      );
    } else {
      rects.push(
        `<rect x="${x.toFixed(1)}" y="${top.toFixed(1)}" width="${buildingWidth.toFixed(1)}" height="${(height - top).toFixed(1)}" fill="${color}"/>`,
      );
    }
    x += buildingWidth + (rng.chance(0.3) ? width * rng.next() * 0.03 : 0);
  }
  return rects.join('');
}

function smoke(rng: Rng, width: number, base: number): string {
  const puffs: string[] = [];
  const drift = rng.chance(0.5) ? 1 : -1;
  let x = width * (0.1 + rng.next() * 0.8);
  let y = base;
  let r = 18 + rng.next() * 12;
  for (let puff = 0; puff < 12; puff++) {
    puffs.push(`<circle cx="${f(x)}" cy="${f(y)}" r="${f(r)}"/>`);
    x += drift * r * (0.2 + rng.next() * 0.5);
    y -= r * (0.5 + rng.next() * 0.3);
    r *= 1.12;
  }
  return `<g fill="url(#smoke)">${puffs.join('')}</g>`;
}

const avatarColors = [
  '#b4232a',
  '#1f6f8b',
  '#2e7d4f',
  '#7b4ea3',
  '#c26a1b',
  '#3d5a80',
  '#8c5e3c',
  '#0f766e',
];

export async function renderDemoAvatar(options: DemoAvatarOptions): Promise<Buffer> {
  const size = options.size ?? 400;
  const rng = createRng(`avatar:${options.seed}`);
  const background = rng.pick(avatarColors);
  const initials = options.name
    .split(/\s+/)
    .filter((word) => word.length > 0)
    .slice(0, 2)
    .map((word) => word[0]?.toUpperCase() ?? '')
    .join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 100 100">
<rect width="100" height="100" fill="${background}"/>
<circle cx="${rng.int(10, 90)}" cy="${rng.int(10, 90)}" r="${rng.int(35, 60)}" fill="#ffffff" opacity="0.08"/>
<text x="50" y="50" dy="0.35em" text-anchor="middle" font-family="sans-serif" font-weight="bold" font-size="40" fill="#ffffff">${escapeXml(initials)}</text>
</svg>`;
  return sharp(Buffer.from(svg)).resize(size, size).png().toBuffer();
}

function escapeXml(value: string): string {
  return value.replace(/[<>&'"]/g, (char) => `&#${char.charCodeAt(0)};`);
}
