"""Platform backends: the only code that touches the X server, the input system or Tesseract.

Importing this package registers every backend without opening a display:
libraries that connect at import time (pyautogui, pynput) are imported inside
constructors.
"""

import os

from automation.backends import mss_screen, tesseract_ocr, tesserocr_ocr, x11_windows, xtest_input

__all__ = ["mss_screen", "ocr_backend", "tesseract_ocr", "tesserocr_ocr", "x11_windows", "xtest_input"]


def ocr_backend() -> str:
    """DESKHAND_OCR forces an OCR backend; otherwise in-process tesserocr, which is always installed."""
    return os.environ.get("DESKHAND_OCR", "tesserocr")
