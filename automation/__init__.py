"""Deskhand's eyes and hands: screen, windows, OCR, grounding, input, verification,
the recorder, skills and the agent loop.

Qt-free and model-free. Code outside ``automation.backends`` sees only the ports
(automation.protocols) and plain dataclasses; the libraries that touch the X server
(mss, python-xlib, pyautogui, pynput, Tesseract) live in the backends. Inside, the
layers run skills > agent | recording > actuation > perception | grounding | documents
> backends > the base modules (ports, decisions, types, errors, ...): the layers
contract in pyproject.toml holds each to importing only below itself.
"""
