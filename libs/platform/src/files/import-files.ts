import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import ExcelJS from 'exceljs';

/** One row of an import file: its number in the file (the heading row is 1) and its cells. */
export interface FileRow {
  number: number;
  cells: unknown[];
}

/**
 * A CSV file (a path, or its bytes as a stream, e.g. from file storage) row by row, streamed
 * (csv-parse): memory stays flat however long the file is. UTF-8 with or without BOM; quoted
 * fields may span lines (the row number is where it ends).
 */
export async function* csvRows(file: string | Readable): AsyncGenerator<FileRow> {
  const parser = (typeof file === 'string' ? createReadStream(file) : file).pipe(
    parse({ bom: true, relax_column_count: true, skip_empty_lines: true, info: true }),
  );
  for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
    yield { number: info.lines, cells: record };
  }
}

/** The text of an XLSX cell value (rich text, hyperlinks and formula results included). */
function cellText(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (typeof value !== 'object') return value;
  const cell = value as { text?: unknown; richText?: { text: string }[]; result?: unknown };
  if (cell.richText) return cell.richText.map((part) => part.text).join('');
  if (cell.text !== undefined) return cellText(cell.text);
  if (cell.result !== undefined) return cellText(cell.result);
  return null;
}

/**
 * The first worksheet of an XLSX file (a path or a stream) row by row, streamed (exceljs's
 * WorkbookReader); shared strings are cached (they are the file's distinct texts), rows are not kept.
 */
export async function* xlsxRows(file: string | Readable): AsyncGenerator<FileRow> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'ignore',
    worksheets: 'emit',
    entries: 'emit',
  });
  for await (const worksheet of reader) {
    for await (const row of worksheet) {
      const values = (row.values as unknown[]) ?? [];
      yield { number: row.number, cells: Array.from({ length: Math.max(values.length - 1, 0) }, (_, index) => cellText(values[index + 1])) };
    }
    return;
  }
}

/** The SHA-256 of a file, streamed (hex): what identifies an uploaded import file. */
export function sha256OfFile(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(path)
      .on('data', (chunk) => hash.update(chunk))
      .on('end', () => resolve(hash.digest('hex')))
      .on('error', reject);
  });
}

/** A stored upload as multer hands it over. */
export interface UploadedImportFile {
  path: string;
  originalname: string;
}

/** What an import keeps of its upload. */
export interface ImportUpload {
  fileName: string;
  fileHash: string;
  format: 'csv' | 'xlsx';
  filePath: string;
}

/**
 * The stored upload of an import: its name as UTF-8 (multer reads it as latin1), its format from the
 * extension and the SHA-256 of its bytes. No file, or one that is not .csv / .xlsx, throws `unsupported()`;
 * `RemoveUploadOnFailure` then removes what was stored.
 */
export async function importUploadOf(file: UploadedImportFile | undefined, unsupported: () => Error): Promise<ImportUpload> {
  if (!file) throw unsupported();
  const fileName = Buffer.from(file.originalname, 'latin1').toString('utf8');
  const format = /\.csv$/i.test(fileName) ? 'csv' : /\.xlsx$/i.test(fileName) ? 'xlsx' : null;
  if (!format) throw unsupported();
  return { fileName, fileHash: await sha256OfFile(file.path), format, filePath: file.path };
}
