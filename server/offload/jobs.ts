// What the offload thread can do: the engine's pure work whose cost grows with what a person
// sends. Arguments and answers cross the thread as structured clones, so each is plain data.
export { diffDefinitions, fromBpmn, fromScxml, readPackage, validateDefinition } from '../../engine';
