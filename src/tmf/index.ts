/** TMF630 REST semantics shared by the mock (to answer) and the runner (to judge). */
export * from './errors.js';
export * from './fields.js';
export * from './filter.js';
export * from './media-types.js';
export * from './paging.js';
export * from './patch.js';
export * from './paths.js';
export * from './policy.js';
export * from './query.js';
export * from './sort.js';
export * from './links.js';
