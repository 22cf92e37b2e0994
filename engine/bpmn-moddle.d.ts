/**
 * The part of bpmn-moddle's API the engine uses; the package ships types for BPMN's elements
 * (bpmn-moddle/types) but none for the class that reads them. Elements are read loosely in
 * engine/bpmn-import.ts, by their `$type`.
 */
declare module 'bpmn-moddle' {
  export class BpmnModdle {
    constructor(packages?: Record<string, unknown>);
    fromXML(xml: string): Promise<{ rootElement: unknown; warnings: { message: string }[] }>;
  }
}
