/**
 * Reading a response body without trusting it: a cap on the bytes read from the wire, a cap on the
 * decompressed output (a gzip bomb stops at the cap, it is never inflated in full), then decoding
 * per the Content-Type charset.
 */
import { once } from 'node:events';
import type { Transform } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';

export interface BodyCaps {
  /** Most decoded bytes kept. */
  maxBytes: number;
  /** Most bytes read from the wire (compressed bodies are small; anything bigger is cut). */
  maxWireBytes: number;
}

export interface BodyRead {
  bytes: Buffer;
  truncated: boolean;
  /** The stream said it was compressed but did not decompress (the bytes kept are what did). */
  decodeError?: string;
}

function decompressorFor(contentEncoding: string | undefined): Transform | undefined {
  const encoding = contentEncoding?.trim().toLowerCase();
  if (encoding === 'gzip' || encoding === 'x-gzip') return createGunzip();
  if (encoding === 'deflate') return createInflate();
  if (encoding === 'br') return createBrotliDecompress();
  return undefined;
}

class Collector {
  private chunks: Buffer[] = [];
  private length = 0;
  full = false;
  constructor(private readonly max: number) {}
  add(chunk: Buffer): void {
    if (this.full) return;
    const room = this.max - this.length;
    if (chunk.length > room) {
      this.chunks.push(chunk.subarray(0, room));
      this.length = this.max;
      this.full = true;
      return;
    }
    this.chunks.push(chunk);
    this.length += chunk.length;
  }
  bytes(): Buffer {
    return Buffer.concat(this.chunks);
  }
}

/** Read `body` to its end or to a cap, whichever comes first. Errors of the stream itself propagate. */
export async function readBody(body: AsyncIterable<Buffer | Uint8Array>, contentEncoding: string | undefined, caps: BodyCaps): Promise<BodyRead> {
  const out = new Collector(caps.maxBytes);
  const decoder = decompressorFor(contentEncoding);
  let wire = 0;
  let wireFull = false;
  if (!decoder) {
    for await (const chunk of body) {
      out.add(Buffer.from(chunk));
      if (out.full) break;
    }
    return { bytes: out.bytes(), truncated: out.full };
  }

  let decodeError: string | undefined;
  decoder.on('data', (chunk: Buffer) => {
    out.add(chunk);
    if (out.full) decoder.destroy();
  });
  const ended = new Promise<void>((resolve) => {
    decoder.once('end', resolve);
    decoder.once('close', resolve);
    decoder.once('error', (error: Error) => {
      decodeError = error.message;
      resolve();
    });
  });
  for await (const chunk of body) {
    if (decoder.destroyed) break;
    wire += chunk.length;
    if (wire > caps.maxWireBytes) {
      wireFull = true;
      break;
    }
    if (!decoder.write(chunk)) await Promise.race([once(decoder, 'drain').catch(() => undefined), ended]);
  }
  if (!decoder.destroyed) {
    if (wireFull) decoder.destroy();
    else decoder.end();
  }
  await ended;
  return { bytes: out.bytes(), truncated: out.full || wireFull, ...(decodeError && !out.full ? { decodeError } : {}) };
}

/** The charset of a Content-Type, if it names one TextDecoder knows; else UTF-8. */
export function decodeText(bytes: Buffer, contentType: string | undefined): string {
  const label = /charset\s*=\s*"?([\w.:-]+)/i.exec(contentType ?? '')?.[1];
  try {
    return new TextDecoder(label ?? 'utf-8').decode(bytes);
  } catch {
    return new TextDecoder('utf-8').decode(bytes);
  }
}
