"""Acting on the screen: the safety gate, the actor that grounds and acts, and verification."""
