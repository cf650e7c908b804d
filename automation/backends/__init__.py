"""Platform backends: the only code that touches the X server, the input system or Tesseract.

Nothing is imported here eagerly, so that ``deskhand doctor`` can report a missing
library instead of dying on it. ``register_all()`` imports (and so registers) every
backend; libraries that connect at import time (pyautogui, pynput) are imported
inside constructors even then.
"""

import importlib


def register_all() -> None:
    from automation.backends import (  # noqa: F401
        atspi_tree,
        microphone,
        mss_screen,
        pynput_hook,
        pynput_hotkeys,
        tesseract_ocr,
        tesserocr_ocr,
        x11_selection,
        x11_windows,
        xtest_input,
    )


def library_version(module: str) -> str:
    """Import ``module`` (some connect to the display on import) and say which version loaded."""
    loaded = importlib.import_module(module)
    return str(getattr(loaded, "__version__", "installed"))
