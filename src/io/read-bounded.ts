/** A small file's text, refused (error code EFBIG) when larger than `maxBytes`: bounded memory whatever the file. */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

export function readFileBounded(file: string, maxBytes: number): string {
  const fd = openSync(file, 'r');
  try {
    const { size } = fstatSync(fd);
    if (size > maxBytes) throw Object.assign(new Error(`larger than ${maxBytes} bytes`), { code: 'EFBIG' });
    const buf = Buffer.alloc(size);
    let read = 0;
    while (read < size) {
      const n = readSync(fd, buf, read, size - read, read);
      if (n === 0) break;
      read += n;
    }
    return buf.toString('utf8', 0, read);
  } finally {
    closeSync(fd);
  }
}
