import { behaviour as tmf622 } from '../../mocks/TMF622/behaviour.js';
import { behaviour as tmf663 } from '../../mocks/TMF663/behaviour.js';
import { behaviour as tmf666 } from '../../mocks/TMF666/behaviour.js';
import { behaviour as tmf671 } from '../../mocks/TMF671/behaviour.js';
import { behaviour as tmf699 } from '../../mocks/TMF699/behaviour.js';
import type { ApiBehaviour, ResourceBehaviour } from './behaviour-kit.js';

/**
 * The per-API behaviours, by API id (every version of an id shares them). An explicit table rather
 * than registration by import side effect: adding an API is one line here and a folder in mocks/.
 */
const BEHAVIOURS: Record<string, ApiBehaviour> = {
  TMF622: tmf622,
  TMF663: tmf663,
  TMF666: tmf666,
  TMF671: tmf671,
  TMF699: tmf699,
};

/** The hooks of one resource; an API or resource without any gets the generic engine only. */
export function behaviourOf(apiId: string, resource: string): ResourceBehaviour {
  const api = BEHAVIOURS[apiId];
  return (api && Object.hasOwn(api.resources, resource) ? api.resources[resource] : undefined) ?? {};
}
