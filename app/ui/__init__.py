"""The Qt panel: the face `deskhand` opens with no arguments. The only place PySide6 is imported."""
