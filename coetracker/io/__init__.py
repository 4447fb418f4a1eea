"""File formats: CSV for Japanese Excel, HTML for printed summaries and call sheets."""
