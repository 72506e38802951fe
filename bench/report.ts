import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, resolve } from 'node:path';

/** The machine a figure was measured on: figures mean little without it. */
export interface MachineInfo {
  cpu: string;
  cores: number;
  memory_gib: number;
  node: string;
  /** 1-minute load average when the run started: above 0.5 means someone else was using the machine. */
  loadavg_1m_at_start: number;
}

export function machineInfo(): MachineInfo {
  const cpu = cpus();
  return {
    cpu: cpu[0]?.model ?? 'unknown',
    cores: cpu.length,
    memory_gib: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    loadavg_1m_at_start: loadNow(),
  };
}

/** 1-minute load average now, to put next to the one at the start. */
export function loadNow(): number {
  return Math.round((loadavg()[0] ?? 0) * 100) / 100;
}

/** A target next to its measured figure. */
export interface TargetCheck {
  target: string;
  measured: string;
  pass: boolean;
}

/** Writes `data` as pretty JSON, creating the folder; returns the absolute path. */
export function writeReport(file: string, data: unknown): string {
  const path = resolve(file);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(data, null, 2)}\n`);
  return path;
}

/** A GitHub-flavoured Markdown table; numbers are right-aligned. */
export function markdownTable(headers: readonly string[], rows: ReadonlyArray<ReadonlyArray<string | number>>): string {
  const numeric = headers.map((_, i) => rows.length > 0 && rows.every((r) => typeof r[i] === 'number'));
  const line = (cells: ReadonlyArray<string | number>): string => `| ${cells.map(String).join(' | ')} |`;
  return [line(headers), line(numeric.map((n) => (n ? '---:' : '---'))), ...rows.map(line)].join('\n');
}

export function targetTable(checks: readonly TargetCheck[]): string {
  return markdownTable(
    ['target', 'measured', 'result'],
    checks.map((c) => [c.target, c.measured, c.pass ? 'PASS' : 'MISS']),
  );
}

/** Milliseconds with a precision that suits the size. */
export function ms(value: number): string {
  if (value >= 100) return `${Math.round(value)} ms`;
  if (value >= 10) return `${value.toFixed(1)} ms`;
  return `${value.toFixed(2)} ms`;
}
