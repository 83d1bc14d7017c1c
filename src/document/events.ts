import type { EventKind, EventModel, JsonSchema, Operation, Quirk, ResourceModel } from './model.js';
import { refName } from './refs.js';
import { flatten } from './schema-walk.js';

const KINDS: Array<[string, EventKind]> = [
  ['CreateEvent', 'create'], ['AttributeValueChangeEvent', 'attributeValueChange'],
  ['StateChangeEvent', 'stateChange'], ['DeleteEvent', 'delete'], ['InformationRequiredEvent', 'informationRequired'],
];

/** Events come from the listener operations the document declares: only those exist for a resource. */
export function buildEvents(ops: Operation[], resources: ResourceModel[], defs: Record<string, JsonSchema>, quirks: Quirk[]): EventModel[] {
  const events: EventModel[] = [];
  const bySchemaLength = [...resources].sort((a, b) => b.schemaName.length - a.schemaName.length);
  for (const op of ops.filter((o) => o.kind === 'listener')) {
    const eventType = op.requestSchemaName ?? upperFirst(op.path.split('/').pop() ?? '');
    const resource = bySchemaLength.find((r) => eventType.startsWith(r.schemaName));
    if (!resource) continue;
    const suffix = eventType.slice(resource.schemaName.length);
    const kind = KINDS.find(([s]) => s === suffix)?.[1] ?? 'other';
    const props = flatten(defs, eventType).properties;
    const envelopeKey = props.event ? 'event' : props.payload ? 'payload' : 'event';
    if (envelopeKey === 'payload') {
      quirks.push({ id: 'event-envelope-payload', where: eventType, detail: 'event carries the resource under "payload" instead of "event"' });
    }
    const envelope = props[envelopeKey];
    const payloadProps = flatten(defs, envelope ? refName(envelope.$ref) : undefined).properties;
    const payloadKey = Object.entries(payloadProps).find(([, s]) => refName(s.$ref) === resource.schemaName)?.[0]
      ?? lowerFirst(resource.schemaName);
    const envelopeName = envelope ? refName(envelope.$ref) : undefined;
    const ev: EventModel = { eventType, resource: resource.name, kind, schemaName: eventType, envelopeKey, payloadKey, listenerPath: op.path,
      ...typedEnvelope(defs, eventType, envelopeName) };
    resource.events.push(ev);
    events.push(ev);
  }
  return events;
}

/** v5 events extend Extensible: `@type` is required on the event (and on its envelope object when that is Extensible too). */
function typedEnvelope(defs: Record<string, JsonSchema>, eventType: string, envelope: string | undefined): Pick<EventModel, 'eventTypeValue' | 'envelopeTypeValue'> {
  const out: Pick<EventModel, 'eventTypeValue' | 'envelopeTypeValue'> = {};
  if (flatten(defs, eventType).required.includes('@type')) out.eventTypeValue = eventType;
  if (envelope && flatten(defs, envelope).required.includes('@type')) out.envelopeTypeValue = envelope;
  return out;
}

function upperFirst(s: string): string {
  return s ? s[0]!.toUpperCase() + s.slice(1) : s;
}
function lowerFirst(s: string): string {
  return s ? s[0]!.toLowerCase() + s.slice(1) : s;
}
