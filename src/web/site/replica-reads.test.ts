import { describe, expect, it } from 'vitest';
import { createReplicaReads, type ReplicaReadSide } from './replica-reads.js';

/** A read side that records which side each render ran on. */
function recordingSide(): ReplicaReadSide & { onReplica: number } {
  const side = {
    onReplica: 0,
    run<T>(work: () => Promise<T>): Promise<T> {
      side.onReplica += 1;
      return work();
    },
  };
  return side;
}

describe('replica reads', () => {
  it('renders on the replica until a change, then on the primary for the lag, then the replica again', async () => {
    let now = 10_000;
    const side = recordingSide();
    const reads = createReplicaReads({ readSide: side, lagMs: 2000, now: () => now });
    const render = () => Promise.resolve('page');

    await reads.run(render);
    expect(side.onReplica).toBe(1);

    reads.noteChange();
    now += 1999;
    expect(await reads.run(render)).toBe('page');
    expect(side.onReplica).toBe(1);

    now += 1;
    await reads.run(render);
    expect(side.onReplica).toBe(2);
  });

  it('a second change restarts the window', async () => {
    let now = 0;
    const side = recordingSide();
    const reads = createReplicaReads({ readSide: side, lagMs: 2000, now: () => now });
    reads.noteChange();
    now = 1500;
    reads.noteChange();
    now = 3000;
    await reads.run(() => Promise.resolve(1));
    expect(side.onReplica).toBe(0);
    now = 3500;
    await reads.run(() => Promise.resolve(1));
    expect(side.onReplica).toBe(1);
  });

  it('without a replica every render runs as it is', async () => {
    const reads = createReplicaReads({ readSide: undefined, lagMs: 2000 });
    reads.noteChange();
    expect(await reads.run(() => Promise.resolve('primary'))).toBe('primary');
  });
});
