import {
  ACCELERATORS,
  formatBitsPerS,
  formatBytes,
  formatCount,
  formatFlopsPerS,
  MODELS,
  paramCounts,
} from '@aidc/core';
import { UserError } from '../errors.js';
import { writeOut } from '../io.js';
import { table } from '../render/table.js';

export function catalogCommand(kind: string | undefined, opts: { json?: boolean }): void {
  writeOut(catalogText(kind ?? 'accelerators', opts.json === true));
}

function catalogText(which: string, json: boolean): string {
  if (which === 'accelerators') {
    if (json) return JSON.stringify(ACCELERATORS, null, 2);
    return table(
      ['id', 'name', 'bf16/fp16 dense', 'fp8 dense', 'memory', 'memory BW', 'scale-up', 'domain', 'TDP'],
      ACCELERATORS.map((a) => [
        a.id,
        a.name,
        formatFlopsPerS(a.peakFlopsPerS.bf16 ?? a.peakFlopsPerS.fp16 ?? 0),
        a.peakFlopsPerS.fp8 ? formatFlopsPerS(a.peakFlopsPerS.fp8) : '—',
        formatBytes(a.memoryBytes),
        `${formatCount(a.memoryBytesPerS)}B/s`,
        formatBitsPerS(a.scaleUpBytesPerS),
        String(a.scaleUpDomain),
        `${a.tdpW} W`,
      ]),
    );
  }
  if (which === 'models') {
    if (json) return JSON.stringify(MODELS, null, 2);
    return table(
      ['id', 'name', 'params', 'layers', 'hidden', 'heads/kv', 'attention', 'ffn', 'MoE'],
      MODELS.map((m) => [
        m.id,
        m.name,
        formatCount(paramCounts(m).total),
        String(m.layers),
        String(m.hidden),
        `${m.heads}/${m.kvHeads}`,
        m.attention.kind,
        m.ffn,
        m.moe ? `${m.moe.experts}×top${m.moe.topK}` : '—',
      ]),
    );
  }
  throw new UserError(`catalog: found '${which}', expected 'accelerators' or 'models'`);
}
