import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { reportDirName, writeReports } from '../index.ts';
import { sampleReport } from './sample-report.ts';

describe('writeReports', () => {
  const dirs: string[] = [];
  const temp = (): string => {
    const dir = mkdtempSync(join(tmpdir(), 'ou-reports-'));
    dirs.push(dir);
    return dir;
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('names the folder after the start time, safe for file names and matched by .gitignore reports/[0-9]*/', () => {
    const name = reportDirName('2025-11-24T19:12:03.456Z');
    expect(name).toBe('2025-11-24T19-12-03-456Z');
    expect(name).toMatch(/^[0-9][0-9A-Za-z-]*$/);
  });

  it('writes report.json, junit.xml and report.html into the given folder, creating it', () => {
    const dir = join(temp(), 'nested', 'out');
    const paths = writeReports(sampleReport(), dir);
    expect(paths).toEqual({ dir, json: join(dir, 'report.json'), junit: join(dir, 'junit.xml'), html: join(dir, 'report.html'), bodies: [] });
    expect(JSON.parse(readFileSync(paths.json, 'utf8')).target).toBe(sampleReport().target);
    expect(readFileSync(paths.junit, 'utf8')).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites /);
    expect(readFileSync(paths.html, 'utf8')).toMatch(/^<!DOCTYPE html>/);
  });

  it('defaults to reports/<timestamp>/ under the working directory', () => {
    const cwd = process.cwd();
    const dir = temp();
    process.chdir(dir);
    try {
      const paths = writeReports(sampleReport());
      expect(paths.dir).toBe(join(process.cwd(), 'reports', '2025-11-24T19-12-03-456Z'));
      expect(existsSync(paths.html)).toBe(true);
    } finally {
      process.chdir(cwd);
    }
  });
});
