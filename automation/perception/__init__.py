"""From pixels to text: grouping OCR words into labels, and observing windows."""
