"""Shared widgets and helpers: text and labels, message boxes, forms, icons, palette, the background
worker, window state."""
