/// <reference lib="webworker" />
// Replays recorded histories against a draft off the page's thread: a few thousand cases take a
// second or two, and the diagram stays usable meanwhile.
import { replayWork } from './replay';
import { serve } from './worker';

serve(replayWork);
