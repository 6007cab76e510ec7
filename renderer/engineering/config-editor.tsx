/**
 * The config editor: the YAML in a large monospace textarea with a line-number gutter that
 * scrolls with it, the lines with a problem marked in the gutter ("✕" and bold, not a colour
 * alone), and the problems list under it; tapping a problem puts the cursor on its line. A
 * YAML file dropped on the editor replaces the text (the screen decides what that means).
 *
 * Decisions:
 * - A plain textarea, no editor library: the file is a few hundred lines, and an engineer
 *   needs line numbers, the problems and the cursor on a line, not highlighting.
 * - Lines never wrap (`wrap="off"`), so the gutter's rows are the text's lines.
 * - The parent holds the text; `goToLine` is called through the handle passed in `editorRef`.
 */
import { useRef } from 'react';
import type { DragEvent, RefObject } from 'react';
import type { ConfigProblemInfo } from '../../core/contract/index.js';
import { lineCount, lineRange } from './config-text.js';

export interface EditorHandle {
  goToLine(line: number): void;
}

/** The editor's line height in px: the gutter and the scroll position to a line use it. */
const lineHeight = 28;

export function ConfigEditor({
  text,
  onChange,
  problems,
  onDropFile,
  editorRef,
}: {
  text: string;
  onChange(text: string): void;
  problems: readonly ConfigProblemInfo[];
  onDropFile(file: File): void;
  editorRef: RefObject<EditorHandle | null>;
}) {
  const area = useRef<HTMLTextAreaElement>(null);
  const gutter = useRef<HTMLDivElement>(null);
  const bad = new Set(problems.map((problem) => problem.line).filter((line): line is number => line !== null));
  const count = lineCount(text);
  const numbers: number[] = [];
  for (let n = 1; n <= count; n++) numbers.push(n);

  const goToLine = (line: number) => {
    const element = area.current;
    if (element === null) return;
    const { start, end } = lineRange(element.value, line);
    element.focus();
    element.setSelectionRange(start, end);
    element.scrollTop = Math.max(0, (line - 1) * lineHeight - element.clientHeight / 3);
  };
  editorRef.current = { goToLine };

  const onDrop = (event: DragEvent) => {
    const file = event.dataTransfer.files[0];
    if (file === undefined) return;
    event.preventDefault();
    onDropFile(file);
  };

  return (
    <div className="eng-editor" data-testid="config-editor" onDragOver={(event) => event.preventDefault()} onDrop={onDrop}>
      <div ref={gutter} className="eng-gutter" aria-hidden="true">
        {numbers.map((n) => (
          <div key={n} className="eng-gutter-line" data-problem={bad.has(n) ? 'true' : undefined}>
            {bad.has(n) ? '✕ ' : ''}
            {n}
          </div>
        ))}
      </div>
      <textarea
        ref={area}
        className="eng-text"
        data-testid="config-text"
        aria-label="Plant config (YAML)"
        value={text}
        wrap="off"
        spellCheck={false}
        autoCapitalize="off"
        autoComplete="off"
        autoCorrect="off"
        onChange={(event) => onChange(event.target.value)}
        onScroll={(event) => {
          if (gutter.current !== null) gutter.current.scrollTop = event.currentTarget.scrollTop;
        }}
      />
    </div>
  );
}

/** The problems of the text, each a button that puts the cursor on its line. */
export function ProblemList({ problems, onGoTo }: { problems: readonly ConfigProblemInfo[]; onGoTo(line: number): void }) {
  if (problems.length === 0) return null;
  return (
    <ol className="eng-problems" data-testid="config-problems" aria-label="Problems in the config">
      {problems.map((problem, i) => (
        <li key={`${i}:${problem.path}`}>
          <button type="button" className="eng-problem" data-testid="config-problem" data-line={problem.line ?? ''} disabled={problem.line === null} onClick={() => problem.line !== null && onGoTo(problem.line)}>
            <span className="eng-problem-line">{problem.line === null ? '✕ —' : `✕ Line ${problem.line}`}</span>
            <span className="eng-problem-text">{problem.message}</span>
          </button>
        </li>
      ))}
    </ol>
  );
}
