"""From a target the user names ("Amount", "Save As") to one element and a point to click."""
