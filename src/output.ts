/** Writing a PDF so that a reader never sees half of one: a temporary file, renamed into place. */
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describeIoError } from './content/files.js';
import { HandoutError } from './diagnostics.js';

export async function writeFileAtomic(file: string, data: Uint8Array): Promise<void> {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(tmp, data);
    await rename(tmp, file);
  } catch (error) {
    // Clearing up must not hide why the write failed (it fails too when the folder is a file).
    await rm(tmp, { force: true }).catch(() => undefined);
    throw new HandoutError(
      { file: path.relative(process.cwd(), file) || file, message: `cannot write the PDF: ${describeIoError(error)}` },
      { cause: error },
    );
  }
}

/** `output/<brand>/<handout>.pdf`, or `<handout>.large-print.pdf` for a variant. */
export function outputPath(outDir: string, brand: string, id: string, variant = 'standard'): string {
  return path.join(outDir, brand, `${id}${variant === 'standard' ? '' : `.${variant}`}.pdf`);
}
