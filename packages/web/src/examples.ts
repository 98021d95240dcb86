// The repository's examples, bundled into the page so a visitor can start from one offline.
const files = import.meta.glob('../../../examples/*.yaml', {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>;

export interface Example {
  readonly id: string;
  readonly title: string;
  readonly yaml: string;
}

const titleOf = (yaml: string, id: string): string => /^name:\s*(.+)$/m.exec(yaml)?.[1]?.trim() ?? id;

export const EXAMPLES: readonly Example[] = Object.entries(files)
  .map(([path, yaml]) => {
    const id = path.replace(/^.*\//, '').replace(/\.yaml$/, '');
    return { id, title: titleOf(yaml, id), yaml };
  })
  .sort((a, b) => a.id.localeCompare(b.id));

export const DEFAULT_EXAMPLE = 'llama3-8b-h100-fp8';

/** The smallest scenario that plans: a start for someone who brings their own numbers. */
export const BLANK = `name: My cluster
hardware:
  accelerator: h100-sxm
  gpus: 8
workloads:
  - train:
      model: llama-3-8b
      tokens: 100B
      seqLen: 8192
      globalBatch: 4M tokens
`;
