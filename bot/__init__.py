"""atbot: search Thai government releases on anti-human-trafficking work."""

__version__ = "0.1.0"
