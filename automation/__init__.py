"""Deskhand's eyes and hands: screen, windows, OCR, grounding, input and verification.

Qt-free and model-free. Code outside ``automation.backends`` sees only the
protocols and plain dataclasses defined here; the libraries that touch the X
server (mss, python-xlib, pyautogui, pynput, Tesseract) live in the backends.
"""
