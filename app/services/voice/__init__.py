"""Voice, as a service: what was heard becomes a request (numbers, cleanup), the words
that prime the recognizer, the engine, and replies said aloud. The engines are in
models/speech, the sources in automation/audio and automation/backends."""
