import type { FastifyInstance } from 'fastify';
import { contentKey, type MockContent, type MockContentTable } from './behaviour-kit.js';
import type { ApiRuntime, MockEngine } from './engine.js';
import { seed, seedFlag } from './seed.js';
import type { Store } from './store.js';
import type { Tenancy } from './tenancy.js';

/**
 * A space is one tenant's sandbox (`scope`, the prefix of its collection names; '' without tenants).
 * A space is opened once per process before its first request: seeded (once per database) and its
 * clocks resumed. Reset empties a space and seeds it again.
 */
export interface SpaceOptions {
  seed: boolean;
  content?: MockContentTable;
  log: (line: string) => void;
}

export class Spaces {
  private readonly opened = new Map<string, Promise<void>>();

  constructor(private readonly runtimes: readonly ApiRuntime[], private readonly store: Store, private readonly engine: MockEngine, private readonly o: SpaceOptions) {}

  /** Opens the store and the spaces known at start. */
  async open(scopes: readonly string[]): Promise<void> {
    await this.store.open?.();
    for (const s of scopes) await this.ensure(s);
  }

  ensure(scope: string): Promise<void> {
    let p = this.opened.get(scope);
    if (!p) {
      p = this.openSpace(scope);
      this.opened.set(scope, p);
      p.catch(() => this.opened.delete(scope));
    }
    return p;
  }

  private async openSpace(scope: string): Promise<void> {
    await this.seedAll(scope);
    await this.engine.start(this.runtimes, scope);
  }

  private async seedAll(scope: string): Promise<number> {
    if (!this.o.seed) return 0;
    let n = 0;
    for (const rt of this.runtimes) n += await seed(rt, this.store, this.contentOf(rt), this.o.log, scope);
    return n;
  }

  /** The API version's content: `id@version` (generated, or that version's own) before the id's. */
  private contentOf(rt: ApiRuntime): MockContent | undefined {
    const content = this.o.content;
    const key = contentKey(content, rt.api.id, rt.api.version);
    return content && Object.hasOwn(content, key) ? content[key] : undefined;
  }

  /** Deletes every resource and subscription of the space, then seeds it again; the number of records seeded. */
  async reset(scope: string): Promise<number> {
    for (const rt of this.runtimes) {
      await this.store.clear(`${scope}${rt.api.id}/`);
      await this.store.deleteMeta(seedFlag(scope, rt.api.id));
    }
    return this.seedAll(scope);
  }
}

/** `POST /__tmf-ctk/reset` (with --allow-reset): the caller's own space back to its seed data. */
export function registerReset(scope: FastifyInstance, tenancy: Tenancy, spaces: Spaces): void {
  scope.post('/__tmf-ctk/reset', async (req, reply) => {
    const seeded = await spaces.reset(tenancy.scopeOf(req));
    return reply.code(200).header('content-type', 'application/json').send(JSON.stringify({ reset: true, seeded }));
  });
}
