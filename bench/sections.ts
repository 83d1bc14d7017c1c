/** The benchmark sections, in order. Each file exports `run(): Promise<void>` that prints its figures. */
export interface Section {
  name: string;
  run(): Promise<void>;
}

export const sections: Section[] = [
  { name: 'CLI start-up', run: async () => (await import('./startup.js')).run() },
  { name: 'spec load and compile', run: async () => (await import('./spec-load.js')).run() },
  { name: 'mock throughput', run: async () => (await import('./mock-throughput.js')).run() },
  { name: 'any document: generation and run', run: async () => (await import('./any-document.js')).run() },
  { name: 'mock stores (memory, SQLite, PostgreSQL ×1 and ×2)', run: async () => (await import('./store-throughput.js')).run() },
  { name: 'runner vs newman', run: async () => (await import('./runner-vs-newman.js')).run() },
  { name: 'proxy overhead', run: async () => (await import('./proxy-overhead.js')).run() },
];
