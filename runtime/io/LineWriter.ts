import type { Writable } from 'node:stream';

/**
 * Writes many small lines to a stream in large chunks, waiting for 'drain' when the stream is
 * full, and stops quietly when the reader has gone away (EPIPE, e.g. `crosswalk inspect x | head`).
 */
export class LineWriter {
  private buffer = '';
  private closed = false;
  private failure: Error | undefined;

  constructor(
    private readonly stream: Writable,
    private readonly chunkSize = 64 * 1024,
  ) {
    // Throwing inside the listener would crash the process; the next write reports it instead.
    stream.on('error', (error: NodeJS.ErrnoException) => {
      this.closed = true;
      if (error.code !== 'EPIPE') this.failure = error;
    });
  }

  /** True once the reader has gone: callers may stop producing. */
  get gone(): boolean {
    return this.closed;
  }

  async line(text: string): Promise<void> {
    if (this.failure !== undefined) throw this.failure;
    this.buffer += text + '\n';
    if (this.buffer.length >= this.chunkSize) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.failure !== undefined) throw this.failure;
    if (this.buffer.length === 0 || this.closed) {
      this.buffer = '';
      return;
    }
    const chunk = this.buffer;
    this.buffer = '';
    if (!this.stream.write(chunk)) {
      await new Promise<void>((resolve) => {
        const done = (): void => {
          this.stream.off('drain', done);
          this.stream.off('close', done);
          resolve();
        };
        this.stream.on('drain', done);
        this.stream.on('close', done);
      });
    }
  }
}
