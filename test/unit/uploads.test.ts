// The pure parts of uploads: names from the detected type, active content (polyglots) found without refusing
// genuine files, and the raw multipart scan whatever way the body is cut into chunks.
import { randomBytes } from 'node:crypto';
import { activeContentIn, fileNameFor, sniffAttachmentType } from '../../lib/web/file-types';
import { MultipartScan, parseContentDisposition } from '../../lib/web/multipart-scan';

test('a file is named with the extension of its detected type', () => {
  expect(fileNameFor('report.html', 'application/pdf')).toBe('report.pdf');
  expect(fileNameFor('report.PDF', 'application/pdf')).toBe('report.pdf');
  expect(fileNameFor('scan.jpeg', 'image/jpeg')).toBe('scan.jpeg');
  expect(fileNameFor('scan.png', 'image/jpeg')).toBe('scan.jpg');
  expect(fileNameFor('archive.tar.gz', 'image/png')).toBe('archive.tar.png');
  expect(fileNameFor('.htaccess', 'application/pdf')).toBe('.htaccess.pdf');
  expect(fileNameFor('', 'image/gif')).toBe('attachment.gif');
  expect(fileNameFor('../../etc/passwd\r\n', 'application/pdf')).toBe('.._.._etc_passwd__.pdf');
  expect(fileNameFor(`${'a'.repeat(300)}.html`, 'application/pdf')).toHaveLength(200);
  expect(fileNameFor('x\u202egnp.exe', 'image/png')).toBe('x_gnp.png');
});

test('HTML, SVG and script inside any file, and active PDFs, are found', () => {
  const pdf = (body: string) => Buffer.from(`%PDF-1.7\n${body}\n%%EOF`, 'latin1');
  expect(activeContentIn(pdf('<html><body>hi</body></html>'), 'application/pdf')).toMatch(/HTML or script/);
  expect(activeContentIn(pdf('<!DOCTYPE html>'), 'application/pdf')).toMatch(/HTML or script/);
  expect(activeContentIn(Buffer.from('\xff\xd8\xff<SCRIPT>x</SCRIPT>', 'latin1'), 'image/jpeg')).toMatch(
    /HTML or script/,
  );
  expect(activeContentIn(pdf('<< /S /JavaScript >>'), 'application/pdf')).toMatch(/JavaScript/);
  expect(activeContentIn(pdf('<< /J#53 (x) >>'), 'application/pdf')).toMatch(/\/JS/);
  expect(activeContentIn(pdf('<< /Launch >>'), 'application/pdf')).toMatch(/\/Launch/);
  // Genuine documents: names outside streams, XMP metadata, compressed bytes that spell /JS by chance.
  expect(
    activeContentIn(
      pdf(
        '1 0 obj << /Type /Catalog /Metadata 2 0 R >> endobj\n2 0 obj << /Length 9 >> stream\n<x:xmpmeta></x:xmpmeta>\nendstream\n3 0 obj << /Filter /FlateDecode >> stream\n\x00/JS(\x01\nendstream',
      ),
      'application/pdf',
    ),
  ).toBeNull();
});

test('random bytes (what compressed images are made of) are not taken for markup', () => {
  for (let i = 0; i < 5; i++) {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), randomBytes(2 * 1024 * 1024)]);
    expect(sniffAttachmentType(bytes)).toBe('image/jpeg');
    expect(activeContentIn(bytes, 'image/jpeg')).toBeNull();
  }
});

test('Content-Disposition is read strictly', () => {
  expect(parseContentDisposition(' form-data; name="attachments"; filename="a b.pdf"')).toEqual({
    name: 'attachments',
    fileName: 'a b.pdf',
  });
  expect(parseContentDisposition(` form-data; name="attachments"; filename*=UTF-8''%E2%82%AC.pdf`)).toEqual({
    name: 'attachments',
    fileName: '€.pdf',
  });
  expect(parseContentDisposition(' form-data; name=atrText')).toEqual({ name: 'atrText' });
  for (const bad of [
    ' attachment; name="x"',
    ' form-data',
    ' form-data; name=""',
    ' form-data; name="a"; name="b"',
    ' form-data; name="a"; filename*=a.pdf',
    ` form-data; name="a"; filename*=UTF-8''%FF.pdf`,
    ` form-data; name="a"; filename*=UTF-8''a b.pdf`,
    ' form-data; name="a"; filename="unterminated',
    ' form-data; name="a" garbage',
  ])
    expect(typeof parseContentDisposition(bad)).toBe('string');
});

test('the raw scan reads the same parts, and finds the same problems, however the body is cut into chunks', () => {
  const boundary = 'b0UnDaRy';
  const body = Buffer.from(
    [
      `--${boundary}`,
      'Content-Disposition: form-data; name="atrText"',
      '',
      `text with --${boundary.slice(0, 4)} inside`,
      `--${boundary}`,
      'Content-Disposition: form-data; name="attachments"; filename="a.pdf"',
      'Content-Type: application/pdf',
      '',
      '%PDF-1.4 bytes\r\n\r\nmore',
      `--${boundary}--`,
      '',
    ].join('\r\n'),
  );
  const limits = { bodyBytes: 1024, fieldBytes: 64, fileBytes: 64, headerBytes: 256 };
  for (let cut = 1; cut < body.length; cut++) {
    const scan = new MultipartScan(boundary, limits);
    scan.push(body.subarray(0, cut));
    scan.push(body.subarray(cut));
    expect([scan.problem, scan.complete, scan.parts]).toEqual([
      null,
      true,
      [{ name: 'atrText' }, { name: 'attachments', fileName: 'a.pdf' }],
    ]);
  }
  // Byte by byte, too.
  const scan = new MultipartScan(boundary, limits);
  for (const byte of body) scan.push(Buffer.from([byte]));
  expect(scan.complete).toBe(true);

  const malformed = Buffer.from(body.toString().replace('filename="a.pdf"', 'filename*=a.pdf'));
  for (let cut = 1; cut < malformed.length; cut++) {
    const s = new MultipartScan(boundary, limits);
    s.push(malformed.subarray(0, cut));
    s.push(malformed.subarray(cut));
    expect(s.problem?.message).toBe(
      'attachments: a part could not be read (its file name (filename*) is malformed)',
    );
  }
  const over = new MultipartScan(boundary, { ...limits, fieldBytes: 8 });
  over.push(body);
  expect([over.problem?.statusCode, over.problem?.message]).toEqual([413, 'atrText: longer than 0 KiB']);
  const tooBig = new MultipartScan(boundary, { ...limits, bodyBytes: 100 });
  tooBig.push(body);
  expect(tooBig.problem?.statusCode).toBe(413);
});
