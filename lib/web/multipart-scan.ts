// Watches a multipart body's raw bytes as they arrive, beside the parser (busboy), for what the parser lets
// pass in silence: a part it drops (no Content-Disposition, not `form-data`), a malformed `filename*` it reads
// as something else, a field it truncates, bytes after the closing boundary; and it counts the bytes, so that an
// oversized body is refused while it streams rather than after it was read.

/** A problem with the form: its status (400 malformed, 413 too large) and a message naming the field. */
export class FormProblem extends Error {
  constructor(
    readonly statusCode: 400 | 413,
    message: string,
  ) {
    super(message);
    this.name = 'FormProblem';
  }
}

export interface ScannedPart {
  /** The field's name. */
  name: string;
  /** The file name, when the part is a file. */
  fileName?: string;
}

export interface ScanLimits {
  /** The whole body, in bytes. */
  bodyBytes: number;
  /** A part that is not a file, in bytes. */
  fieldBytes: number;
  /** A file, in bytes. */
  fileBytes: number;
  /** One part's headers, in bytes. */
  headerBytes: number;
}

const CRLFCRLF = Buffer.from('\r\n\r\n');

/** The boundary of a multipart Content-Type, or null. */
export function boundaryOf(contentType: string | undefined): string | null {
  const m = /;\s*boundary=(?:"([^"]{1,70})"|([^\s;]{1,70}))/i.exec(contentType ?? '');
  return m ? (m[1] ?? m[2])! : null;
}

/** RFC 8187 ext-value: charset'language'percent-encoded octets, decoded; null when malformed. */
function extValue(value: string): string | null {
  const m = /^(utf-8|iso-8859-1)'[A-Za-z0-9-]*'((?:%[0-9A-Fa-f]{2}|[A-Za-z0-9!#$&+.^_`|~-])+)$/i.exec(value);
  if (!m) return null;
  const bytes = Buffer.from(
    m[2]!.replace(/%([0-9A-Fa-f]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))),
    'latin1',
  );
  if (m[1]!.toLowerCase() === 'iso-8859-1') return bytes.toString('latin1');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

/** A part's Content-Disposition (`form-data; name="x"; filename="y"`) read strictly; a string is what is wrong. */
export function parseContentDisposition(header: string): ScannedPart | string {
  const m = /^\s*form-data\s*/i.exec(header);
  if (!m) return 'it is not a form-data part';
  const params = new Map<string, string>();
  let rest = header.slice(m[0].length);
  while (rest.length) {
    const p = /^;\s*([A-Za-z0-9!#$%&'*+.^_`|~-]+)\s*=\s*(?:"((?:[^"\\\r\n]|\\[^\r\n])*)"|([^\s";]+))\s*/.exec(
      rest,
    );
    if (!p) return 'its Content-Disposition is malformed';
    const key = p[1]!.toLowerCase();
    if (params.has(key)) return `its Content-Disposition has ${key} twice`;
    params.set(key, p[2] !== undefined ? p[2].replace(/\\(.)/g, '$1') : p[3]!);
    rest = rest.slice(p[0].length);
  }
  const name = params.get('name');
  if (name === undefined || name === '') return 'it has no field name';
  const part: ScannedPart = { name };
  if (params.has('filename*')) {
    const decoded = extValue(params.get('filename*')!);
    if (decoded === null) return 'its file name (filename*) is malformed';
    part.fileName = decoded;
  } else if (params.has('filename')) part.fileName = params.get('filename')!;
  return part;
}

/** Reads a part's header block: its Content-Disposition, strictly. */
function parsePartHeaders(block: string): ScannedPart | string {
  let disposition: string | undefined;
  for (const line of block.split('\r\n')) {
    if (line === '') continue;
    const colon = line.indexOf(':');
    if (colon <= 0 || /[\s]/.test(line.slice(0, colon))) return 'its headers are malformed';
    if (line.slice(0, colon).toLowerCase() === 'content-disposition') {
      if (disposition !== undefined) return 'it has two Content-Dispositions';
      disposition = line.slice(colon + 1);
    }
  }
  if (disposition === undefined) return 'it has no Content-Disposition';
  return parseContentDisposition(disposition);
}

export class MultipartScan {
  /** Each part as its raw headers say, in order. */
  readonly parts: ScannedPart[] = [];
  /** The first problem seen, if any: the form is refused. */
  problem: FormProblem | null = null;
  bytes = 0;
  private readonly delimiter: Buffer;
  // What is still to be looked at: the tail of the last chunk (a delimiter may straddle two chunks).
  private pending: Buffer;
  private inHeaders = false;
  private closed = false;
  private partBytes = 0;

  constructor(
    boundary: string,
    private readonly limits: ScanLimits,
  ) {
    this.delimiter = Buffer.from(`\r\n--${boundary}`, 'latin1');
    // The body opens with the delimiter without its CRLF.
    this.pending = Buffer.from('\r\n');
  }

  private fail(status: 400 | 413, message: string): void {
    this.problem ??= new FormProblem(status, message);
  }

  private partLabel(): string {
    const part = this.parts.at(-1);
    return part ? part.name : 'form';
  }

  /** Looks at the next chunk of the body; sets `problem` at the first thing wrong. */
  push(chunk: Buffer): void {
    if (this.problem) return;
    this.bytes += chunk.length;
    if (this.bytes > this.limits.bodyBytes) {
      this.fail(
        413,
        `form: the submission is larger than ${Math.floor(this.limits.bodyBytes / 1024 / 1024)} MiB`,
      );
      return;
    }
    if (this.closed) {
      // An epilogue after the closing boundary: nothing a form sends (a CRLF at most).
      if (chunk.toString('latin1').trim() !== '') this.fail(400, 'form: data after the end of the form');
      return;
    }
    const buf = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    let pos = 0;
    for (;;) {
      if (this.inHeaders) {
        const end = buf.indexOf(CRLFCRLF, pos);
        if (end < 0) {
          if (buf.length - pos > this.limits.headerBytes)
            this.fail(400, 'form: a part has headers that are too long');
          this.pending = buf.subarray(pos);
          return;
        }
        const part = parsePartHeaders(buf.subarray(pos, end).toString('utf8'));
        if (typeof part === 'string') {
          const named = /name="([^"\r\n]{1,60})"/.exec(buf.subarray(pos, end).toString('utf8'))?.[1];
          this.fail(400, `${named ?? 'form'}: a part could not be read (${part})`);
          return;
        }
        this.parts.push(part);
        this.partBytes = 0;
        this.inHeaders = false;
        pos = end + CRLFCRLF.length;
        continue;
      }
      const at = buf.indexOf(this.delimiter, pos);
      if (at < 0) {
        // Keep enough to find a delimiter that straddles this chunk and the next.
        const keep = Math.max(pos, buf.length - this.delimiter.length - 2);
        this.countPartBytes(keep - pos);
        this.pending = Buffer.from(buf.subarray(keep));
        return;
      }
      this.countPartBytes(at - pos);
      if (this.problem) return;
      const after = at + this.delimiter.length;
      if (buf.length < after + 2) {
        this.pending = Buffer.from(buf.subarray(at));
        return;
      }
      if (buf[after] === 0x2d && buf[after + 1] === 0x2d) {
        this.closed = true;
        this.pending = Buffer.alloc(0);
        if (
          buf
            .subarray(after + 2)
            .toString('latin1')
            .trim() !== ''
        )
          this.fail(400, 'form: data after the end of the form');
        return;
      }
      this.inHeaders = true;
      pos = after;
    }
  }

  private countPartBytes(n: number): void {
    const part = this.parts.at(-1);
    if (!part || n <= 0) return;
    this.partBytes += n;
    if (part.fileName === undefined && this.partBytes > this.limits.fieldBytes)
      this.fail(413, `${this.partLabel()}: longer than ${Math.floor(this.limits.fieldBytes / 1024)} KiB`);
    // Said as the parser's own limit says it (the form's file problems are 400s naming the file).
    if (part.fileName !== undefined && this.partBytes > this.limits.fileBytes)
      this.fail(
        400,
        `${this.partLabel()}: ${part.fileName || 'a file'} is larger than ${Math.floor(this.limits.fileBytes / 1024 / 1024)} MiB`,
      );
  }

  /** Whether the body was read to its closing boundary. */
  get complete(): boolean {
    return this.closed;
  }
}
