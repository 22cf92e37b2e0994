/// <reference lib="webworker" />
// Walks every path of a draft off the page's thread: the student trajectory has some five
// thousand places to be in, a few seconds of work on a tablet.
import { pathsWork } from './paths';
import { serve } from './worker';

serve(pathsWork);
