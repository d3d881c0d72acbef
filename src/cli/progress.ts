/**
 * How a batch reports itself: a live bar on a terminal, one plain line per
 * file in CI or a log, and a summary at the end.
 */
import type { BatchEvent, BatchSummary } from '../batch/batch.js';
import { type Show, showFailure } from './show.js';

export interface Reporter {
  event(event: BatchEvent): void;
  summary(summary: BatchSummary): void;
}

function bar(done: number, total: number, width = 24): string {
  const filled = total === 0 ? width : Math.round((done / total) * width);
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}]`;
}

export function createReporter(stream: NodeJS.WriteStream, live: boolean, show: Show): Reporter {
  const started = performance.now();
  let failed = 0;
  const write = (line: string) => stream.write(`${line}\n`);
  return {
    event(event) {
      if (event.kind === 'planned') {
        write(`${event.total} outputs: ${event.total - event.unchanged} to build, ${event.unchanged} unchanged`);
        return;
      }
      const { result, finished, total } = event;
      if (!result.ok) failed++;
      if (!live) {
        write(
          result.ok
            ? `built ${result.output} (${result.pages} pages, ${Math.round(result.ms)} ms)`
            : `FAILED ${result.output}`,
        );
        return;
      }
      const elapsed = (performance.now() - started) / 1000;
      const eta = finished > 0 ? (elapsed / finished) * (total - finished) : 0;
      stream.write(`\r${bar(finished, total)} ${finished}/${total}  failed ${failed}  ETA ${eta.toFixed(0)} s `);
      if (finished === total) stream.write('\n');
    },
    summary(s) {
      const total = s.built + s.failed.length;
      for (const f of s.failed) write(`\n${f.output}:\n${showFailure(f, show)}`);
      write(
        `\n${s.built} built, ${s.unchanged} unchanged, ${s.failed.length} failed in ${s.seconds.toFixed(1)} s` +
          (total > 0 ? ` (${(total / s.seconds).toFixed(1)} handouts/s)` : ''),
      );
    },
  };
}
