import { describe, expect, it } from 'vitest';
import { EventEmitter } from 'node:events';
import type { RunningServer } from '../mock/server.ts';
import { closeOnSignals } from '../mock/shutdown.ts';

describe('closeOnSignals and the parent process', () => {
  it('stops the server and exits 0 once the parent process id changes, and not before', async () => {
    let parent = 100;
    let closed = 0;
    const server = { url: 'http://127.0.0.1:1', close: async () => void closed++ } as unknown as RunningServer;
    const lines: string[] = [];
    const code = await new Promise<number>((resolve) => {
      const dispose = closeOnSignals(server, {
        signals: new EventEmitter(),
        parentCheckMs: 5,
        ppid: () => parent,
        log: (line) => lines.push(line),
        exit: (c) => {
          dispose();
          resolve(c);
        },
      });
      setTimeout(() => {
        expect(closed).toBe(0);
        parent = 1;
      }, 50);
    });
    expect(code).toBe(0);
    expect(closed).toBe(1);
    expect(lines[0]).toMatch(/^parent exited: stopping/);
  });
});
