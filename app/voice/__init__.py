"""Voice, on the app side: what was heard becomes a request (numbers, cleanup), the words
that prime the recognizer, and the glue from an audio source to the agent. The engines
are in models/speech, the sources in automation/audio and automation/backends."""
