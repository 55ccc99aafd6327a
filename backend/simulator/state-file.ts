/**
 * The simulator's state file (persistence.ts says what is in it): read once at start, written atomically (a
 * temporary file renamed over the old one, so a crash mid-write leaves the previous state, never half a file),
 * a second after the requests that may have changed something, and at close. A second's debounce keeps a
 * burst of SP-API calls to one write; at most that second is lost when the process is killed.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Sim } from './sim';
import { dumpState, STATE_FORMAT, STATE_VERSION, type SimulatorState } from './persistence';

export const SAVE_DEBOUNCE_MS = 1000;

/** The saved state, or null when there is no file yet. A file this version cannot read stops the start. */
export function readStateFile(file: string): SimulatorState | null {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  const refuse = (why: string) =>
    new Error(`The local Amazon's state file ${file} ${why}. Move it away, or run "npm run simulator:reset" to start from the scenario.`);
  let state: Partial<SimulatorState>;
  try {
    state = JSON.parse(text) as Partial<SimulatorState>;
  } catch {
    throw refuse('is not valid JSON');
  }
  if (state.format !== STATE_FORMAT) throw refuse('is not a simulator state file');
  if (state.version !== STATE_VERSION) throw refuse(`has format version ${String(state.version)}; this simulator reads ${STATE_VERSION}`);
  return state as SimulatorState;
}

export function writeStateFile(file: string, state: SimulatorState): void {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  // 0600: it holds the refresh tokens the local Amazon issued (a fake's, but tokens all the same).
  const fd = fs.openSync(temporary, 'w', 0o600);
  try {
    fs.writeSync(fd, JSON.stringify(state));
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(temporary, file);
}

/** Writes `sim` to `file` a debounce after changes, and at once on `flush()` / `close()`. */
export class StateSaver {
  private timer: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(
    readonly file: string,
    private readonly sim: Sim,
    private readonly debounceMs = SAVE_DEBOUNCE_MS,
  ) {}

  /** Something may have changed: save soon. */
  changed(): void {
    if (this.closed || this.timer) return;
    this.timer = setTimeout(() => {
      try {
        this.flush();
      } catch (error) {
        // A full disk must not take the simulator down; the next change or close tries again.
        console.error(`simulator: could not write its state to ${this.file}:`, error);
      }
    }, this.debounceMs);
    // A pending save must not keep a process alive that is otherwise done; close() writes anyway.
    this.timer.unref();
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    writeStateFile(this.file, dumpState(this.sim));
  }

  close(): void {
    if (this.closed) return;
    this.flush();
    this.closed = true;
  }
}
