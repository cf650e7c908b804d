"""The Qt panel `deskhand` opens with no command: the only package that imports PySide6, and
one that reaches the rest of Deskhand through app.services alone."""
