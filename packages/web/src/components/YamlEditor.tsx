import { forwardRef } from 'react';

/** The scenario as text: the same YAML a file holds, checked as it is typed. */
export const YamlEditor = forwardRef<
  HTMLTextAreaElement,
  { readonly value: string; readonly onChange: (v: string) => void; readonly invalid: boolean }
>(function YamlEditor({ value, onChange, invalid }, ref) {
  return (
    <div className="yaml-editor">
      <label htmlFor="yaml">Scenario YAML</label>
      <textarea
        id="yaml"
        ref={ref}
        value={value}
        onChange={(e) => onChange(e.currentTarget.value)}
        spellCheck={false}
        autoCapitalize="off"
        autoComplete="off"
        aria-invalid={invalid}
        aria-describedby={invalid ? 'problems' : undefined}
        rows={28}
      />
    </div>
  );
});

/** Puts the cursor at a line and column of the text and shows it. */
export function goTo(area: HTMLTextAreaElement, line: number, column: number): void {
  const lines = area.value.split('\n');
  let offset = 0;
  for (let i = 0; i < Math.min(line - 1, lines.length); i++) offset += lines[i]!.length + 1;
  offset += Math.max(0, column - 1);
  area.focus();
  area.setSelectionRange(offset, offset);
  const lineHeight = area.scrollHeight / Math.max(1, lines.length);
  area.scrollTop = Math.max(0, (line - 3) * lineHeight);
}
