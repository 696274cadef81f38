"""Clean scraped German articles and turn them into reviewed German–English parallel text."""

__version__ = "0.1.0"
