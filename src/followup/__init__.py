"""followup: never lose an offer to forgetfulness."""

__version__ = "0.1.0"
