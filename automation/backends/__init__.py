"""Platform backends: the only code that touches the X server, the input system or Tesseract.

Importing this package registers every backend without opening a display:
libraries that connect at import time (pyautogui, pynput) are imported inside
constructors.
"""

from automation.backends import mss_screen, tesseract_ocr, tesserocr_ocr, x11_windows, xtest_input

__all__ = ["mss_screen", "tesseract_ocr", "tesserocr_ocr", "x11_windows", "xtest_input"]
