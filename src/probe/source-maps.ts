/**
 * Source maps next to a page's own scripts: which `.map` URLs to ask for, and whether an answer is one
 * (JSON with `sources`, the shape of source map v3).
 */
import { pageScripts } from './scripts.js';

/** Next.js chunks first: a Next.js build that publishes maps publishes them for every chunk. */
const PRIORITY = /\/_next\/static\//;

/** `<script src>.map` for the page's same-host scripts, at most `max`, Next.js chunks first. */
export function sourceMapCandidates(html: string, pageUrl: string, max: number): string[] {
  const page = new URL(pageUrl);
  const maps: string[] = [];
  for (const { src } of pageScripts(html)) {
    let url: URL;
    try {
      url = new URL(src, page);
    } catch {
      continue;
    }
    if (url.hostname !== page.hostname || (url.protocol !== 'http:' && url.protocol !== 'https:') || !/\.[cm]?js$/i.test(url.pathname)) continue;
    url.search = '';
    url.hash = '';
    const map = `${url.href}.map`;
    if (!maps.includes(map)) maps.push(map);
  }
  const ranked = [...maps.filter((map) => PRIORITY.test(map)), ...maps.filter((map) => !PRIORITY.test(map))];
  return ranked.slice(0, max);
}

/** A cut body is judged by its start: maps begin with their version and file list. */
const MAP_HEAD = /^\s*\{[\s\S]{0,4000}?"sources"\s*:\s*\[/;

/** The number of source files a body maps (a source map), or undefined when it is not one. */
export function sourceMapSources(body: string, truncated: boolean): number | undefined {
  // The spec allows an XSSI guard line before the JSON.
  const text = body.replace(/^\)\]\}'[^\n]*\n/, '');
  if (truncated) {
    if (!MAP_HEAD.test(text) || !/"version"\s*:\s*3\b/.test(text.slice(0, 4096))) return undefined;
    return (/"sources"\s*:\s*\[([^\]]*)\]/.exec(text)?.[1]?.match(/"(?:[^"\\]|\\.)*"/g) ?? []).length;
  }
  if (!/^\s*\{/.test(text)) return undefined;
  try {
    const map = JSON.parse(text) as unknown;
    if (typeof map !== 'object' || map === null || !Array.isArray((map as { sources?: unknown }).sources)) return undefined;
    return (map as { sources: unknown[] }).sources.length;
  } catch {
    return undefined;
  }
}
