/**
 * Stack traces in a response body: V8's (Node.js) `at fn (/path/file.js:12:5)` frames, whether the body
 * is plain text, JSON (`"stack":"Error: …\n    at …"`) or HTML (Express's default error page writes
 * `<br> &nbsp; &nbsp;at …`).
 */

export interface StackTrace {
  /** The error line above the frames (`SyntaxError: Unexpected end of JSON input`), when there is one. */
  error?: string;
  /** The first frame, as written. */
  frame: string;
  frames: number;
}

/** `at name (location)` or `at location`; a location is a file path or URL with line:column, `<anonymous>` or `native`. */
const FRAME = /^\s*at (?:async )?(?:(?:new )?[^\n()]{1,300} \()?(?:((?:file:\/\/|node:|\/|[A-Za-z]:\\|webpack:\/\/)[^\n()]{0,500}?:\d+:\d+)|<anonymous>|native)\)?["'}\],;]*\s*$/;
const ERROR_LINE = /(?:^|[\s">])((?:[A-Z][\w$]*)?(?:Error|Exception)\b(?: \[[\w-]+\])?:[^\n]*)/;
/** Markup around a trace in an HTML page (not `<anonymous>`, which frames contain). */
const MARKUP = /<\/?(?:pre|code|p|div|span|body|html|h[1-6]|li|ul|ol|td|tr|table|b|i|em|strong|tt|samp|small)\b[^>]*>/gi;
/** Enough of a body to find a trace near its start (pages carry it in their first screen). */
const MAX_SCANNED_CHARS = 64 * 1024;
const MAX_LINE_CHARS = 2000;

function decode(body: string): string {
  return body
    .slice(0, MAX_SCANNED_CHARS)
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(MARKUP, '\n')
    .replace(/(?:\\r)?\\n/g, '\n')
    .replace(/&nbsp;|&#160;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;|&#34;/g, '"')
    .replace(/&#39;|&#x27;/gi, "'")
    .replace(/&amp;/g, '&');
}

const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** The first stack trace of at least two frames, one of them with a file position, in `body`. */
export function stackTrace(body: string): StackTrace | undefined {
  const lines = decode(body).split('\n');
  for (let start = 0; start < lines.length; start++) {
    let end = start;
    let positioned = 0;
    while (end < lines.length && lines[end]!.length <= MAX_LINE_CHARS) {
      const frame = FRAME.exec(lines[end]!);
      if (!frame) break;
      if (frame[1]) positioned++;
      end++;
    }
    if (end - start >= 2 && positioned > 0) {
      const above = lines.slice(Math.max(0, start - 3), start).reverse();
      const error = above.map((line) => ERROR_LINE.exec(line)?.[1]).find(Boolean);
      return { ...(error ? { error: clip(error.trim(), 160) } : {}), frame: clip(lines[start]!.trim(), 200), frames: end - start };
    }
    start = end;
  }
  return undefined;
}
