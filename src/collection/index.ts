/**
 * tmf-ctk in the Postman world: export the suites as Postman v2.1 collections that plain newman runs, and run
 * any collection (one of TM Forum's kits, or an exported one) through newman into the tmf-ctk result model.
 *
 *   const collection = await exportApi('TMF663', { target: 'http://localhost:8080' });   // tmf-ctk export
 *   const result = await runCollection({ collection: 'kit.json', environment: 'env.json' }); // run --collection
 *
 * See newman.ts for how src/cli/run.ts calls runCollection.
 */
export { exportApi, exportCollection, DEFAULT_TARGET, NOTIFICATIONS_NOTE, type ExportOptions } from './export.js';
export { runCollection, type CollectionRunOptions } from './newman.js';
export { runKit, kitApi, kitBaseUrl, type KitRunOptions } from './kit-run.js';
export { openKit, type KitFiles } from './kit-files.js';
export { prepareKit, type PreparedKit } from './kit-prepare.js';
export { planCollection, asCollection, type ApiIdentity, type CollectionPlan, type PlannedCase } from './plan.js';
export { checkFromAssertion, assertionName } from './assertions.js';
export { sandboxLibrary } from './bundle.js';
export type { PostmanCollection, PostmanEnvironment, PostmanItem, PostmanVariable } from './postman.js';
